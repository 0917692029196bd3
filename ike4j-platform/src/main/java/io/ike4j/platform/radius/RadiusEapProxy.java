package io.ike4j.platform.radius;

import io.ike4j.core.auth.eap.EapCode;
import io.ike4j.core.auth.eap.EapDecodeResult;
import io.ike4j.core.auth.eap.EapMessage;
import io.ike4j.core.auth.eap.EapServerMethod;
import io.ike4j.core.auth.eap.EapStart;
import io.ike4j.core.auth.eap.EapStep;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * An {@link EapServerMethod} that relays EAP to a RADIUS server (RFC 3579 "pass-through" authenticator): each peer
 * Response goes out in an Access-Request (EAP-Message split at 253 octets, State echoed, User-Name, NAS and station
 * attributes, Message-Authenticator); Access-Challenge yields the next Request, Access-Accept success with the MSK
 * from MS-MPPE-Recv-Key | MS-MPPE-Send-Key (RFC 2548, as strongSwan's eap-radius; zero-padded to 64 octets when the
 * keys are shorter, which makes it equal to a local EAP-MSCHAPv2 MSK), Access-Reject failure.
 * <p>{@link #process} blocks on the network: call it from a virtual thread, never from the pure engine loop.
 */
public final class RadiusEapProxy implements EapServerMethod {
    public static final int MSK_LENGTH = 64;

    private final RadiusClient client;
    private final Optional<String> calledStationId;
    private final Optional<String> callingStationId;
    private Optional<byte[]> userName = Optional.empty();
    private Optional<byte[]> state = Optional.empty();

    public RadiusEapProxy(RadiusClient client, Optional<String> calledStationId, Optional<String> callingStationId) {
        this.client = client;
        this.calledStationId = calledStationId;
        this.callingStationId = callingStationId;
    }

    @Override
    public int type() {
        return PASS_THROUGH;
    }

    /** Forwards the peer's Identity Response, or an EAP-Start (empty EAP-Message, RFC 3579 2.1) without one. */
    @Override
    public EapStep start(EapStart start) {
        userName = start.identity().filter(b -> b.length > 0);
        return forward(start.identityResponse().map(EapMessage::encode).orElse(new byte[0]));
    }

    @Override
    public EapStep process(EapMessage response) {
        return forward(response.encode());
    }

    private EapStep forward(byte[] eap) {
        List<RadiusAttribute> attrs = new ArrayList<>();
        userName.ifPresent(u -> attrs.add(new RadiusAttribute(RadiusAttributeType.USER_NAME, Arrays.copyOf(u, Math.min(u.length, 253)))));
        RadiusConfig cfg = client.config();
        cfg.nasIpAddress().ifPresent(ip -> {
            if (ip.getAddress().length == 4) attrs.add(new RadiusAttribute(RadiusAttributeType.NAS_IP_ADDRESS, ip.getAddress()));
        });
        if (!cfg.nasIdentifier().isEmpty()) attrs.add(RadiusAttribute.text(RadiusAttributeType.NAS_IDENTIFIER, cfg.nasIdentifier()));
        attrs.add(RadiusAttribute.integer(RadiusAttributeType.NAS_PORT_TYPE, 5)); // Virtual (RFC 2865 5.41)
        attrs.add(RadiusAttribute.integer(RadiusAttributeType.SERVICE_TYPE, 2)); // Framed-User
        calledStationId.ifPresent(s -> attrs.add(RadiusAttribute.text(RadiusAttributeType.CALLED_STATION_ID, s)));
        callingStationId.ifPresent(s -> attrs.add(RadiusAttribute.text(RadiusAttributeType.CALLING_STATION_ID, s)));
        attrs.addAll(RadiusPacket.eapAttributes(eap));
        state.ifPresent(s -> attrs.add(new RadiusAttribute(RadiusAttributeType.STATE, s))); // RFC 2865 5.24
        return switch (client.send(attrs)) {
            case RadiusOutcome.TimedOut t -> new EapStep.Failure("RADIUS server did not answer after " + t.attempts() + " attempts");
            case RadiusOutcome.Failed f -> new EapStep.Failure("RADIUS: " + f.reason());
            case RadiusOutcome.Reply r -> reply(r);
        };
    }

    private EapStep reply(RadiusOutcome.Reply r) {
        RadiusPacket p = r.packet();
        return switch (p.code()) {
            case ACCESS_CHALLENGE -> {
                state = p.first(RadiusAttributeType.STATE).map(RadiusAttribute::value);
                Optional<EapMessage> eap = p.eapMessage().flatMap(RadiusEapProxy::decodeEap);
                if (eap.isEmpty() || eap.get().code() != EapCode.REQUEST) yield new EapStep.Failure("Access-Challenge without a valid EAP Request");
                yield new EapStep.Send(eap.get());
            }
            case ACCESS_ACCEPT -> new EapStep.Success(msk(p, client.config().secret(), r.requestAuthenticator()));
            case ACCESS_REJECT -> new EapStep.Failure("Access-Reject");
            case ACCESS_REQUEST -> new EapStep.Failure("unexpected Access-Request");
        };
    }

    private static Optional<EapMessage> decodeEap(byte[] b) {
        return EapMessage.decode(b) instanceof EapDecodeResult.Decoded d ? Optional.of(d.message()) : Optional.empty();
    }

    /** MSK = MS-MPPE-Recv-Key | MS-MPPE-Send-Key, zero-padded to 64 octets; empty when either key is absent or bad. */
    static Optional<byte[]> msk(RadiusPacket accept, byte[] secret, byte[] requestAuthenticator) {
        Optional<byte[]> recv = Optional.empty(), send = Optional.empty();
        for (RadiusAttribute vsa : accept.all(RadiusAttributeType.VENDOR_SPECIFIC)) {
            for (VendorAttribute va : VendorAttribute.parse(vsa.value())) {
                if (va.vendorId() != RadiusAttributeType.VENDOR_MICROSOFT) continue;
                if (va.type() == RadiusAttributeType.MS_MPPE_RECV_KEY) recv = RadiusCrypto.decryptMppeKey(va.value(), secret, requestAuthenticator);
                if (va.type() == RadiusAttributeType.MS_MPPE_SEND_KEY) send = RadiusCrypto.decryptMppeKey(va.value(), secret, requestAuthenticator);
            }
        }
        if (recv.isEmpty() || send.isEmpty()) return Optional.empty();
        byte[] r = recv.get(), s = send.get();
        byte[] msk = new byte[Math.max(MSK_LENGTH, r.length + s.length)];
        System.arraycopy(r, 0, msk, 0, r.length);
        System.arraycopy(s, 0, msk, r.length, s.length);
        Arrays.fill(r, (byte) 0);
        Arrays.fill(s, (byte) 0);
        return Optional.of(msk);
    }
}
