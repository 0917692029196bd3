package io.ike4j.core.auth.eap;

import io.ike4j.core.crypto.RandomSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/** EAP-MD5-Challenge authenticator (RFC 3748 5.4). Derives no MSK. */
public final class EapMd5Server implements EapServerMethod {
    private final RandomSource random;
    private final EapPasswordLookup passwords;
    private final byte[] name;
    private EapStart start;
    private byte[] challenge;
    private int identifier;

    public EapMd5Server(RandomSource random, EapPasswordLookup passwords, String serverName) {
        this.random = random;
        this.passwords = passwords;
        this.name = serverName.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public int type() {
        return EapType.MD5_CHALLENGE.value();
    }

    @Override
    public EapStep start(EapStart start) {
        this.start = start;
        this.identifier = start.identifier();
        this.challenge = random.bytes(16);
        return new EapStep.Send(EapMessage.request(identifier, type(), new Md5Challenge(challenge, name).encode()));
    }

    @Override
    public EapStep process(EapMessage response) {
        if (challenge == null) return new EapStep.Failure("EAP-MD5 response before challenge");
        Optional<Md5Challenge> parsed = Md5Challenge.parse(response.typeData());
        if (parsed.isEmpty() || parsed.get().value().length != 16) return new EapStep.Failure("malformed EAP-MD5 response");
        String user = start.identity().isPresent() ? start.identityString() : new String(parsed.get().name(), StandardCharsets.UTF_8);
        Optional<String> password = passwords.password(user);
        if (password.isEmpty()) return new EapStep.Failure("unknown user '" + user + "'");
        byte[] secret = password.get().getBytes(StandardCharsets.UTF_8);
        byte[] expected = Md5Challenge.response(identifier, secret, challenge);
        java.util.Arrays.fill(secret, (byte) 0);
        challenge = null;
        return MessageDigest.isEqual(expected, parsed.get().value())
                ? new EapStep.Success(Optional.empty())
                : new EapStep.Failure("EAP-MD5 response mismatch (wrong password for '" + user + "')");
    }
}
