package io.ike4j.platform.radius;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;

/** A scripted UDP RADIUS responder for client tests: for each request, sends the datagrams the script returns. */
final class FakeRadiusServer implements AutoCloseable {
    final DatagramChannel channel;
    final List<RadiusPacket> requests = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Thread thread;

    FakeRadiusServer(BiFunction<RadiusPacket, Integer, List<byte[]>> script) throws IOException {
        channel = DatagramChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        thread = Thread.ofVirtual().start(() -> {
            ByteBuffer buf = ByteBuffer.allocate(5000);
            try {
                while (true) {
                    buf.clear();
                    SocketAddress from = channel.receive(buf);
                    byte[] data = Arrays.copyOf(buf.array(), buf.position());
                    RadiusPacket p = ((RadiusDecodeResult.Decoded) RadiusPacket.decode(data)).packet();
                    requests.add(p);
                    for (byte[] out : script.apply(p, requests.size())) channel.send(ByteBuffer.wrap(out), from);
                }
            } catch (IOException e) {
                // closed
            }
        });
    }

    InetSocketAddress address() throws IOException {
        return (InetSocketAddress) channel.getLocalAddress();
    }

    /** A reply with a correct Message-Authenticator (optional) and Response Authenticator. */
    static byte[] reply(RadiusCode code, int id, byte[] requestAuth, byte[] secret, List<RadiusAttribute> attrs, boolean withMa) {
        List<RadiusAttribute> all = new ArrayList<>(attrs);
        if (withMa) all.add(new RadiusAttribute(RadiusAttributeType.MESSAGE_AUTHENTICATOR, new byte[16]));
        byte[] p = new RadiusPacket(code, id, requestAuth, all).encode();
        if (withMa) {
            byte[] mac = RadiusCrypto.hmacMd5(secret, p);
            System.arraycopy(mac, 0, p, p.length - 16, 16);
        }
        byte[] auth = RadiusCrypto.md5(p, secret);
        System.arraycopy(auth, 0, p, 4, 16);
        return p;
    }

    @Override
    public void close() throws IOException {
        channel.close();
        thread.interrupt();
    }
}
