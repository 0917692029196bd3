package io.ike4j.core.auth.der.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ike4j.core.auth.der.DerException;
import io.ike4j.core.auth.der.DerReader;
import java.util.Arrays;

/**
 * The DER reader under certificates, keys and AUTH AlgorithmIdentifiers: any bytes either parse or raise
 * {@link DerException} (no unchecked exception), at every nesting level and for every typed accessor; an element's
 * encoding re-parses to the same element.
 */
class DerReaderFuzz {
    private static final int MAX_DEPTH = 32;

    @FuzzTest
    void read(byte[] data) {
        try {
            DerReader.single(data);
        } catch (DerException e) {
            // typed error: fine
        }
        walk(new DerReader(data), 0);
        if (data.length > 2) walk(new DerReader(data, 1, data.length - 2), 0);
    }

    private static void walk(DerReader r, int depth) {
        try {
            while (r.hasMore()) {
                int before = r.position();
                DerReader.Element e = r.read();
                assertThat(r.position()).isGreaterThan(before);
                DerReader.Element again = DerReader.single(e.encoded());
                assertThat(again.tag()).isEqualTo(e.tag());
                assertThat(again.contents()).isEqualTo(e.contents());
                accessors(e);
                if ((e.tag() & 0x20) != 0 && depth < MAX_DEPTH) walk(e.reader(), depth + 1);
            }
        } catch (DerException e) {
            // typed error: fine
        }
    }

    private static void accessors(DerReader.Element e) {
        try {
            e.integer();
        } catch (DerException x) {
            // fine
        }
        try {
            String oid = e.oid();
            assertThat(oid).matches("[0-9]+(\\.[0-9]+)+");
        } catch (DerException x) {
            // fine
        }
        try {
            e.bitStringBytes();
        } catch (DerException x) {
            // fine
        }
        assertThat(Arrays.copyOf(e.encoded(), 1)[0] & 0xff).isEqualTo(e.tag());
        e.toString();
    }
}
