package io.ike4j.core.codec;

import io.ike4j.core.codec.payload.AuthenticationPayload;
import io.ike4j.core.codec.payload.CertificatePayload;
import io.ike4j.core.codec.payload.CertificateRequestPayload;
import io.ike4j.core.codec.payload.ConfigAttribute;
import io.ike4j.core.codec.payload.ConfigAttributeType;
import io.ike4j.core.codec.payload.ConfigType;
import io.ike4j.core.codec.payload.ConfigurationPayload;
import io.ike4j.core.codec.payload.DeletePayload;
import io.ike4j.core.codec.payload.EapPayload;
import io.ike4j.core.codec.payload.IdType;
import io.ike4j.core.codec.payload.IdentificationPayload;
import io.ike4j.core.codec.payload.KeyExchangePayload;
import io.ike4j.core.codec.payload.NoncePayload;
import io.ike4j.core.codec.payload.NotifyPayload;
import io.ike4j.core.codec.payload.Payload;
import io.ike4j.core.codec.payload.ProposalSubstructure;
import io.ike4j.core.codec.payload.SecurityAssociationPayload;
import io.ike4j.core.codec.payload.TrafficSelectorPayload;
import io.ike4j.core.codec.payload.TrafficSelectorSubstructure;
import io.ike4j.core.codec.payload.TransformAttribute;
import io.ike4j.core.codec.payload.TransformSubstructure;
import io.ike4j.core.codec.payload.UnknownPayload;
import io.ike4j.core.codec.payload.VendorIdPayload;
import io.ike4j.core.crypto.EncryptedPayloadProtection;
import io.ike4j.core.proposal.TransformType;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Sample payloads and a toy SK protection for codec tests. */
final class Fixtures {
    private Fixtures() {}

    static byte[] filled(int n, int v) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) v);
        return b;
    }

    static SecurityAssociationPayload sa() {
        return new SecurityAssociationPayload(List.of(
                new ProposalSubstructure(1, 1, new byte[0], List.of(
                        new TransformSubstructure(1, 12, List.of(TransformAttribute.keyLength(256))),
                        new TransformSubstructure(TransformType.PRF, 5),
                        new TransformSubstructure(TransformType.INTEG, 12),
                        new TransformSubstructure(TransformType.KE, 19))),
                new ProposalSubstructure(2, 3, new byte[] {1, 2, 3, 4}, List.of(
                        new TransformSubstructure(1, 20, List.of(new TransformAttribute(99, false, new byte[] {7, 7, 7}))),
                        new TransformSubstructure(TransformType.ESN, 0)))));
    }

    static TrafficSelectorPayload ts(boolean initiator) {
        return new TrafficSelectorPayload(initiator, List.of(
                new TrafficSelectorSubstructure(7, 0, 0, 65535, new byte[] {10, 0, 0, 0}, new byte[] {10, 0, 0, (byte) 255}),
                new TrafficSelectorSubstructure(8, 6, 443, 443, filled(16, 0x20), filled(16, 0x21))));
    }

    /** One of every payload that can appear in a plaintext chain. */
    static List<Payload> everyPlainPayload() {
        return List.of(
                sa(),
                new KeyExchangePayload(19, filled(64, 0x11)),
                new IdentificationPayload(true, IdType.ID_FQDN, "moon.example".getBytes()),
                new IdentificationPayload(false, IdType.ID_IPV4_ADDR, new byte[] {192 - 256, 0, 2, 1}),
                new CertificatePayload(4, filled(20, 0x33)),
                new CertificateRequestPayload(4, filled(40, 0x44)),
                new AuthenticationPayload(2, filled(32, 0x55)),
                new NoncePayload(filled(32, 0x22)),
                NotifyPayload.of(NotifyType.IKEV2_FRAGMENTATION_SUPPORTED, new byte[0]),
                new NotifyPayload(3, new byte[] {1, 2, 3, 4}, NotifyType.REKEY_SA.value(), new byte[0], true),
                new DeletePayload(3, 4, List.of(new byte[] {1, 1, 1, 1}, new byte[] {2, 2, 2, 2})),
                new DeletePayload(1, 0, List.of()),
                new VendorIdPayload("strongSwan".getBytes()),
                ts(true),
                ts(false),
                new ConfigurationPayload(ConfigType.CFG_REQUEST, List.of(
                        new ConfigAttribute(ConfigAttributeType.INTERNAL_IP4_ADDRESS, new byte[0]),
                        new ConfigAttribute(ConfigAttributeType.INTERNAL_IP4_DNS, new byte[] {8, 8, 8, 8}))),
                new EapPayload(new byte[] {2, 7, 0, 9, 1, 'c', 'a', 'r', 'l'}),
                new EapPayload(new byte[] {3, 8, 0, 4}),
                new UnknownPayload(200, false, new byte[] {9, 9}));
    }

    static IkeHeader header(ExchangeType ex, boolean response) {
        return IkeHeader.of(0x0102030405060708L, response || ex != ExchangeType.IKE_SA_INIT ? 0x1112131415161718L : 0,
                ex, !response, response, 1);
    }

    /** XOR "cipher" with a 4-byte IV and a truncated SHA-256 ICV over prefix, IV and ciphertext. Toy only. */
    static final class FakeProtection implements EncryptedPayloadProtection {
        static final int IV = 4;
        static final int ICV = 8;

        @Override
        public int sealedLength(int plaintextLength) {
            return IV + plaintextLength + 1 + ICV;
        }

        @Override
        public byte[] seal(byte[] prefix, byte[] plaintext) {
            byte[] body = new byte[sealedLength(plaintext.length)];
            body[0] = 0x5a;
            for (int i = 0; i < plaintext.length; i++) body[IV + i] = (byte) (plaintext[i] ^ 0xa5);
            body[IV + plaintext.length] = (byte) 0xa5; // pad length 0, "encrypted"
            byte[] icv = icv(concat(prefix, Arrays.copyOf(body, body.length - ICV)));
            System.arraycopy(icv, 0, body, body.length - ICV, ICV);
            return body;
        }

        @Override
        public Optional<byte[]> open(byte[] message, int bodyOffset, int bodyLength) {
            if (bodyLength < IV + 1 + ICV || bodyOffset + bodyLength > message.length) return Optional.empty();
            int end = bodyOffset + bodyLength;
            byte[] expect = icv(Arrays.copyOf(message, end - ICV));
            if (!MessageDigest.isEqual(expect, Arrays.copyOfRange(message, end - ICV, end))) return Optional.empty();
            int n = bodyLength - IV - ICV - 1;
            if (((message[bodyOffset + IV + n] & 0xff) ^ 0xa5) != 0) return Optional.empty();
            byte[] out = new byte[n];
            for (int i = 0; i < n; i++) out[i] = (byte) (message[bodyOffset + IV + i] ^ 0xa5);
            return Optional.of(out);
        }

        private static byte[] concat(byte[] a, byte[] b) {
            byte[] c = Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, c, a.length, b.length);
            return c;
        }

        private static byte[] icv(byte[] data) {
            try {
                return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(data), ICV);
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
