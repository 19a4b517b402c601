import Foundation

/// The command line of `telltale-bench`: a subcommand and `--name value` options.
///
/// Hand-parsed so that the benchmark depends on nothing but the core; its users
/// are a script and a test, which pass exactly what is documented in `usage`.
struct BenchArguments {
    let command: String
    private var values: [String: String] = [:]
    private var flags: Set<String> = []

    static let usage = """
    usage: telltale-bench corpus [--lines N] [--seed S] [--plain] [--users N] [--out PATH|-] [--truth PATH]
           telltale-bench parse --file PATH [--repeat N] [--truth PATH]
           telltale-bench checks --file PATH [--repeat N]
           telltale-bench verify --report PATH --truth PATH
           telltale-bench follow --telltale PATH [--samples N]
           telltale-bench recording --out FILE [--lines-per-second N] [--seconds S] [--seed S] [--users N]
           telltale-bench render [--lines N] [--iterations N] [--width W] [--height H]

    corpus  writes a synthetic backend log (1,000,000 lines by default) and its
            ground truth as JSON (default PATH.truth.json; required with --out -).
    parse   reads PATH into memory and times LogReader + RuleSet + DeployWatch
            in-process; prints ns per line and lines per second (best of N);
            with --truth, fails unless the counts are the corpus's.
    checks  times, one at a time over every message of PATH, the checks that
            let an entry be counted without its text (the redactor's scan, the
            rules' rejection, the id scan); prints ns per message (best of N).
    verify  fails unless a `telltale check --format json` report has the
            ground truth's counts (heavy users exact).
    follow  appends lines to a file followed by `telltale check --for`, and by
            `tail -F` as the baseline; prints p50/p95 milliseconds from the
            write until telltale's pipeline had the bytes (its --record arrival
            time) and until tail printed them.
    recording
            writes a corpus (2000 lines/s for 3600 s by default) as a `telltale
            replay` recording, in 100 ms windows read 64 KiB at a time, and its
            ground truth as FILE.truth.json; never holds more than one window.
    render  runs a corpus of N lines (200,000 by default) through the core, then
            times full-frame renders of the dashboard at W×H (200×60) into a
            cell buffer, next to filling the same buffer cell by cell; prints
            the medians in microseconds.
    """

    static let flagNames: Set<String> = ["--plain"]

    init(_ arguments: [String]) throws(BenchError) {
        guard let first = arguments.first else { throw BenchError(Self.usage) }
        command = first
        var rest = arguments.dropFirst()
        while let name = rest.popFirst() {
            guard name.hasPrefix("--") else { throw BenchError("unexpected argument '\(name)'\n\(Self.usage)") }
            if Self.flagNames.contains(name) {
                flags.insert(name)
                continue
            }
            guard let value = rest.popFirst() else { throw BenchError("\(name) needs a value") }
            values[name] = value
        }
    }

    func flag(_ name: String) -> Bool { flags.contains(name) }

    func string(_ name: String) -> String? { values[name] }

    func integer(_ name: String, default fallback: Int) throws(BenchError) -> Int {
        guard let text = values[name] else { return fallback }
        guard let value = Int(text.replacingOccurrences(of: "_", with: "")), value >= 0 else {
            throw BenchError("\(name) \(text): not a whole number")
        }
        return value
    }
}
