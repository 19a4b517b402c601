import ArgumentParser
import TelltaleCore

/// The options every watching command shares (`check`, and later the dashboard):
/// what to read, what to poll, which config, which users, which window.
struct InputOptions: ParsableArguments {
    @Option(name: .customLong("logs"), help: ArgumentHelp(
        "A log source: a file path (followed like tail -F), - for standard input, cmd:COMMAND ARGS, or an http(s):// stream. Repeatable.",
        valueName: "source"))
    var logs: [String] = []

    @Option(name: .customLong("health"), help: ArgumentHelp("A health endpoint URL to poll. Repeatable.", valueName: "url"))
    var health: [String] = []

    @Option(name: .customLong("header"), help: ArgumentHelp(
        "A request header for health polls and HTTP streams, 'Name: value'. The value may use ${VAR} (expanded by telltale from the environment) or @FILE, so secrets stay out of argv. Repeatable.",
        valueName: "header"))
    var headers: [String] = []

    @Option(name: .customLong("interval"), help: "Health poll interval (default 2s).")
    var interval: String?

    @Option(name: .customLong("timeout"), help: "Hard deadline of one health request (default 5s).")
    var timeout: String?

    @Option(name: .customLong("ca-file"), help: "A PEM file of extra certificate authorities to trust.")
    var caFile: String?

    @Flag(name: .customLong("insecure"), help: "Do not verify TLS certificates (shown as a permanent warning).")
    var insecure = false

    @Option(name: .customLong("config"), help: "Config file (default ./telltale.yaml, then $XDG_CONFIG_HOME/telltale/config.yaml).")
    var config: String?

    @Option(name: .customLong("watch-user"), help: ArgumentHelp("A user whose duplication counter is watched and pinned. Repeatable.", valueName: "user"))
    var watchUsers: [String] = []

    @Option(name: .customLong("window"), help: "The validation window (default 15m).")
    var window: String?

    @Flag(name: .customLong("from-start"), help: "Read followed files from their start instead of their end.")
    var fromStart = false

    @Option(name: .customLong("record"), help: ArgumentHelp(
        "Record every input as it arrives (log bytes with arrival time and source, health results) to this NDJSON file (mode 0600), for `telltale replay`.",
        valueName: "file"))
    var record: String?

    @Flag(name: .customLong("no-redact"), help: "Keep secrets in log lines, health bodies and recordings (bearer tokens, JWTs, password=, token=, api_key=, secret=, Authorization values) instead of [REDACTED].")
    var noRedact = false

    @Option(name: .customLong("max-line-bytes"), help: "Lines longer than this are counted once and cut (default 1 MiB).")
    var maxLineBytes: Int = 1 << 20
}
