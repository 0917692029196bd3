package io.ike4j.core.sa.v1;

import io.ike4j.core.codec.v1.DataAttribute;
import io.ike4j.core.pool.PoolAssignment;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What an ISAKMP SA does between Phase 1 and Quick Mode: XAuth (draft-beaulieu-ike-xauth) and Mode Config
 * (draft-dukes-ike-mode-cfg) over Transaction exchanges. Guarded by the SA's lock like the SA itself.
 */
public final class ModeCfgState {
    /** What a Transaction exchange we started (or answer) is about, by message ID. */
    public enum Kind { XAUTH_REQUEST, XAUTH_SET, CFG_REQUEST, CFG_SET }

    /** Where XAuth stands for this SA. */
    public enum XauthStep { NONE, SERVER_ASKED, SERVER_SET, CLIENT_WAITING, DONE }

    public XauthStep xauth = XauthStep.NONE;
    /** Server: the status we SET (the SA goes once it is ACKed if false); the user name the client gave. */
    public boolean xauthOk;
    public String xauthUser = "";
    /** Exchanges in flight by message ID and the identifier of their Attribute payload (kept for diagnostics). */
    public final Map<Long, Kind> pending = new HashMap<>();
    public final Map<Long, Integer> identifiers = new HashMap<>();
    public int nextIdentifier = 1;
    /** Client: Mode Config asked for (pull) or awaited (push); the addresses and attributes we got. */
    public boolean cfgRequested;
    public final List<InetAddress> assigned = new ArrayList<>();
    public final List<DataAttribute> attributes = new ArrayList<>();
    /** Server: addresses leased to the peer from our pools (given back when the SA dies). */
    public final List<PoolAssignment> leased = new ArrayList<>();
    /** Phase 1, XAuth and Mode Config done: Quick Mode may run. */
    public boolean ready;

    public int identifier() {
        int id = nextIdentifier;
        nextIdentifier = (nextIdentifier % 0xffff) + 1;
        return id;
    }
}
