package io.ike4j.core.auth.eap;

import io.ike4j.core.crypto.RandomSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;

/**
 * EAP-MSCHAPv2 authenticator (draft-kamath-pppext-eap-mschapv2, RFC 2759): Challenge, verify the NT-Response, send
 * Success ("S=... M=...") or Failure ("E=691 R=0 ..."), and complete once the peer acknowledges. MSK: see
 * {@link MsChapV2Crypto#msk}.
 */
public final class EapMsChapV2Server implements EapServerMethod {
    private enum State { CHALLENGE_SENT, SUCCESS_SENT, FAILURE_SENT, DONE }

    private final RandomSource random;
    private final EapPasswordLookup passwords;
    private final byte[] serverName;
    private State state;
    private int identifier;
    private int msChapId;
    private byte[] challenge;
    private byte[] msk;
    /** Why the Failure Request was sent, for the log (unknown user or wrong password). */
    private String failureReason = "MSCHAPv2 authentication failed";
    private EapStart start;

    public EapMsChapV2Server(RandomSource random, EapPasswordLookup passwords, String serverName) {
        this.random = random;
        this.passwords = passwords;
        this.serverName = serverName.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public int type() {
        return EapType.MSCHAPV2.value();
    }

    @Override
    public EapStep start(EapStart start) {
        this.start = start;
        identifier = start.identifier();
        msChapId = identifier;
        challenge = random.bytes(16);
        state = State.CHALLENGE_SENT;
        var p = new MsChapV2Packet(MsChapV2Packet.CHALLENGE, msChapId, MsChapV2Packet.valueAndName(challenge, serverName));
        return new EapStep.Send(EapMessage.request(identifier, type(), p.encode()));
    }

    @Override
    public EapStep process(EapMessage response) {
        Optional<MsChapV2Packet> p = MsChapV2Packet.parse(response.typeData());
        if (p.isEmpty()) return new EapStep.Failure("malformed MSCHAPv2 response");
        return switch (state) {
            case CHALLENGE_SENT -> verify(p.get());
            case SUCCESS_SENT -> p.get().opCode() == MsChapV2Packet.SUCCESS
                    ? done(new EapStep.Success(Optional.of(msk)))
                    : done(new EapStep.Failure("peer did not acknowledge MSCHAPv2 Success"));
            case FAILURE_SENT -> done(new EapStep.Failure(failureReason));
            case DONE -> new EapStep.Failure("MSCHAPv2 already finished");
            case null -> new EapStep.Failure("MSCHAPv2 not started");
        };
    }

    private EapStep verify(MsChapV2Packet p) {
        if (p.opCode() != MsChapV2Packet.RESPONSE || p.msChapId() != msChapId) return done(new EapStep.Failure("expected MSCHAPv2 Response"));
        Optional<byte[][]> vn = MsChapV2Packet.splitValue(p.data(), 49);
        if (vn.isEmpty()) return done(new EapStep.Failure("malformed MSCHAPv2 Response value"));
        byte[] value = vn.get()[0];
        byte[] name = vn.get()[1];
        byte[] peerChallenge = Arrays.copyOfRange(value, 0, 16);
        byte[] ntResponse = Arrays.copyOfRange(value, 24, 48);
        String user = start.identity().isPresent() ? start.identityString() : new String(name, StandardCharsets.UTF_8);
        Optional<String> password = passwords.password(user);
        byte[] userName = MsChapV2Packet.userNameForHash(name);
        if (password.isPresent()) {
            byte[] hash = MsChapV2Crypto.ntPasswordHash(password.get());
            byte[] expected = MsChapV2Crypto.ntResponse(challenge, peerChallenge, userName, hash);
            if (MessageDigest.isEqual(expected, ntResponse)) {
                byte[] auth = MsChapV2Crypto.authenticatorResponse(hash, ntResponse, peerChallenge, challenge, userName);
                msk = MsChapV2Crypto.msk(hash, ntResponse);
                Arrays.fill(hash, (byte) 0);
                state = State.SUCCESS_SENT;
                byte[] msg = (MsChapV2Crypto.authenticatorResponseString(auth) + " M=Welcome").getBytes(StandardCharsets.US_ASCII);
                return next(new MsChapV2Packet(MsChapV2Packet.SUCCESS, msChapId, msg));
            }
            Arrays.fill(hash, (byte) 0);
        }
        state = State.FAILURE_SENT;
        failureReason = "MSCHAPv2 authentication failed: " + (password.isEmpty() ? "unknown user '" + user + "'"
                : "wrong password for '" + user + "'");
        // RFC 2759 6: E=691 (authentication failure), not retryable here.
        byte[] msg = ("E=691 R=0 C=" + EapMessage.hex(random.bytes(16)) + " V=3 M=Authentication failed").getBytes(StandardCharsets.US_ASCII);
        return next(new MsChapV2Packet(MsChapV2Packet.FAILURE, msChapId, msg));
    }

    @Override
    public java.util.Optional<String> failureSent() {
        return state == State.FAILURE_SENT ? java.util.Optional.of(failureReason) : java.util.Optional.empty();
    }

    private EapStep next(MsChapV2Packet p) {
        identifier = EapMessage.next(identifier);
        return new EapStep.Send(EapMessage.request(identifier, type(), p.encode()));
    }

    private EapStep done(EapStep outcome) {
        state = State.DONE;
        if (msk != null && outcome instanceof EapStep.Failure) Arrays.fill(msk, (byte) 0);
        return outcome;
    }
}
