package io.ike4j.core.auth.der;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** RFC 7468 textual encoding: {@code -----BEGIN LABEL-----} base64 {@code -----END LABEL-----}. Pure. */
public final class Pem {
    /** One PEM block: its label and decoded DER. */
    public record Block(String label, byte[] der) {
        public Block {
            der = der.clone();
        }

        @Override
        public byte[] der() {
            return der.clone();
        }

        @Override
        public String toString() {
            return "PEM[" + label + ", " + der.length + " bytes]";
        }
    }

    private Pem() {}

    /** True if the bytes look like PEM text (contain a BEGIN line). */
    public static boolean isPem(byte[] data) {
        return new String(data, StandardCharsets.ISO_8859_1).contains("-----BEGIN ");
    }

    /** All blocks in the text, in order. Malformed blocks (bad base64, missing END) are a typed error. */
    public static List<Block> decodeAll(byte[] data) throws DerException {
        String text = new String(data, StandardCharsets.ISO_8859_1);
        List<Block> blocks = new ArrayList<>();
        int at = 0;
        while (true) {
            int begin = text.indexOf("-----BEGIN ", at);
            if (begin < 0) break;
            int labelEnd = text.indexOf("-----", begin + 11);
            if (labelEnd < 0) throw new DerException("unterminated PEM BEGIN line");
            String label = text.substring(begin + 11, labelEnd);
            String endLine = "-----END " + label + "-----";
            int endAt = text.indexOf(endLine, labelEnd + 5);
            if (endAt < 0) throw new DerException("missing PEM END line for " + label);
            String body = text.substring(labelEnd + 5, endAt);
            StringBuilder b64 = new StringBuilder();
            for (String line : body.split("\r?\n")) {
                if (line.contains(":")) throw new DerException("encrypted or annotated PEM is not supported");
                b64.append(line.strip());
            }
            try {
                blocks.add(new Block(label, Base64.getDecoder().decode(b64.toString())));
            } catch (IllegalArgumentException e) {
                throw new DerException("bad base64 in PEM " + label);
            }
            at = endAt + endLine.length();
        }
        return blocks;
    }

    public static Optional<Block> first(byte[] data) throws DerException {
        List<Block> all = decodeAll(data);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.getFirst());
    }

    public static String encode(String label, byte[] der) {
        String b64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + b64 + "\n-----END " + label + "-----\n";
    }
}
