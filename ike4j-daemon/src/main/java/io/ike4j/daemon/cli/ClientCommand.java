package io.ike4j.daemon.cli;

import io.ike4j.daemon.control.ControlClient;
import io.ike4j.daemon.control.ControlClientException;
import io.ike4j.daemon.control.ControlUri;
import io.ike4j.daemon.control.json.JsonValue.JsonObject;
import java.io.PrintStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A subcommand that talks to the running daemon over the control socket ({@code --uri unix:///PATH}). */
abstract class ClientCommand implements Command {
    private final Set<String> valued;
    private final Set<String> flags;

    ClientCommand(Set<String> valued, Set<String> flags) {
        this.valued = new HashSet<>(valued);
        this.valued.add("uri");
        this.flags = flags;
    }

    @Override
    public final int run(List<String> argv, PrintStream out, PrintStream err) {
        CliArgs args;
        ControlUri uri;
        JsonObject request;
        try {
            args = CliArgs.parse(argv, valued, flags);
            uri = args.value("uri").isEmpty() ? ControlUri.DEFAULT
                    : ControlUri.parse(args.value("uri").get()).orElseThrow(() -> new CliArgs.UsageException("--uri must look like unix:///path/to/ike4j.sock"));
            request = request(args);
        } catch (CliArgs.UsageException e) {
            err.println("ike4j: " + e.getMessage());
            return USAGE;
        }
        try (ControlClient client = ControlClient.connect(uri.path())) {
            JsonObject result = client.call(command(), request, event -> onEvent(event, args, out));
            return onResult(result, args, out, err);
        } catch (ControlClientException e) {
            err.println("ike4j: " + e.getMessage());
            return e.kind() == ControlClientException.Kind.NOT_RUNNING || e.kind() == ControlClientException.Kind.PERMISSION_DENIED
                    ? UNREACHABLE : FAILED;
        }
    }

    abstract String command();

    abstract JsonObject request(CliArgs args) throws CliArgs.UsageException;

    /** A streamed message before the answer; by default log lines are printed. */
    void onEvent(JsonObject event, CliArgs args, PrintStream out) {
        if ("log".equals(event.string("type").orElse(""))) out.println(event.string("message").orElse(""));
    }

    /** The final answer; by default prints the message (to stderr on failure) and maps ok to the exit code. */
    int onResult(JsonObject result, CliArgs args, PrintStream out, PrintStream err) {
        boolean ok = result.bool("ok").orElse(false);
        String message = result.string("message").orElse("");
        if (ok) {
            if (!message.isEmpty()) out.println(message);
            return OK;
        }
        err.println("ike4j: " + command() + " failed: " + message);
        return FAILED;
    }
}
