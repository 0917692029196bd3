package io.ike4j.core.auth.eap;

import io.ike4j.core.crypto.RandomSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * EAP-MSCHAPv2 peer (draft-kamath-pppext-eap-mschapv2, RFC 2759): answers the Challenge with the NT-Response,
 * verifies the authenticator's "S=" value before acknowledging Success (mutual authentication), and acknowledges a
 * Failure. MSK: see {@link MsChapV2Crypto#msk}.
 */
public final class EapMsChapV2Client implements EapClientMethod {
    private final RandomSource random;
    private final byte[] name;
    private final byte[] passwordHash;
    private byte[] expectedAuth;
    private byte[] msk;
    private boolean verified;

    public EapMsChapV2Client(RandomSource random, String userName, String password) {
        this.random = random;
        this.name = userName.getBytes(StandardCharsets.UTF_8);
        this.passwordHash = MsChapV2Crypto.ntPasswordHash(password);
    }

    @Override
    public int type() {
        return EapType.MSCHAPV2.value();
    }

    @Override
    public EapStep process(EapMessage request) {
        Optional<MsChapV2Packet> p = MsChapV2Packet.parse(request.typeData());
        if (p.isEmpty()) return new EapStep.Ignore("malformed MSCHAPv2 request");
        return switch (p.get().opCode()) {
            case MsChapV2Packet.CHALLENGE -> challenge(request.identifier(), p.get());
            case MsChapV2Packet.SUCCESS -> success(request.identifier(), p.get());
            case MsChapV2Packet.FAILURE -> {
                // draft-kamath 2.4: acknowledge with a Failure Response; the authenticator then sends EAP-Failure.
                expectedAuth = null;
                yield respond(request.identifier(), MsChapV2Packet.bare(MsChapV2Packet.FAILURE));
            }
            default -> new EapStep.Ignore("unsupported MSCHAPv2 OpCode " + p.get().opCode());
        };
    }

    private EapStep challenge(int identifier, MsChapV2Packet p) {
        Optional<byte[][]> vn = MsChapV2Packet.splitValue(p.data(), 16);
        if (vn.isEmpty()) return new EapStep.Ignore("malformed MSCHAPv2 challenge");
        byte[] authChallenge = vn.get()[0];
        byte[] peerChallenge = random.bytes(16);
        byte[] userName = MsChapV2Packet.userNameForHash(name);
        byte[] nt = MsChapV2Crypto.ntResponse(authChallenge, peerChallenge, userName, passwordHash);
        expectedAuth = MsChapV2Crypto.authenticatorResponse(passwordHash, nt, peerChallenge, authChallenge, userName);
        msk = MsChapV2Crypto.msk(passwordHash, nt);
        byte[] value = new byte[49]; // PeerChallenge(16) | Reserved(8) | NT-Response(24) | Flags(1)
        System.arraycopy(peerChallenge, 0, value, 0, 16);
        System.arraycopy(nt, 0, value, 24, 24);
        return respond(identifier, new MsChapV2Packet(MsChapV2Packet.RESPONSE, p.msChapId(), MsChapV2Packet.valueAndName(value, name)));
    }

    private EapStep success(int identifier, MsChapV2Packet p) {
        if (expectedAuth == null) return new EapStep.Failure("MSCHAPv2 Success without a Challenge");
        String message = new String(p.data(), StandardCharsets.US_ASCII);
        byte[] received = null;
        for (String token : message.split(" ")) {
            if (token.startsWith("S=") && token.length() == 42) {
                try {
                    received = HexFormat.of().parseHex(token.substring(2));
                } catch (IllegalArgumentException e) {
                    received = null;
                }
            }
        }
        if (received == null || !MessageDigest.isEqual(received, expectedAuth)) {
            return new EapStep.Failure("MSCHAPv2 authenticator response did not verify");
        }
        verified = true;
        return respond(identifier, MsChapV2Packet.bare(MsChapV2Packet.SUCCESS));
    }

    private EapStep respond(int identifier, MsChapV2Packet p) {
        return new EapStep.Send(EapMessage.response(identifier, type(), p.encode()));
    }

    @Override
    public boolean mayAcceptSuccess() {
        return verified;
    }

    @Override
    public Optional<byte[]> msk() {
        return verified ? Optional.of(msk.clone()) : Optional.empty();
    }

    /** Wipes the password hash and MSK. */
    public void destroy() {
        Arrays.fill(passwordHash, (byte) 0);
        if (msk != null) Arrays.fill(msk, (byte) 0);
    }
}
