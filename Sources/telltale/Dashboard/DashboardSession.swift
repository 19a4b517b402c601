import Foundation
import TelltaleCore
import TelltaleTerminal
import TelltaleUI

/// The dashboard's UI loop, run on its own thread, the only one touching the
/// terminal.
///
/// It sleeps in `poll()` until a key, a wake-up from the pipeline, a signal,
/// or the next clock second; it redraws only when something changed, at most
/// 20 frames a second, and when idle only the clock ticks once a second. Keys
/// go through the pure `DashboardUpdate`; the effects it returns run here.
final class DashboardSession: @unchecked Sendable {
    enum Outcome: Equatable, CustomStringConvertible {
        case quit
        case terminated
        case failed(String)

        var description: String {
            switch self {
            case .quit: "quit"
            case .terminated: "terminated by a signal"
            case .failed(let reason): "failed: \(reason)"
            }
        }
    }

    /// The shortest time between two frames (20 frames a second).
    static let frameInterval = 0.05

    private let configuration: RunConfiguration
    private let pipeline: IngestPipeline
    private let wake: WakePipe
    private let themes: [Theme]
    private let noColor: Bool
    private let bell: Bool
    private let diagnostics: DiagnosticLog?
    private let startMessage: String?

    init(configuration: RunConfiguration, pipeline: IngestPipeline, wake: WakePipe, themes: [Theme],
         noColor: Bool, bell: Bool, diagnostics: DiagnosticLog?, startMessage: String?) {
        self.configuration = configuration
        self.pipeline = pipeline
        self.wake = wake
        self.themes = themes
        self.noColor = noColor
        self.bell = bell
        self.diagnostics = diagnostics
        self.startMessage = startMessage
    }

    /// Runs until `q`, Ctrl-C or a signal; the terminal is restored on every way out.
    func run() -> Outcome {
        let screen: CursesScreen
        do {
            screen = try CursesScreen(theme: themes[0], noColor: noColor)
        } catch {
            return .failed(error.description)
        }
        defer { screen.close() }
        diagnostics?.write("terminal \(screen.width)x\(screen.height), colors \(screen.colors), unicode \(screen.unicode), theme \(themes[0].name)")

        var model = DashboardModel(themeCount: themes.count)
        model.message = startMessage
        var alerts = AlertEvaluator(policy: configuration.alerts)
        var alertEvents: [WatchEvent] = []
        var frozen: DeployWatch?
        var rate = LineRate()
        var dirty = true
        var lastFrame = -Double.infinity
        var lastSecond = -1.0
        // What the last frame showed: scroll limits come from it, computed only
        // when a key needs them (building every panel's rows each clock frame
        // cost a quarter of an idle frame).
        var lastSnapshot: DashboardSnapshot?

        while true {
            let wall = wallClock()
            let monotonic = monotonicSeconds()
            if (dirty && monotonic - lastFrame >= Self.frameInterval) || wall.rounded(.down) != lastSecond {
                // "Now" follows the wall clock while the logs are quiet: the
                // windows slide and durations grow on the clock frame itself.
                pipeline.tick(wallTime: wall, afterFirstEntry: true)
                let live = pipeline.snapshot().watch
                let changes = alerts.evaluate(live)
                let at = live.now ?? wall
                for alert in changes.raised {
                    alertEvents.append(WatchEvent(at: at, kind: .alert, text: "alert: \(alert.text)"))
                    diagnostics?.write("alert raised: \(alert.text)")
                    if bell { screen.beep() }
                }
                for alert in changes.cleared {
                    alertEvents.append(WatchEvent(at: at, kind: .alert, text: "alert cleared: \(alert.text)"))
                }
                if alertEvents.count > 200 { alertEvents.removeFirst(alertEvents.count - 200) }
                let snapshot = DashboardSnapshot(
                    watch: frozen ?? live, wallTime: wall, liveLineTotal: live.lines.total,
                    linesPerSecond: rate.update(total: live.lines.total, at: monotonic),
                    alerts: alerts.active, alertEvents: alertEvents)
                screen.present(DashboardRenderer.render(
                    snapshot: snapshot, model: model, glyphs: screen.glyphs, width: screen.width, height: screen.height))
                lastSnapshot = snapshot
                lastFrame = monotonic
                lastSecond = wall.rounded(.down)
                dirty = false
            }
            let now = wallClock()
            let timeout = dirty
                ? max(0.001, Self.frameInterval - (monotonicSeconds() - lastFrame))
                : now.rounded(.down) + 1 - now + 0.002
            for input in screen.wait(timeout: timeout, wake: wake) {
                switch input {
                case .wake, .resize:
                    dirty = true
                case .terminate:
                    diagnostics?.write("signal: leaving")
                    return .terminated
                case .key(let key):
                    let limits = lastSnapshot.map { DashboardRenderer.scrollLimits(snapshot: $0, model: model) } ?? [:]
                    let (next, effects) = DashboardUpdate.update(model, key, scrollLimits: limits)
                    model = next
                    dirty = true
                    for effect in effects {
                        switch effect {
                        case .quit:
                            return .quit
                        case .markDeploy:
                            let t = pipeline.snapshot().watch.now ?? wallClock()
                            pipeline.markDeploy(at: t, label: "manual mark \(TimeText.clock(t))")
                            diagnostics?.write("deploy marked at \(TimeText.iso8601(t))")
                        case .saveReport:
                            model.message = saveReport()
                        case .resetWindows:
                            pipeline.reset(to: configuration.makeWatch(), at: wallClock())
                            alerts = AlertEvaluator(policy: configuration.alerts)
                            if frozen != nil { frozen = pipeline.snapshot().watch }
                            diagnostics?.write("windows reset")
                        case .cycleTheme:
                            let theme = themes[model.themeIndex % themes.count]
                            screen.apply(theme: theme)
                            model.message = "theme: \(theme.name)"
                        case .freeze(let on):
                            frozen = on ? pipeline.snapshot().watch : nil
                        case .bell:
                            screen.beep()
                        }
                    }
                }
            }
        }
    }

    /// Writes the validation report next to where telltale runs; says where.
    private func saveReport() -> String {
        let watch = pipeline.snapshot().watch
        let verdict = DeployVerdict.evaluate(watch, criteria: configuration.criteria,
                                             context: .init(healthConfigured: !configuration.healthEndpoints.isEmpty))
        let stamp = TimeText.iso8601(wallClock()).prefix(19)
            .replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "").replacingOccurrences(of: "T", with: "-")
        let path = FileManager.default.currentDirectoryPath + "/telltale-report-\(stamp).md"
        do {
            try ReportFile.write(MarkdownReport.render(watch, verdict: verdict), to: path)
            diagnostics?.write("report written to \(path)")
            return "report (\(verdict.verdict.rawValue)) saved to \(path)"
        } catch {
            diagnostics?.write("report failed: \(error)")
            return "cannot write \(path): \(error)"
        }
    }
}

/// Entries per second over the last few seconds, for the status bar.
struct LineRate {
    private var samples: [(at: Double, total: Int)] = []

    mutating func update(total: Int, at time: Double) -> Double {
        samples.append((time, total))
        samples.removeAll { time - $0.at > 5 }
        guard let first = samples.first, time - first.at > 0.5 else { return 0 }
        return Double(max(0, total - first.total)) / (time - first.at)
    }
}
