package io.ike4j.core.exchange;

import io.ike4j.core.crypto.PrfPlusLengthException;
import io.ike4j.core.crypto.SkProtection;
import io.ike4j.core.crypto.SkProtections;
import io.ike4j.core.sa.IkeSa;
import io.ike4j.core.sa.IkeSaKeys;
import io.ike4j.core.sa.IkeTransforms;
import io.ike4j.core.proposal.IntegrityAlgorithm;
import java.util.Arrays;

/** Turns g^ir into the IKE SA's keys and SK protections (RFC 7296 2.14), and feeds the optional key log. */
final class KeysUnit {
    private KeysUnit() {}

    static boolean derive(Session s, IkeSa sa, byte[] shared) {
        IkeTransforms t = sa.transforms;
        KeyDerivation.IkeKeyMaterial km;
        try {
            km = KeyDerivation.ikeKeys(t, shared, sa.nonceI, sa.nonceR, sa.initiatorSpi(), sa.responderSpi);
        } catch (PrfPlusLengthException | IllegalArgumentException e) {
            return false;
        } finally {
            Arrays.fill(shared, (byte) 0);
        }
        try {
            SkProtection fromI = SkProtections.forDirection(t.encryption(), t.encryptionKeyBits(), t.integrity(),
                    km.skEi(), km.skAi(), s.context().random());
            SkProtection fromR = SkProtections.forDirection(t.encryption(), t.encryptionKeyBits(), t.integrity(),
                    km.skEr(), km.skAr(), s.context().random());
            sa.keys = sa.isInitiator() ? new IkeSaKeys(km.skD(), km.skPi(), km.skPr(), fromR, fromI)
                    : new IkeSaKeys(km.skD(), km.skPi(), km.skPr(), fromI, fromR);
            s.context().keyLog().ifPresent(k -> k.ikeSaKeys(sa.initiatorSpi(), sa.responderSpi,
                    t.encryption(), t.encryptionKeyBits(), km.skEi().clone(), km.skEr().clone(),
                    t.integrity() == null ? IntegrityAlgorithm.NONE : t.integrity(), km.skAi().clone(), km.skAr().clone()));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        } finally {
            km.wipe();
        }
    }
}
