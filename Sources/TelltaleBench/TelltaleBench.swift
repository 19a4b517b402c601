import Foundation

/// `telltale-bench`: the corpus generator and the in-process measures behind
/// `Benchmarks/run.sh`.
///
/// A render measure belongs here too once the dashboard is in the package; it
/// is left out rather than faked while the dashboard is absent.
@main
enum TelltaleBench {
    static func main() {
        do {
            let arguments = try BenchArguments(Array(CommandLine.arguments.dropFirst()))
            switch arguments.command {
            case "corpus": try CorpusCommand.run(arguments)
            case "parse": try ParseMeasure.run(arguments)
            case "verify": try ReportVerification.run(arguments)
            case "follow": try FollowLatency.run(arguments)
            default: throw BenchError("unknown command '\(arguments.command)'\n\(BenchArguments.usage)")
            }
        } catch {
            FileHandle.standardError.write(Data("telltale-bench: \(error)\n".utf8))
            exit(64)
        }
    }
}
