package io.ike4j.core.sa;

import io.ike4j.core.auth.eap.EapClientSession;
import io.ike4j.core.auth.eap.EapServerSession;
import io.ike4j.core.auth.signature.HashAlgorithm;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Authentication state of one IKE SA between IKE_SA_INIT and the end of IKE_AUTH: what the peer announced
 * (RFC 7427 hash algorithms, CERTREQ), and the EAP conversation (RFC 7296 2.16) with its MSK.
 */
public final class AuthProgress {
    /** The peer's SIGNATURE_HASH_ALGORITHMS (RFC 7427 4), empty if it sent none. */
    public Optional<List<HashAlgorithm>> peerHashes = Optional.empty();
    /** SHA-1 key hashes of the CAs the peer asked for (RFC 7296 3.7). */
    public final List<byte[]> peerCertReqs = new ArrayList<>();
    public boolean certReqReceived;
    /** The peer's end-entity certificate once verified (for logs and events). */
    public X509Certificate peerCert;

    /** Responder: the EAP server conversation. */
    public EapServerSession eapServer;
    /** Initiator: the EAP client conversation. */
    public EapClientSession eapClient;
    /** RFC 5998: both sides agreed on EAP-only authentication (the responder sends no AUTH before EAP). */
    public boolean eapOnly;
    /** The EAP outcome: MSK if the method derived one (RFC 7296 2.16), else the SK_p keys are used. */
    public boolean eapSucceeded;
    public byte[] msk;
    /** Responder: the first IKE_AUTH request, whose SA/TS payloads are answered once EAP completed. */
    public io.ike4j.core.codec.IkeMessage firstRequest;

    /** RFC 4739: the peer announced MULTIPLE_AUTH_SUPPORTED. */
    public boolean peerMultiAuth;
    /** RFC 4739: the initiator's authentication round in progress (0 for the first), counted by both roles. */
    public int round;
    /** RFC 4739: ANOTHER_AUTH_FOLLOWS went with the initiator's last AUTH; the next request starts a round. */
    public boolean anotherFollows;

    /** Ends one EAP round (RFC 4739: another may follow); the first request is kept for the CHILD_SA. */
    public void endEapRound() {
        if (msk != null) Arrays.fill(msk, (byte) 0);
        msk = null;
        eapServer = null;
        eapClient = null;
        eapSucceeded = false;
        eapOnly = false;
    }

    /** RFC 8784 3: the peer sent USE_PPK in IKE_SA_INIT. */
    public boolean peerUsePpk;
    /** RFC 8784 3: SK_d, SK_pi, SK_pr before the PPK was mixed in, kept until IKE_AUTH settles (null if none). */
    public byte[][] noPpkKeys;
    /** RFC 8784 3: the IKE SA's SK_d/SK_pi/SK_pr include a PPK. */
    public boolean ppkUsed;
    /** RFC 9867 3: both sides announced USE_PPK_INT (with IKE_INTERMEDIATE), so the PPK is agreed in IKE_INTERMEDIATE. */
    public boolean ppkInt;
    /** RFC 9867 3.1: the PPK IKE_INTERMEDIATE exchange took place (or the initiator had no PPK to offer). */
    public boolean ppkIntDone;
    /** RFC 9867 3.1, initiator: the IKE_INTERMEDIATE request with PPK_IDENTITY_KEY is in flight. */
    public boolean ppkIntInFlight;

    /** Forgets the keys without PPK kept for the fallback. */
    public void wipeNoPpkKeys() {
        if (noPpkKeys != null) for (byte[] k : noPpkKeys) Arrays.fill(k, (byte) 0);
        noPpkKeys = null;
    }

    /** Forgets secrets (the SA is established or dies). */
    public void wipe() {
        wipeNoPpkKeys();
        if (msk != null) Arrays.fill(msk, (byte) 0);
        msk = null;
        eapServer = null;
        eapClient = null;
        firstRequest = null;
    }
}
