package io.ike4j.daemon.config;

import io.ike4j.daemon.config.ChildConfig.CloseAction;
import io.ike4j.daemon.config.ChildConfig.CopyDscp;
import io.ike4j.daemon.config.ChildConfig.DpdAction;
import io.ike4j.daemon.config.ChildConfig.HwOffload;
import io.ike4j.daemon.config.ChildConfig.Mode;
import io.ike4j.daemon.config.ChildConfig.StartAction;
import io.ike4j.daemon.config.ConfigValidator.ValueKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds a {@link ChildConfig} from {@code connections.<conn>.children.<child>}. */
final class ChildReader {
    private static final Map<String, Mode> MODES = Map.of("tunnel", Mode.TUNNEL, "transport", Mode.TRANSPORT,
            "transport_proxy", Mode.TRANSPORT_PROXY, "beet", Mode.BEET, "pass", Mode.PASS, "drop", Mode.DROP);
    private static final Map<String, StartAction> START = Map.of("none", StartAction.NONE, "trap", StartAction.TRAP,
            "route", StartAction.TRAP, "start", StartAction.START, "trap|start", StartAction.TRAP_AND_START,
            "start|trap", StartAction.TRAP_AND_START);
    private static final Map<String, CloseAction> CLOSE = Map.of("none", CloseAction.NONE, "clear", CloseAction.NONE,
            "trap", CloseAction.TRAP, "route", CloseAction.TRAP, "start", CloseAction.START, "restart", CloseAction.START,
            "trap|start", CloseAction.TRAP_AND_START);
    private static final Map<String, DpdAction> DPD = Map.of("clear", DpdAction.CLEAR, "none", DpdAction.CLEAR,
            "trap", DpdAction.TRAP, "route", DpdAction.TRAP, "hold", DpdAction.TRAP, "restart", DpdAction.RESTART,
            "start", DpdAction.RESTART);
    private static final Map<String, CopyDscp> DSCP = Map.of("no", CopyDscp.NO, "in", CopyDscp.IN,
            "out", CopyDscp.OUT, "yes", CopyDscp.YES);
    private static final Map<String, HwOffload> HW = Map.of("no", HwOffload.NO, "yes", HwOffload.YES,
            "auto", HwOffload.AUTO, "crypto", HwOffload.CRYPTO, "packet", HwOffload.PACKET);
    private static final long U32 = 0xFFFF_FFFFL;

    private ChildReader() {}

    static ChildConfig read(SettingsSection sec, String path, DiagnosticSink sink, ConfigValidator validator) {
        SectionReader r = new SectionReader(sec, path, sink);
        ChildConfig.Builder b = ChildConfig.builder(sec.name()).location(sec.location());
        b.localTs(validated(r, "local_ts", List.of("dynamic"), ValueKind.LOCAL_TS, validator));
        b.remoteTs(validated(r, "remote_ts", List.of("dynamic"), ValueKind.REMOTE_TS, validator));
        b.espProposals(validated(r, "esp_proposals", List.of("default"), ValueKind.ESP_PROPOSAL, validator));
        b.ahProposals(validated(r, "ah_proposals", List.of(), ValueKind.AH_PROPOSAL, validator));
        b.mode(r.choice("mode", Mode.TUNNEL, MODES));
        b.startAction(r.choice("start_action", StartAction.NONE, START));
        b.closeAction(r.choice("close_action", CloseAction.NONE, CLOSE));
        b.dpdAction(r.choice("dpd_action", DpdAction.CLEAR, DPD));
        r.duration("rekey_time").ifPresent(b::rekeyTime);
        r.duration("life_time").ifPresent(b::lifeTime);
        r.duration("rand_time").ifPresent(b::randTime);
        r.volume("rekey_bytes").ifPresent(b::rekeyBytes);
        r.volume("life_bytes").ifPresent(b::lifeBytes);
        r.volume("rand_bytes").ifPresent(b::randBytes);
        r.volume("rekey_packets").ifPresent(b::rekeyPackets);
        r.volume("life_packets").ifPresent(b::lifePackets);
        r.volume("rand_packets").ifPresent(b::randPackets);
        r.duration("inactivity").ifPresent(b::inactivity);
        b.reqid(r.number("reqid", 0, U32));
        b.priority(r.number("priority", 0, U32));
        b.markIn(mark(r, "mark_in"));
        b.markInSa(r.bool("mark_in_sa", false));
        b.markOut(mark(r, "mark_out"));
        b.setMarkIn(mark(r, "set_mark_in"));
        b.setMarkOut(mark(r, "set_mark_out"));
        b.ifIdIn(ifId(r, "if_id_in"));
        b.ifIdOut(ifId(r, "if_id_out"));
        b.updown(r.str("updown"));
        b.hostaccess(r.bool("hostaccess", false));
        b.policies(r.bool("policies", true));
        b.policiesFwdOut(r.bool("policies_fwd_out", false));
        b.replayWindow(r.number("replay_window", 32, U32));
        b.ipcomp(r.bool("ipcomp", false));
        b.copyDf(r.bool("copy_df", true));
        b.copyEcn(r.bool("copy_ecn", true));
        b.copyDscp(r.choice("copy_dscp", CopyDscp.OUT, DSCP));
        b.hwOffload(r.choice("hw_offload", HwOffload.NO, HW));
        b.sha256_96(r.bool("sha256_96", false));
        b.interfaceName(r.str("interface"));
        b.label(r.str("label"));
        b.labelMode(r.str("label_mode"));
        b.tfcPadding(r.typed("tfc_padding", v -> v.strip().equals("mtu") || Values.unsigned(v, 65535).isPresent()
                ? Optional.of(v.strip()) : Optional.empty(), "expected a number of bytes or 'mtu'"));
        b.locations(locations(sec));
        r.finish();
        return b.build();
    }

    static List<String> validated(SectionReader r, String key, List<String> def, ValueKind kind, ConfigValidator v) {
        Optional<Setting> s = r.raw(key);
        if (s.isEmpty()) {
            return def;
        }
        List<String> items = Values.list(s.get().value());
        for (String item : items) {
            v.validate(kind, item, s.get().location(), r.sink());
        }
        return items;
    }

    /** {@code value[/mask]} with numbers, or %unique, %unique-dir, %same (strongSwan mark syntax). */
    private static Optional<String> mark(SectionReader r, String key) {
        return r.typed(key, v -> {
            String[] parts = v.strip().split("/", -1);
            if (parts.length > 2) {
                return Optional.empty();
            }
            boolean valueOk = parts[0].startsWith("%") ? List.of("%unique", "%unique-dir", "%same").contains(parts[0])
                    : Values.unsigned(parts[0], U32).isPresent();
            boolean maskOk = parts.length == 1 || Values.unsigned(parts[1], U32).isPresent();
            return valueOk && maskOk ? Optional.of(v.strip()) : Optional.empty();
        }, "expected a mark like 42, 0x2a/0xff, %unique or %unique-dir");
    }

    static Optional<String> ifId(SectionReader r, String key) {
        return r.typed(key, v -> List.of("%unique", "%unique-dir").contains(v.strip())
                        || Values.unsigned(v, U32).isPresent() ? Optional.of(v.strip()) : Optional.empty(),
                "expected a number, %unique or %unique-dir");
    }

    static Map<String, SourceLocation> locations(SettingsSection sec) {
        Map<String, SourceLocation> m = new HashMap<>();
        sec.settings().forEach((k, s) -> m.put(k, s.location()));
        return m;
    }
}
