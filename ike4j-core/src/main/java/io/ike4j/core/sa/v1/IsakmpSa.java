package io.ike4j.core.sa.v1;

import io.ike4j.core.config.ConnectionConfig;
import io.ike4j.core.config.Identity;
import io.ike4j.core.crypto.KeyExchange;
import io.ike4j.core.crypto.v1.Phase1Keys;
import io.ike4j.core.crypto.v1.V1Cipher;
import io.ike4j.core.crypto.v1.V1Prf;
import io.ike4j.core.engine.Endpoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An ISAKMP SA (RFC 2408, RFC 2409 Phase 1) and what hangs off it. Fields are guarded by {@link #lock()}; the engine
 * holds it while an input for this SA is processed. Cookies are the header's 8-byte values (0 = not yet known).
 */
public final class IsakmpSa {
    /** Where Phase 1 stands; {@code *_WAIT_n} names the message this side waits for. */
    public enum Step { MM_WAIT_2, MM_WAIT_3, MM_WAIT_4, MM_WAIT_5, MM_WAIT_6, AM_WAIT_2, AM_WAIT_3, ESTABLISHED, DELETING, DESTROYED }

    /** A message we may have to send again: on timeout (initiator) until {@code tries} are used up. */
    public record Outstanding(byte[] datagram, int tries) {}

    private final ReentrantLock lock = new ReentrantLock();
    private final long id;
    private final boolean initiator;
    public final ConnectionConfig connection;
    public final long cookieI;
    public long cookieR;
    public Endpoint local;
    public Endpoint remote;
    public Step step;
    public boolean aggressive;
    public String requestedChild;
    public Phase1Suite suite;
    public long lifetimeSeconds;
    /** SAi_b: the body of the initiator's SA payload (RFC 2409 5 HASH_I/HASH_R input). */
    public byte[] saiBody = new byte[0];
    public byte[] gxi = new byte[0];
    public byte[] gxr = new byte[0];
    public byte[] ni = new byte[0];
    public byte[] nr = new byte[0];
    public KeyExchange keyExchange;
    public byte[] sharedSecret = new byte[0];
    public byte[] psk = new byte[0];
    public Phase1Keys keys;
    public V1Prf prf;
    public V1Cipher cipher;
    /** Current CBC IV per message ID (0 = Phase 1); Phase 2 chains start from {@link #phase1LastBlock}. */
    public final Map<Long, byte[]> ivs = new HashMap<>();
    public byte[] phase1LastBlock = new byte[0];
    public Identity localId;
    public Identity remoteId;
    /** The peer's Phase 1 ID payload as received (its body is the HASH_I/HASH_R input, RFC 2409 5). */
    public io.ike4j.core.codec.v1.V1Payload.Identification peerIdPayload;
    /** Signature authentication (RFC 2409 5.1): the peer sent a CERTREQ; the certificate it authenticated with. */
    public boolean certReqReceived;
    public java.security.cert.X509Certificate peerCert;
    public boolean peerNatT;
    public boolean peerDpd;
    /** The peer sent the FRAGMENTATION Vendor ID (proprietary IKEv1 fragmentation). */
    public boolean peerFragmentation;
    /** Incoming IKEv1 fragments being reassembled (created with the first one). */
    public V1Reassembly reassembly;
    public boolean natLocal;
    public boolean natRemote;
    public long dpdSequence;
    public long dpdOutstanding = -1;
    public long establishedAtEpochSecond;
    /** Reauthentication (RFC 2409 has no Phase 1 rekey): the ISAKMP SA this one replaces once it carries its IPsec SA, or -1. */
    public long replaces = -1;
    public final Map<Long, Outstanding> outstanding = new HashMap<>();
    /** Requests answered already: hash of the received datagram → our answer, for retransmitted copies (bounded). */
    public final Map<String, byte[]> answered = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> e) {
            return size() > 8;
        }
    };
    public final Map<Long, QuickModeState> quickModes = new HashMap<>();
    /**
     * Message IDs of Quick Modes the peer started (authenticated message 1 seen), so a replayed message 1 cannot
     * install a pair again (the responder installs with message 2); the 256 newest.
     */
    public final Map<Long, Boolean> quickModeIdsSeen = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Boolean> e) {
            return size() > 256;
        }
    };
    public final List<IpsecSa> children = new ArrayList<>();
    /**
     * Transaction messages that arrived for this SA (cookies matched) before its Phase 1 completed, e.g. an XAuth
     * request overtaking Main Mode message 6: processed, HASH checked, once Phase 1 is done. At most
     * {@link #EARLY_TRANSACTIONS}.
     */
    public final List<byte[]> earlyTransactions = new ArrayList<>(2);
    public static final int EARLY_TRANSACTIONS = 2;
    /** IPsec SAs replaced by our rekey, kept installed for a grace period before their Delete (make-before-break). */
    public final java.util.Set<Long> retiringChildren = new java.util.HashSet<>();
    /** Replaced by our reauthentication: deleted once its grace period is over (make-before-break). */
    public boolean retired;
    /** keyingtries: which attempt at initiating this connection this SA is (0 = the first). */
    public int keyingTry;
    /** More CHILDren (start/trap/close/dpd actions) to bring up with Quick Mode once this initiator's SA is ready. */
    public final List<String> followUpChildren = new ArrayList<>();
    /** XAuth and Mode Config (Transaction exchanges) after Phase 1. */
    public final ModeCfgState cfg = new ModeCfgState();

    public IsakmpSa(long id, boolean initiator, ConnectionConfig connection, long cookieI) {
        this.id = id;
        this.initiator = initiator;
        this.connection = connection;
        this.cookieI = cookieI;
    }

    public ReentrantLock lock() {
        return lock;
    }

    public long id() {
        return id;
    }

    public boolean isInitiator() {
        return initiator;
    }

    public String connectionName() {
        return connection.name();
    }

    public boolean established() {
        return step == Step.ESTABLISHED;
    }

    /** The 16-byte ISAKMP SPI (RFC 2408 2.4: CKY-I | CKY-R), as Delete and DPD notifies carry it. */
    public byte[] spi16() {
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (cookieI >>> (56 - 8 * i));
            b[8 + i] = (byte) (cookieR >>> (56 - 8 * i));
        }
        return b;
    }

    /** Wipes all secrets (keys, IVs, shared secret, PSK); called when the SA dies. */
    public void wipe() {
        if (keys != null) keys.wipe();
        if (keyExchange != null) keyExchange.destroy();
        Arrays.fill(sharedSecret, (byte) 0);
        Arrays.fill(psk, (byte) 0);
        for (byte[] iv : ivs.values()) Arrays.fill(iv, (byte) 0);
        ivs.clear();
        Arrays.fill(phase1LastBlock, (byte) 0);
        quickModes.values().forEach(QuickModeState::wipe);
        quickModes.clear();
        answered.clear();
        outstanding.clear();
        earlyTransactions.clear();
    }

    @Override
    public String toString() {
        return String.format("IsakmpSa[%d %s %016x_i %016x_r %s]", id, connection.name(), cookieI, cookieR, step);
    }
}
