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

    /**
     * RFC 7296 2.18: keys of the IKE SA replacing {@code sa}: SKEYSEED = prf_old(SK_d (old), g^ir (new) | Ni | Nr), then
     * prf+ of the new PRF over Ni | Nr | SPIi | SPIr. {@code newInitiator}: whether we are the new SA's initiator.
     */
    static java.util.Optional<IkeSaKeys> rekeyed(Session s, IkeSa sa, IkeTransforms t, boolean newInitiator, byte[] shared,
                                                 byte[] ni, byte[] nr, long spiI, long spiR) {
        byte[] oldSkD = sa.keys.skD();
        byte[] skeyseed = io.ike4j.core.crypto.IkeKeyDerivation.rekeyedSkeyseed(
                io.ike4j.core.crypto.Prf.of(sa.transforms.prf()), oldSkD, shared, ni, nr);
        Arrays.fill(oldSkD, (byte) 0);
        Arrays.fill(shared, (byte) 0);
        io.ike4j.core.crypto.IkeSaKeys km = null;
        try {
            km = io.ike4j.core.crypto.IkeKeyDerivation.ikeSaKeys(io.ike4j.core.crypto.Prf.of(t.prf()), skeyseed, ni, nr,
                    java.nio.ByteBuffer.allocate(8).putLong(spiI).array(), java.nio.ByteBuffer.allocate(8).putLong(spiR).array(),
                    io.ike4j.core.crypto.IkeKeyLengths.of(t.prf(), t.encryption(), t.encryptionKeyBits(), t.integrity()));
            SkProtection fromI = SkProtections.forDirection(t.encryption(), t.encryptionKeyBits(), t.integrity(),
                    km.skEi(), km.skAi(), s.context().random());
            SkProtection fromR = SkProtections.forDirection(t.encryption(), t.encryptionKeyBits(), t.integrity(),
                    km.skEr(), km.skAr(), s.context().random());
            io.ike4j.core.crypto.IkeSaKeys k = km;
            s.context().keyLog().ifPresent(l -> l.ikeSaKeys(spiI, spiR, t.encryption(), t.encryptionKeyBits(), k.skEi(), k.skEr(),
                    t.integrity() == null ? IntegrityAlgorithm.NONE : t.integrity(), k.skAi(), k.skAr()));
            return java.util.Optional.of(newInitiator ? new IkeSaKeys(km.skD(), km.skPi(), km.skPr(), fromR, fromI)
                    : new IkeSaKeys(km.skD(), km.skPi(), km.skPr(), fromI, fromR));
        } catch (PrfPlusLengthException | IllegalArgumentException e) {
            return java.util.Optional.empty();
        } finally {
            Arrays.fill(skeyseed, (byte) 0);
            if (km != null) km.wipe();
        }
    }

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
