import Foundation

/// `telltale-bench`: the corpus generator and the in-process measures behind
/// `Benchmarks/run.sh`.
///
/// Each subcommand prints one line of `key=value` figures for the script to read.
@main
enum TelltaleBench {
    static func main() {
        do {
            let arguments = try BenchArguments(Array(CommandLine.arguments.dropFirst()))
            switch arguments.command {
            case "corpus": try CorpusCommand.run(arguments)
            case "parse": try ParseMeasure.run(arguments)
            case "checks": try MessageChecksMeasure.run(arguments)
            case "verify": try ReportVerification.run(arguments)
            case "follow": try FollowLatency.run(arguments)
            case "recording": try RecordingCommand.run(arguments)
            case "render": try RenderMeasure.run(arguments)
            default: throw BenchError("unknown command '\(arguments.command)'\n\(BenchArguments.usage)")
            }
        } catch {
            FileHandle.standardError.write(Data("telltale-bench: \(error)\n".utf8))
            exit(64)
        }
    }
}
