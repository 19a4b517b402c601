import Foundation
import Synchronization
import TelltaleCore
import TelltaleHTTP
import TelltaleSources

/// Runs the inputs of a watch (log sources and the health poller) into an
/// `IngestPipeline` until a stop condition holds.
///
/// The stop conditions are those of `check`: a duration (`--for`), every
/// source ended (`--no-follow`), enough health polls, or a signal from the user.
struct WatchRunner {
    let configuration: RunConfiguration
    let pipeline: IngestPipeline
    let follow: Bool
    let fromStart: Bool
    /// A recording to play instead of the configured sources and endpoints.
    var replay: (player: RecordingReplay, summary: RecordingSummary)? = nil
    /// How often the supervisor wakes to check for the end, report progress
    /// and move "now" with the wall clock; nil runs no supervisor. `check`
    /// needs a prompt end (50 ms). The dashboard says nil: it ends by
    /// cancelling the run and moves "now" itself on every frame, so an idle
    /// dashboard has no timer of its own beyond its clock.
    var supervisorInterval: Duration? = .milliseconds(50)

    /// Why the run stopped.
    enum Stop: Equatable {
        case duration, sourcesEnded, interrupted
    }

    /// Builds the source for one `--logs` argument.
    static func makeSource(_ spec: String, follow: Bool, fromStart: Bool, configuration: RunConfiguration) -> any LogSource {
        let parsed = LogSourceSpec.parse(spec)
        if case .http(let url) = parsed {
            return HTTPStreamSource(url: url, follow: follow, headers: configuration.headers,
                                    environment: ProcessInfo.processInfo.environment, tls: configuration.tls)
        }
        // Every non-HTTP spec has a local source.
        return parsed.makeLocalSource(follow: follow, fromStart: fromStart)!
    }

    /// Runs until `duration` elapses (when given), or until every source ended
    /// and every endpoint has `minimumPolls` results (when not), or `interrupted`
    /// turns true. `progress` is called about four times a second.
    func run(duration: Double?, minimumPolls: Int, interrupted: @escaping @Sendable () -> Bool,
             progress: (@Sendable (IngestPipeline.Progress, Double) -> Void)? = nil) async -> Stop {
        let follow = self.follow
        var inputs: [any LogSource] = configuration.sources.map {
            WatchRunner.makeSource($0, follow: follow, fromStart: fromStart, configuration: configuration)
        }
        if let replay {
            inputs = [ReplayInput(player: replay.player, pipeline: pipeline)]
            pipeline.register(sources: replay.summary.sources)
        } else {
            pipeline.register(sources: inputs.map(\.name))
        }
        let sources = inputs
        let endedCount = EndedSources()
        let pipeline = self.pipeline
        let endpoints = configuration.healthEndpoints
        let tls = configuration.tls
        let isReplay = replay != nil
        let started = monotonicSeconds()
        let nap = supervisorInterval

        return await withTaskGroup(of: Stop?.self) { group in
            for source in sources {
                group.addTask {
                    await source.run { event in pipeline.handle(event) }
                    endedCount.increment()
                    // When nothing else is awaited, the last source to end
                    // stops the run itself: the supervisor would see it only
                    // at its next wake-up, up to 50 ms later.
                    let awaitsNothingElse = nap != nil && duration == nil && (endpoints.isEmpty || isReplay)
                    if awaitsNothingElse, endedCount.value >= sources.count { return .sourcesEnded }
                    return nil
                }
            }
            if !endpoints.isEmpty && !isReplay {
                let poller = HealthPoller(endpoints: endpoints, tls: tls, environment: ProcessInfo.processInfo.environment)
                group.addTask {
                    await poller.run { result in pipeline.handle(result) }
                    return nil
                }
            }
            // The supervisor: decides when to stop, reports progress, keeps "now"
            // moving with the wall clock while live sources are quiet.
            if let nap { group.addTask {
                var lastProgress = 0.0
                while !Task.isCancelled {
                    try? await Task.sleep(for: nap)
                    let elapsed = monotonicSeconds() - started
                    if interrupted() { return .interrupted }
                    if follow { pipeline.tick(wallTime: wallClock()) }
                    let now = pipeline.progress()
                    if let progress, elapsed - lastProgress >= 0.25 {
                        lastProgress = elapsed
                        progress(now, elapsed)
                    }
                    if let duration {
                        if elapsed >= duration { return .duration }
                        continue
                    }
                    let sourcesDone = endedCount.value >= sources.count
                    let pollsDone = endpoints.isEmpty || isReplay || now.healthResults.count >= endpoints.count
                        && now.healthResults.allSatisfy { $0 >= minimumPolls }
                    if sourcesDone && pollsDone { return .sourcesEnded }
                }
                return .interrupted
            } }
            var stop = Stop.interrupted
            for await result in group {
                if let result {
                    stop = result
                    break
                }
            }
            group.cancelAll()
            return stop
        }
    }
}

/// How many sources have returned from `run`, shared by the source tasks and
/// the supervisor.
private final class EndedSources: Sendable {
    private let count = Atomic<Int>(0)
    func increment() { count.add(1, ordering: .sequentiallyConsistent) }
    var value: Int { count.load(ordering: .sequentiallyConsistent) }
}

/// A recording played as if it were one source: it feeds the pipeline itself,
/// health results included, and "ends" when the recording does.
private struct ReplayInput: LogSource {
    let player: RecordingReplay
    let pipeline: IngestPipeline
    var name: String { "replay:\(player.path)" }

    func run(_ emit: @escaping @Sendable (SourceEvent) -> Void) async {
        let pipeline = self.pipeline
        await player.play(source: { pipeline.handle($0) }, health: { pipeline.handle($0) })
    }
}
