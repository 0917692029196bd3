package io.ike4j.core.exchange;

import io.ike4j.core.crypto.IkeKeyDerivation;
import io.ike4j.core.crypto.IkeKeyLengths;
import io.ike4j.core.crypto.Prf;
import io.ike4j.core.crypto.PrfPlusLengthException;
import io.ike4j.core.crypto.SkProtection;
import io.ike4j.core.crypto.SkProtections;
import io.ike4j.core.proposal.IntegrityAlgorithm;
import io.ike4j.core.sa.IkeSa;
import io.ike4j.core.sa.IkeSaKeys;
import io.ike4j.core.sa.IkeTransforms;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;

/**
 * Turns g^ir into the IKE SA's keys and SK protections with the crypto package's {@link IkeKeyDerivation}
 * (RFC 7296 2.14, 2.18), and feeds the optional key log.
 */
final class KeysUnit {
    private KeysUnit() {}

    /**
     * RFC 7296 2.18: keys of the IKE SA replacing {@code sa}: SKEYSEED = prf_old(SK_d (old), g^ir (new) | Ni | Nr), then
     * prf+ of the new PRF over Ni | Nr | SPIi | SPIr. {@code newInitiator}: whether we are the new SA's initiator.
     */
    static Optional<IkeSaKeys> rekeyed(Session s, IkeSa sa, IkeTransforms t, boolean newInitiator, byte[] shared,
                                       byte[] ni, byte[] nr, long spiI, long spiR) {
        return rekeyed(s, sa, t, newInitiator, shared, ni, nr, spiI, spiR, new byte[0]);
    }

    /** As above with additional key exchanges (RFC 9370 2.2.4): {@code additional} = SK(1) | ... | SK(n), wiped. */
    static Optional<IkeSaKeys> rekeyed(Session s, IkeSa sa, IkeTransforms t, boolean newInitiator, byte[] shared,
                                       byte[] ni, byte[] nr, long spiI, long spiR, byte[] additional) {
        byte[] oldSkD = sa.keys.skD();
        byte[] skeyseed = IkeKeyDerivation.rekeyedSkeyseed(EngineCrypto.prf(s, sa.transforms.prf()), oldSkD, shared, ni, nr, additional);
        Arrays.fill(additional, (byte) 0);
        Arrays.fill(oldSkD, (byte) 0);
        Arrays.fill(shared, (byte) 0);
        io.ike4j.core.crypto.IkeSaKeys km;
        try {
            km = IkeKeyDerivation.ikeSaKeys(EngineCrypto.prf(s, t.prf()), skeyseed, ni, nr, spiBytes(spiI), spiBytes(spiR), lengths(t));
        } catch (PrfPlusLengthException | IllegalArgumentException e) {
            return Optional.empty();
        } finally {
            Arrays.fill(skeyseed, (byte) 0);
        }
        return protect(s, t, km, newInitiator, spiI, spiR);
    }

    /**
     * RFC 9867 "Computing IKE SA Keys": the IKE SA's keys recalculated with a PPK after the last IKE_INTERMEDIATE exchange:
     * SKEYSEED' = prf+(PPK, SK_d), then prf+(SKEYSEED', Ni | Nr | SPIi | SPIr). Replaces and wipes the old keys.
     */
    static boolean ppkMixed(Session s, IkeSa sa, byte[] ppk) {
        IkeTransforms t = sa.transforms;
        byte[] skD = sa.keys.skD();
        io.ike4j.core.crypto.IkeSaKeys km;
        try {
            km = io.ike4j.core.crypto.PpkKeyDerivation.ikeSaKeys(Prf.of(t.prf()), ppk, skD, sa.nonceI, sa.nonceR,
                    spiBytes(sa.initiatorSpi()), spiBytes(sa.responderSpi), lengths(t));
        } catch (PrfPlusLengthException | IllegalArgumentException e) {
            return false;
        } finally {
            Arrays.fill(skD, (byte) 0);
        }
        Optional<IkeSaKeys> keys = protect(s, t, km, sa.isInitiator(), sa.initiatorSpi(), sa.responderSpi);
        if (keys.isEmpty()) return false;
        sa.keys.wipe();
        sa.keys = keys.get();
        return true;
    }

    /** RFC 7296 2.14: SKEYSEED = prf(Ni | Nr, g^ir) and the seven keys of a new IKE SA from IKE_SA_INIT. */
    static boolean derive(Session s, IkeSa sa, byte[] shared) {
        IkeTransforms t = sa.transforms;
        io.ike4j.core.crypto.IkeSaKeys km;
        try {
            km = IkeKeyDerivation.initialIkeSaKeys(EngineCrypto.prf(s, t.prf()), sa.nonceI, sa.nonceR, shared,
                    spiBytes(sa.initiatorSpi()), spiBytes(sa.responderSpi), lengths(t));
        } catch (PrfPlusLengthException | IllegalArgumentException e) {
            return false;
        } finally {
            Arrays.fill(shared, (byte) 0);
        }
        Optional<IkeSaKeys> keys = protect(s, t, km, sa.isInitiator(), sa.initiatorSpi(), sa.responderSpi);
        keys.ifPresent(k -> sa.keys = k);
        return keys.isPresent();
    }

    /** The SA's keys with SK protections per direction; wipes {@code km} and every copy taken from it. */
    private static Optional<IkeSaKeys> protect(Session s, IkeTransforms t, io.ike4j.core.crypto.IkeSaKeys km,
                                               boolean initiator, long spiI, long spiR) {
        byte[] ei = km.skEi(), ai = km.skAi(), er = km.skEr(), ar = km.skAr();
        byte[] d = km.skD(), pi = km.skPi(), pr = km.skPr();
        try {
            SkProtection fromI = SkProtections.forDirection(t.encryption(), t.encryptionKeyBits(), t.integrity(),
                    ei, ai, s.context().random(), EngineCrypto.of(s));
            SkProtection fromR = SkProtections.forDirection(t.encryption(), t.encryptionKeyBits(), t.integrity(),
                    er, ar, s.context().random(), EngineCrypto.of(s));
            s.context().keyLog().ifPresent(l -> l.ikeSaKeys(spiI, spiR, t.encryption(), t.encryptionKeyBits(),
                    ei.clone(), er.clone(), t.integrity() == null ? IntegrityAlgorithm.NONE : t.integrity(),
                    ai.clone(), ar.clone()));
            return Optional.of(initiator ? new IkeSaKeys(d, pi, pr, fromR, fromI) : new IkeSaKeys(d, pi, pr, fromI, fromR));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        } finally {
            for (byte[] k : new byte[][] {ei, ai, er, ar, d, pi, pr}) Arrays.fill(k, (byte) 0);
            km.wipe();
        }
    }

    /** The crypto package's key lengths for a negotiated suite (SK_a is 0 with AEAD). */
    static IkeKeyLengths lengths(IkeTransforms t) {
        return IkeKeyLengths.of(t.prf(), t.encryption(), t.encryptionKeyBits(), t.integrity());
    }

    static byte[] spiBytes(long spi) {
        return ByteBuffer.allocate(8).putLong(spi).array();
    }
}
