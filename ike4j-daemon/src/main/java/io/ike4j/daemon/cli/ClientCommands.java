package io.ike4j.daemon.cli;

import io.ike4j.daemon.control.ControlProtocol;
import io.ike4j.daemon.control.json.JsonValue.JsonObject;
import io.ike4j.daemon.control.json.JsonWriter;
import java.io.PrintStream;
import java.util.Map;
import java.util.Set;

/** The control-socket subcommands: initiate, terminate, list-sas, list-conns, load-all, stats, version. */
final class ClientCommands {
    private ClientCommands() {}

    static final class Initiate extends ClientCommand {
        Initiate() {
            super(Set.of("child", "ike", "timeout"), Set.of());
        }

        public String summary() {
            return "initiate --child NAME [--ike NAME] [--timeout S]: establish a CHILD_SA (exit 0 once established)";
        }

        String command() {
            return ControlProtocol.INITIATE;
        }

        JsonObject request(CliArgs a) throws CliArgs.UsageException {
            if (a.value("child").isEmpty() && a.value("ike").isEmpty()) throw new CliArgs.UsageException("initiate needs --child NAME (or --ike NAME)");
            JsonObject.Builder b = JsonObject.builder();
            a.value("child").ifPresent(v -> b.put("child", v));
            a.value("ike").ifPresent(v -> b.put("ike", v));
            if (a.value("timeout").isPresent()) b.put("timeout", seconds(a.value("timeout").get()));
            return b.build();
        }
    }

    static final class Terminate extends ClientCommand {
        Terminate() {
            super(Set.of("child", "ike", "timeout"), Set.of());
        }

        public String summary() {
            return "terminate --ike NAME | --child NAME [--timeout S]: delete SAs (by name or unique id)";
        }

        String command() {
            return ControlProtocol.TERMINATE;
        }

        JsonObject request(CliArgs a) throws CliArgs.UsageException {
            if (a.value("child").isPresent() == a.value("ike").isPresent()) throw new CliArgs.UsageException("terminate needs exactly one of --ike NAME or --child NAME");
            JsonObject.Builder b = JsonObject.builder();
            a.value("child").ifPresent(v -> b.put("child", v));
            a.value("ike").ifPresent(v -> b.put("ike", v));
            if (a.value("timeout").isPresent()) b.put("timeout", seconds(a.value("timeout").get()));
            return b.build();
        }
    }

    /** rekey, like swanctl --rekey: by name (--ike/--child) or unique id (--ike-id/--child-id); --reauth for IKE SAs. */
    static final class Rekey extends ClientCommand {
        Rekey() {
            super(Set.of("child", "ike", "child-id", "ike-id", "timeout"), Set.of("reauth"));
        }

        public String summary() {
            return "rekey --ike NAME | --child NAME | --ike-id ID | --child-id ID [--reauth] [--timeout S]: rekey SAs now";
        }

        String command() {
            return ControlProtocol.REKEY;
        }

        JsonObject request(CliArgs a) throws CliArgs.UsageException {
            java.util.Optional<String> ike = a.value("ike").or(() -> a.value("ike-id"));
            java.util.Optional<String> child = a.value("child").or(() -> a.value("child-id"));
            if (child.isPresent() == ike.isPresent()) {
                throw new CliArgs.UsageException("rekey needs exactly one of --ike, --ike-id, --child or --child-id");
            }
            for (String id : new String[] {"ike-id", "child-id"}) {
                if (a.value(id).isPresent() && !a.value(id).get().matches("[0-9]+")) throw new CliArgs.UsageException("--" + id + " needs a number");
            }
            if (a.flag("reauth") && ike.isEmpty()) throw new CliArgs.UsageException("--reauth applies to --ike/--ike-id");
            JsonObject.Builder b = JsonObject.builder();
            child.ifPresent(v -> b.put("child", v));
            ike.ifPresent(v -> b.put("ike", v));
            if (a.flag("reauth")) b.put("reauth", "true");
            if (a.value("timeout").isPresent()) b.put("timeout", seconds(a.value("timeout").get()));
            return b.build();
        }
    }

    static final class Redirect extends ClientCommand {
        Redirect() {
            super(Set.of("ike", "peer-ip", "gateway", "timeout"), Set.of());
        }

        public String summary() {
            return "redirect --ike NAME | --peer-ip ADDR --gateway ADDR [--timeout S]: send peers to another gateway (RFC 5685)";
        }

        String command() {
            return ControlProtocol.REDIRECT;
        }

