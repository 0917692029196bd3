package io.ike4j.interop;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * A tiny TCP bulk transfer run as its own JVM inside a lab namespace (so the test needs no netcat or socat):
 * <pre>
 *   TcpTransfer server BIND_ADDRESS PORT         accepts one connection, reads to EOF
 *   TcpTransfer client BIND_ADDRESS HOST PORT BYTES SEED   sends BYTES pseudo-random bytes
 * </pre>
 * Both print {@code <bytes> <sha256 hex>} of what they received or sent (the server prints {@code listening} first).
 */
public final class TcpTransfer {
    private TcpTransfer() {
    }

    public static void main(String[] args) throws IOException, NoSuchAlgorithmException {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        long total = 0;
        byte[] buf = new byte[64 * 1024];
        if (args[0].equals("server")) {
            try (ServerSocket ss = new ServerSocket()) {
                ss.bind(new InetSocketAddress(InetAddress.getByName(args[1]), Integer.parseInt(args[2])));
                System.out.println("listening");
                System.out.flush();
                try (Socket s = ss.accept(); InputStream in = s.getInputStream()) {
                    for (int n; (n = in.read(buf)) > 0; ) {
                        sha.update(buf, 0, n);
                        total += n;
                    }
                }
            }
        } else {
            long bytes = Long.parseLong(args[4]);
            SplittableRandom random = new SplittableRandom(Long.parseLong(args[5]));
            try (Socket s = new Socket()) {
                s.bind(new InetSocketAddress(InetAddress.getByName(args[1]), 0));
                s.connect(new InetSocketAddress(InetAddress.getByName(args[2]), Integer.parseInt(args[3])), 10_000);
                OutputStream out = s.getOutputStream();
                while (total < bytes) {
                    int n = (int) Math.min(buf.length, bytes - total);
                    random.nextBytes(buf);
                    out.write(buf, 0, n);
                    sha.update(buf, 0, n);
                    total += n;
                }
                s.shutdownOutput();
            }
        }
        System.out.println(total + " " + HexFormat.of().formatHex(sha.digest()));
    }
}
