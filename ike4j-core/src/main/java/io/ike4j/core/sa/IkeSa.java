package io.ike4j.core.sa;

import io.ike4j.core.config.ConnectionConfig;
import io.ike4j.core.config.Identity;
import io.ike4j.core.crypto.KeyExchange;
import io.ike4j.core.engine.Endpoint;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One IKE SA's state (RFC 7296 2.1-2.3). All mutation happens while {@link #lock()} is held, so the engine
 * processes each SA serially while different SAs never block each other.
 *
 * <p>Message IDs (window size 1 both ways, RFC 7296 2.3): {@link #nextRequestId} is the ID of our next request,
 * {@link #expectedRequestId} the ID we expect on the peer's next request; {@link #outstanding} our unanswered
 * request (retransmitted until answered) and {@link #responseCache} our last response (resent on a retransmitted
 * request).
 */
public final class IkeSa {
    private final ReentrantLock lock = new ReentrantLock();
    /** Datagrams waiting for {@link #lock()} while another input holds it (the engine bounds them). */
    public final java.util.concurrent.atomic.AtomicInteger waitingDatagrams = new java.util.concurrent.atomic.AtomicInteger();
    private final long id;
    private boolean initiator;
    private long initiatorSpi;
    private final long createdAtMillis;

    public ConnectionConfig connection;
    /** The CHILD_SA config the initiator asked for in IKE_AUTH, if any. */
    public String requestedChild;
    public IkeSaState state = IkeSaState.CREATED;
    public long responderSpi;
    public Endpoint local;
    public Endpoint remote;
    public IkeTransforms transforms;
    public IkeSaKeys keys;
    public byte[] nonceI = new byte[0];
    public byte[] nonceR = new byte[0];
    /** Our IKE_SA_INIT message as sent (initiator: request, responder: response), signed by our AUTH (RFC 7296 2.15). */
    public byte[] ownInitMessage = new byte[0];
    /** The peer's IKE_SA_INIT message as received, signed by its AUTH. */
    public byte[] peerInitMessage = new byte[0];
    /** Initiator only: the pending key exchange (until IKE_SA_INIT completes). */
    public KeyExchange keyExchange;
    /** Initiator only: the cookie to echo (RFC 7296 2.6), empty if none. */
    public byte[] cookie = new byte[0];
    public int initRetries;
    /** keyingtries: which initiation attempt this SA is (0 = the first). */
    public int keyingTry;
    /** CHILD configs to create with CREATE_CHILD_SA once this (initiating) IKE SA is established (start_action, acquires). */
    public final List<String> followUpChildren = new ArrayList<>();
    public Identity localId;
    public Identity remoteId;
    public boolean natLocal;
    public boolean natRemote;
    public boolean peerNatDetection;
    public boolean peerFragmentation;
    /** RFC 6023: the responder announced CHILDLESS_IKEV2_SUPPORTED. */
    public boolean peerChildless;
    /** Initiator: initiated for the IKE SA alone (no CHILD named), so it may go childless (RFC 6023). */
    public boolean ikeOnly;
    public long nextRequestId;
    public long expectedRequestId;
    public OutstandingRequest outstanding;
    public ResponseCache responseCache;
    /** Hashes of the datagrams (fragments) of the request being answered, for the retransmit check. */
    public final List<byte[]> requestHashes = new ArrayList<>();
    public final Deque<PendingTask> queue = new ArrayDeque<>();
    public final List<ChildSa> children = new ArrayList<>();
    /** Initiator only: the first CHILD_SA being negotiated in IKE_AUTH. */
    public ChildOffer childOffer;
    /** IKE_AUTH progress: peer announcements, EAP (RFC 7296 2.15, 2.16). */
    public final AuthProgress auth = new AuthProgress();
    /** Our CREATE_CHILD_SA request in flight, if any. */
    public CreateChildOffer childRequest;
    /** The request task in flight (for INFORMATIONAL responses). */
    public PendingTask currentTask;
    public long establishedAtEpochSecond;
    /** Received SKF fragments (RFC 7383 2.6), per message ID; null when nothing is being collected. */
    public FragmentBuffer fragments;
    /** RFC 9242 / RFC 9370: IKE_INTERMEDIATE exchanges and additional key exchanges before IKE_AUTH. */
    public final IntermediateState intermediate = new IntermediateState();
    /** RFC 4555 MOBIKE: support, the peer's addresses, return routability. */
    public final MobikeState mobike = new MobikeState();
    /** RFC 5685 redirect: support, where we were redirected from, the loop limit's history. */
    public final RedirectState redirect = new RedirectState();
    /** Virtual IPs handed out to the peer or assigned to us (RFC 7296 3.15). */
    public final VirtualIpState vips = new VirtualIpState();

    public IkeSa(long id, boolean initiator, long initiatorSpi, ConnectionConfig connection, long createdAtMillis) {
        this.id = id;
        this.initiator = initiator;
        this.initiatorSpi = initiatorSpi;
        this.connection = connection;
        this.createdAtMillis = createdAtMillis;
    }

    public ReentrantLock lock() { return lock; }

    /** True for the old IKE SA left after a rekey (RFC 7296 2.18): it only waits for its Delete; no events. */
    public boolean retired;
    /** Our IKE SA rekey in flight, if any. */
    public IkeRekeyOffer ikeRekey;
    /** The peer's IKE SA rekey answered while ours was in flight (RFC 7296 2.8.2), decided when ours completes. */
    public PeerIkeRekey peerIkeRekey;
    /** Reauthentication (make-before-break): the unique id of the IKE SA this one replaces, 0 if none. */
    public long reauthenticates;
    /** RFC 9370 2.2.4: a CREATE_CHILD_SA continuing in IKE_FOLLOWUP_KE exchanges (either role), if any. */
    public FollowupKe followup;

    /**
     * RFC 7296 2.18: this SA continues as the new IKE SA (whoever initiated the rekey is its original initiator),
     * with new SPIs, keys and message IDs reset to 0. The caller moved the old state to a retired copy first.
     */
    public void rekeyed(boolean newInitiator, long newInitiatorSpi, long newResponderSpi, IkeTransforms newTransforms,
                        IkeSaKeys newKeys, byte[] ni, byte[] nr) {
        this.initiator = newInitiator;
        this.initiatorSpi = newInitiatorSpi;
        this.responderSpi = newResponderSpi;
        this.transforms = newTransforms;
        this.keys = newKeys;
        this.nonceI = ni.clone();
        this.nonceR = nr.clone();
        this.nextRequestId = 0;
        this.expectedRequestId = 0;
        this.responseCache = null;
        this.requestHashes.clear();
        this.outstanding = null;
        this.currentTask = null;
    }

    /** A retired copy holding the old SPIs, keys and message IDs, to finish the old SA's Delete exchange. */
    public IkeSa retiredCopy(long newId) {
        IkeSa old = new IkeSa(newId, initiator, initiatorSpi, connection, createdAtMillis);
        old.retired = true;
        old.state = state;
        old.responderSpi = responderSpi;
        old.local = local;
        old.remote = remote;
        old.transforms = transforms;
        old.keys = keys;
        old.localId = localId;
        old.remoteId = remoteId;
        old.natLocal = natLocal;
        old.natRemote = natRemote;
        old.peerFragmentation = peerFragmentation;
        old.nextRequestId = nextRequestId;
        old.expectedRequestId = expectedRequestId;
        old.responseCache = responseCache;
        old.establishedAtEpochSecond = establishedAtEpochSecond;
        return old;
    }

    public long id() { return id; }

    public boolean isInitiator() { return initiator; }

    public long initiatorSpi() { return initiatorSpi; }

    public long createdAtMillis() { return createdAtMillis; }

    /** Our SPI: the one in the SA table (RFC 7296 2.6). */
    public long localSpi() { return initiator ? initiatorSpi : responderSpi; }

    public Optional<ChildSa> child(long childId) {
        return children.stream().filter(c -> c.id() == childId).findFirst();
    }

    public Optional<ChildSa> childByOutboundSpi(int spi) {
        return children.stream().filter(c -> c.outboundSpi() == spi).findFirst();
    }

    public String connectionName() {
        return connection == null ? "" : connection.name();
    }

    /** Wipes every secret of this SA (keys, nonces, pending key exchange). */
    public void wipe() {
        auth.wipe();
        if (keys != null) keys.wipe();
        if (keyExchange != null) keyExchange.destroy();
        if (childRequest != null && childRequest.keyExchange() != null) childRequest.keyExchange().destroy();
        if (ikeRekey != null) ikeRekey.keyExchange().destroy();
        if (peerIkeRekey != null) peerIkeRekey.keys().wipe();
        if (followup != null) followup.wipe();
        intermediate.wipe();
        Arrays.fill(nonceI, (byte) 0);
        Arrays.fill(nonceR, (byte) 0);
        state = IkeSaState.DESTROYED;
    }

    /** Work waiting for the request window (window size 1). */
    public sealed interface PendingTask {
        record DeleteIke() implements PendingTask {}

        record DeleteChild(long childId) implements PendingTask {}

        record Liveness() implements PendingTask {}

        /** {@code keGroup}: the KE method to use (after INVALID_KE_PAYLOAD), 0 for our first choice. */
        record RekeyChild(long childId, int keGroup) implements PendingTask {
            public RekeyChild(long childId) {
                this(childId, 0);
            }
        }

        record CreateChild(String childName, int keGroup) implements PendingTask {
            public CreateChild(String childName) {
                this(childName, 0);
            }
        }

        record RekeyIke() implements PendingTask {}

        /**
         * RFC 4555 3.5, 3.6: an INFORMATIONAL with UPDATE_SA_ADDRESSES ({@code update}, initiator only) or with our
         * address list only, each with a COOKIE2 return routability check.
         */
        record Mobike(boolean update) implements PendingTask {}

        /** RFC 5685 5: redirect the established peer to {@code gateway} (an IP literal or FQDN). */
        record Redirect(String gateway) implements PendingTask {}
    }

    @Override
    public String toString() {
        return "IkeSa[" + id + ", " + connectionName() + ", " + state + (initiator ? ", initiator" : ", responder") + "]";
    }
}
