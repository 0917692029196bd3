package io.ike4j.core.codec.v1;

/**
 * A decoded datagram: in the clear, or encrypted (RFC 2408 3.1 flag E: everything after the header is ciphertext,
 * to be decrypted with the SA's key and current IV, then handed to {@link IsakmpCodec#decodePayloads}).
 */
public sealed interface IsakmpDatagram {
    IsakmpHeader header();

    record Plain(IsakmpMessage message) implements IsakmpDatagram {
        public IsakmpHeader header() {
            return message.header();
        }
    }

    record Encrypted(IsakmpHeader header, Octets ciphertext) implements IsakmpDatagram {}
}
