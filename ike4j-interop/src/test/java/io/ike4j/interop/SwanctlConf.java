package io.ike4j.interop;

import io.ike4j.interop.NetnsLab.Side;

/**
 * A swanctl.conf with one PSK connection and one CHILD_SA, rendered one setting per line (swanctl does not parse
 * several settings on one line). The same file serves strongSwan and ike4j's daemon. Identities are quoted: an
 * unquoted {@code #} (as in a key id {@code @#0a0b0c}) starts a comment.
 */
public final class SwanctlConf {

    /** The connection name {@link #forLab} uses. */
    public static final String CONNECTION = "lab";
    /** The CHILD_SA name {@link #forLab} uses. */
    public static final String CHILD = "net";

    private String connection = CONNECTION;
    private String child = CHILD;
    private int version = 2;
    private String localAddrs = "%any";
    private String remoteAddrs = "%any";
    private String localId;
    private String remoteId;
    private String proposals = "default";
    private String espProposals = "default";
    private String localTs = "dynamic";
    private String remoteTs = "dynamic";
    private String psk = "ike4j-interop-lab-psk";
    private String mode = "tunnel";
    private String localAuth;
    private String remoteAuth;
    private String extra = "";
    private String connectionExtra = "";
    private String childExtra = "";

    /**
     * A connection for {@code side} of {@code lab}: outer addresses, ids {@code left.ike4j.test} /
     * {@code right.ike4j.test}, inner subnets as traffic selectors. In the NAT topology RIGHT accepts any remote
     * address (LEFT appears as the router's public address, from a port the NAT chose).
     */
    public static SwanctlConf forLab(NetnsLab lab, Side side) {
        SwanctlConf c = new SwanctlConf();
        c.localAddrs = lab.outerAddress(side);
        c.remoteAddrs = lab.natted() && side == Side.RIGHT ? "%any" : lab.apparentAddress(side.other());
        c.localId = id(side);
        c.remoteId = id(side.other());
        c.localTs = lab.innerSubnet(side);
        c.remoteTs = lab.innerSubnet(side.other());
        return c;
    }

    private static String id(Side side) {
        return side.name().toLowerCase(java.util.Locale.ROOT) + ".ike4j.test";
    }

    public SwanctlConf proposals(String ikeProposals) {
        this.proposals = ikeProposals;
        return this;
    }

    public SwanctlConf espProposals(String esp) {
        this.espProposals = esp;
        return this;
    }

    public SwanctlConf version(int ikeVersion) {
        this.version = ikeVersion;
        return this;
    }

    public SwanctlConf connection(String name) {
        this.connection = name;
        return this;
    }

    public SwanctlConf child(String name) {
        this.child = name;
        return this;
    }

    /** The local identity (strongSwan syntax: {@code host.example}, {@code user@example}, {@code 192.0.2.1}, {@code @#0a0b}). */
    public SwanctlConf localId(String id) {
        this.localId = id;
        return this;
    }

    public SwanctlConf remoteId(String id) {
        this.remoteId = id;
        return this;
    }

    /** Comma-separated local traffic selectors. */
    public SwanctlConf localTs(String ts) {
        this.localTs = ts;
        return this;
    }

    public SwanctlConf remoteTs(String ts) {
        this.remoteTs = ts;
        return this;
    }

    /** {@code local_addrs} (e.g. {@code %any} for a host whose address changes, MOBIKE). */
    public SwanctlConf localAddrs(String addrs) {
        this.localAddrs = addrs;
        return this;
    }

    public SwanctlConf remoteAddrs(String addrs) {
        this.remoteAddrs = addrs;
        return this;
    }

    /** The CHILD_SA mode: {@code tunnel} (default) or {@code transport}. */
    public SwanctlConf mode(String childMode) {
        this.mode = childMode;
        return this;
    }

    /**
     * Replaces the {@code local} round's {@code auth = psk} and {@code id} lines with {@code lines} (one setting per
     * line, e.g. {@code "auth = pubkey\ncerts = left.pem\nid = left.ike4j.test"}).
     */
    public SwanctlConf localAuth(String lines) {
        this.localAuth = lines;
        return this;
    }

    /** Replaces the {@code remote} round's settings like {@link #localAuth}. */
    public SwanctlConf remoteAuth(String lines) {
        this.remoteAuth = lines;
        return this;
    }

    /** Adds settings (one per line, e.g. {@code rekey_time = 10s}) to the connection section. */
    public SwanctlConf connectionSettings(String lines) {
        this.connectionExtra = lines;
        return this;
    }

    /** Adds settings (one per line, e.g. {@code rekey_time = 10s}) to the CHILD_SA section. */
    public SwanctlConf childSettings(String lines) {
        this.childExtra = lines;
        return this;
    }

    /** Appends top-level text (more secrets, ike4j's {@code radius} section) after the rendered file. */
    public SwanctlConf extra(String text) {
        this.extra = text;
        return this;
    }

    public String localId() {
        return localId;
    }

    public String remoteId() {
        return remoteId;
    }

    public SwanctlConf psk(String secret) {
        this.psk = secret;
        return this;
    }

    public String connection() {
        return connection;
    }

    public String child() {
        return child;
    }

    /** The swanctl.conf text. */
    public String render() {
        return """
                connections {
                  %1$s {
                    version = %2$d
                    local_addrs = %3$s
                    remote_addrs = %4$s
                    proposals = %5$s
                %16$s
                    local {
                %14$s
                    }
                    remote {
                %15$s
                    }
                    children {
                      %8$s {
                        mode = %13$s
                        local_ts = %9$s
                        remote_ts = %10$s
                        esp_proposals = %11$s
                %17$s
                      }
                    }
                  }
                }
                secrets {
                  ike-%1$s {
                    id-1 = "%6$s"
                    id-2 = "%7$s"
                    secret = "%12$s"
                  }
                }
                """.formatted(connection, version, localAddrs, remoteAddrs, proposals, localId, remoteId, child,
                localTs, remoteTs, espProposals, psk, mode, indent(localAuth, "auth = psk\nid = \"" + localId + "\""),
                indent(remoteAuth, "auth = psk\nid = \"" + remoteId + "\""), indent(connectionExtra, "", "    "),
                indent(childExtra, "", "        ")) + extra;
    }

    private static String indent(String lines, String dflt) {
        return indent(lines, dflt, "      ");
    }

    private static String indent(String lines, String dflt, String prefix) {
        String text = lines != null ? lines : dflt;
        return text.lines().map(l -> prefix + l.strip()).collect(java.util.stream.Collectors.joining("\n"));
    }
}
