package io.ike4j.core.auth.eap;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** EAP-MD5-Challenge peer (RFC 3748 5.4): response = MD5(Identifier | password | Challenge). No MSK. */
public final class EapMd5Client implements EapClientMethod {
    private final byte[] secret;
    private final byte[] name;
    private boolean answered;

    public EapMd5Client(String name, String password) {
        this.name = name.getBytes(StandardCharsets.UTF_8);
        this.secret = password.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public int type() {
        return EapType.MD5_CHALLENGE.value();
    }

    @Override
    public EapStep process(EapMessage request) {
        Optional<Md5Challenge> c = Md5Challenge.parse(request.typeData());
        if (c.isEmpty()) return new EapStep.Ignore("malformed EAP-MD5 challenge");
        byte[] value = Md5Challenge.response(request.identifier(), secret, c.get().value());
        answered = true;
        return new EapStep.Send(EapMessage.response(request.identifier(), type(), new Md5Challenge(value, name).encode()));
    }

    @Override
    public boolean mayAcceptSuccess() {
        return answered;
    }

    /** EAP-MD5 derives no keys. */
    @Override
    public Optional<byte[]> msk() {
        return Optional.empty();
    }
}
