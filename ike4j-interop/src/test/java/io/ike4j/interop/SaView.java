package io.ike4j.interop;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One IKE SA as a peer reports it — strongSwan via {@code swanctl --list-sas}, ike4j via
 * {@code bin/ike4j list-sas --json} (same VICI key names) — so a test can hold both sides' views side by side
 * (see {@link SaAgreement}). Absent values are {@code null}; SPIs are lower-case hex.
 */
public record SaView(
        String name,
        int version,
        String state,
        String localHost,
        int localPort,
        String remoteHost,
        int remotePort,
        String localId,
        String remoteId,
        boolean initiator,
        String initiatorSpi,
        String responderSpi,
        boolean natLocal,
        boolean natRemote,
        boolean natAny,
        String encrAlg,
        Integer encrKeysize,
        String integAlg,
        String prfAlg,
        String dhGroup,
        List<ChildSaView> children) {

    public SaView {
        children = List.copyOf(children);
    }

    /** Builds the view from one entry of a VICI {@code list-sa} event: {@code name} and its section. */
    public static SaView fromVici(String name, Map<String, Object> s) {
        List<ChildSaView> children = new ArrayList<>();
        for (Object c : ViciTree.sectionOf(s, "child-sas").values()) {
            if (c instanceof Map<?, ?> m) {
                @SuppressWarnings("unchecked")
                Map<String, Object> child = (Map<String, Object>) m;
                children.add(ChildSaView.fromVici(child));
            }
        }
        Integer version = ChildSaView.integer(ViciTree.string(s, "version"));
        Integer localPort = ChildSaView.integer(ViciTree.string(s, "local-port"));
        Integer remotePort = ChildSaView.integer(ViciTree.string(s, "remote-port"));
        return new SaView(
                name,
                version == null ? 0 : version,
                ViciTree.string(s, "state"),
                ViciTree.string(s, "local-host"),
                localPort == null ? 0 : localPort,
                ViciTree.string(s, "remote-host"),
                remotePort == null ? 0 : remotePort,
                ViciTree.string(s, "local-id"),
                ViciTree.string(s, "remote-id"),
                "yes".equals(ViciTree.string(s, "initiator")),
                ChildSaView.lower(ViciTree.string(s, "initiator-spi")),
                ChildSaView.lower(ViciTree.string(s, "responder-spi")),
                "yes".equals(ViciTree.string(s, "nat-local")),
                "yes".equals(ViciTree.string(s, "nat-remote")),
                "yes".equals(ViciTree.string(s, "nat-any")),
                ViciTree.string(s, "encr-alg"),
                ChildSaView.integer(ViciTree.string(s, "encr-keysize")),
                ViciTree.string(s, "integ-alg"),
                ViciTree.string(s, "prf-alg"),
                ViciTree.string(s, "dh-group"),
                children);
    }

    /** All IKE SAs in the {@code list-sa event} messages of {@code swanctl --list-sas --pretty} output. */
    public static List<SaView> fromSwanctlPretty(String output) {
        List<SaView> sas = new ArrayList<>();
        for (ViciTree msg : ViciTree.parsePretty(output)) {
            if (msg.name().equals("list-sa event")) {
                msg.body().forEach((ike, section) -> sas.add(fromVici(ike, ViciTree.sectionOf(msg.body(), ike))));
            }
        }
        return List.copyOf(sas);
    }

    public boolean established() {
        return "ESTABLISHED".equals(state);
    }

    /** The first CHILD_SA named {@code childName}. */
    public Optional<ChildSaView> child(String childName) {
        return children.stream().filter(c -> childName.equals(c.name())).findFirst();
    }

    /** The first CHILD_SA named {@code childName} in state {@code INSTALLED}. */
    public Optional<ChildSaView> installedChild(String childName) {
        return children.stream().filter(c -> childName.equals(c.name()) && "INSTALLED".equals(c.state())).findFirst();
    }
}