        JsonObject request(CliArgs a) throws CliArgs.UsageException {
            if (a.value("ike").isPresent() == a.value("peer-ip").isPresent()) {
                throw new CliArgs.UsageException("redirect needs exactly one of --ike NAME or --peer-ip ADDR");
            }
            if (a.value("gateway").isEmpty()) throw new CliArgs.UsageException("redirect needs --gateway ADDR");
            JsonObject.Builder b = JsonObject.builder();
            a.value("ike").ifPresent(v -> b.put("ike", v));
            a.value("peer-ip").ifPresent(v -> b.put("peer-ip", v));
            b.put("gateway", a.value("gateway").get());
            if (a.value("timeout").isPresent()) b.put("timeout", seconds(a.value("timeout").get()));
            return b.build();
        }
    }

    /** list-sas and list-conns: stream items; --json prints a JSON array as the items arrive. */
    static final class Listing extends ClientCommand {
        private final String command;
        private final String item;
        private int count;

        Listing(String command, String item) {
            super(Set.of(), item.equals("pool") ? Set.of("json", "leases") : Set.of("json"));
            this.command = command;
            this.item = item;
        }

        public String summary() {
            return switch (item) {
                case "sa" -> command + " [--json]: show IKE and CHILD SAs (VICI key names in JSON)";
                case "pool" -> command + " [--leases] [--json]: show virtual IP pools (name, base, online / offline / size)";
                default -> command + " [--json]: show loaded connections";
            };
        }

        String command() {
            return command;
        }

        JsonObject request(CliArgs a) {
            count = 0;
            return item.equals("pool") ? JsonObject.builder().put("leases", a.flag("leases")).build() : JsonObject.builder().build();
        }

        @Override
        void onEvent(JsonObject event, CliArgs args, PrintStream out) {
            if (!item.equals(event.string("type").orElse(""))) {
                if (!args.flag("json")) super.onEvent(event, args, out);
                return;
            }
            JsonObject o = event.object(item).orElse(JsonObject.builder().build());
            if (args.flag("json")) {
                out.print(count == 0 ? "[" : ",");
                out.print(JsonWriter.write(o));
            } else {
                out.print(switch (item) {
                    case "sa" -> SaText.render(o);
                    case "pool" -> SaText.renderPool(o);
                    default -> SaText.renderConnection(o);
                });
            }
            count++;
        }

        @Override
        int onResult(JsonObject result, CliArgs args, PrintStream out, PrintStream err) {
            if (args.flag("json")) out.println(count == 0 ? "[]" : "]");
            if (!result.bool("ok").orElse(false)) {
                err.println("ike4j: " + command + " failed: " + result.string("message").orElse(""));
                return FAILED;
            }
            return OK;
        }
    }

    static final class Simple extends ClientCommand {
        private final String command;
        private final String summary;

        Simple(String command, String summary) {
            super(Set.of(), Set.of());
            this.command = command;
            this.summary = summary;
        }

        public String summary() {
            return summary;
        }

        String command() {
            return command;
        }

        JsonObject request(CliArgs a) {
            return JsonObject.builder().build();
        }

        @Override
        int onResult(JsonObject result, CliArgs args, PrintStream out, PrintStream err) {
            if (command.equals(ControlProtocol.STATS) && result.bool("ok").orElse(false)) {
                out.print(SaText.renderStats(result.object("data").orElse(JsonObject.builder().build())));
                return OK;
            }
            if (command.equals(ControlProtocol.VERSION) && result.bool("ok").orElse(false)) {
                out.println("ike4j daemon " + result.string("message").orElse("?"));
                return OK;
            }
            return super.onResult(result, args, out, err);
        }
    }

    private static long seconds(String v) throws CliArgs.UsageException {
        try {
            long s = Long.parseLong(v.trim());
            if (s < 1) throw new CliArgs.UsageException("--timeout must be at least 1 second");
            return s;
        } catch (NumberFormatException e) {
            throw new CliArgs.UsageException("--timeout must be a number of seconds");
        }
    }

    static void register(Map<String, Command> commands) {
        commands.put("initiate", new Initiate());
        commands.put("terminate", new Terminate());
        commands.put("rekey", new Rekey());
        commands.put("redirect", new Redirect());
        commands.put("list-sas", new Listing(ControlProtocol.LIST_SAS, "sa"));
        commands.put("list-conns", new Listing(ControlProtocol.LIST_CONNS, "conn"));
        commands.put("list-pools", new Listing(ControlProtocol.LIST_POOLS, "pool"));
        commands.put("load-all", new Simple(ControlProtocol.LOAD_ALL, "load-all: reload swanctl.conf (unchanged connections keep their SAs)"));
        commands.put("stats", new Simple(ControlProtocol.STATS, "stats: uptime, SA counts, packets, errors"));
        commands.put("version", new Simple(ControlProtocol.VERSION, "version: the running daemon's version"));
    }
}
