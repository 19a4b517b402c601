import Foundation
import Testing

/// `telltale watch` end to end: the real binary in a tmux pane, driven with
/// keys, captured as text.
@Suite("watch in a terminal", .serialized, .enabled(if: TmuxSession.available))
struct WatchCommandTests {
    static let panelTitles = ["Health", "Database", "Duplication per user", "ID manager", "WebSocket manager warnings", "Events", "Log"]

    /// A pane that runs the dashboard, then reports its exit status and the
    /// terminal settings left behind, then stays open to be captured.
    static func session(width: Int = 120, height: Int = 40, extra: String = "") throws -> TmuxSession {
        let binary = TelltaleBinary.executable.path
        let fixture = TelltaleBinary.fixtures.appendingPathComponent("deploy-fail.ndjson").path
        let command = "cd \(NSTemporaryDirectory()) && env LANG=C.UTF-8 TERM=screen-256color '\(binary)' watch --logs '\(fixture)' --from-start --watch-user demo-user-001 \(extra); echo EXITED $?; stty -a | tr ';' '\\n' | grep -w -o -e '-echo' -e 'echo' | head -1 | sed 's/^/ECHO:/'; sleep 60"
        return try TmuxSession(width: width, height: height, command: command)
    }

    static func dashboardReady(_ text: String) -> Bool {
        text.contains("demo-user-001") && text.contains("UnifiedIDManager initialized")
    }

    @Test("without a terminal it refuses and points to check")
    func needsTerminal() throws {
        let fixture = TelltaleBinary.fixtures.appendingPathComponent("deploy-fail.ndjson").path
        let result = try TelltaleBinary.run(["watch", "--logs", fixture])
        #expect(result.status == 64)
        #expect(result.stderr.contains("telltale watch needs a terminal; use telltale check for pipes"))
    }

    @Test("the panels tell the fixture's story, the keys work, q restores the terminal")
    func storyKeysAndQuit() throws {
        let tmux = try Self.session()
        defer { tmux.kill() }
        let screen = tmux.waitFor(Self.dashboardReady)
        for title in Self.panelTitles { #expect(screen.contains("┌ \(title)") || screen.contains("┌ ✗ \(title)"), "\(title)") }
        #expect(screen.contains("★ demo-user-001"))
        #expect(screen.contains("rev 00643-k2d"))
        #expect(screen.contains("ALERT"))
        #expect(screen.contains("SSOT validation issues"))
        #expect(tmux.display("#{alternate_on}") == "1")

        try tmux.send("?")
        #expect(tmux.waitFor { $0.contains("Keys (? or Esc closes)") }.contains("save the validation report"))
        try tmux.send("Escape")
        #expect(!tmux.waitFor { !$0.contains("Keys (? or Esc closes)") }.contains("Keys (? or Esc closes)"))

        try tmux.send("Tab")
        try tmux.send("Enter")
        #expect(tmux.waitFor { $0.contains("Health (zoomed, Esc back)") }.contains("Health (zoomed, Esc back)"))
        try tmux.send("Escape")
        #expect(tmux.waitFor { $0.contains("┌ Log") }.contains("┌ Database"))

        try tmux.send("/")
        try tmux.type("SSOT VIOL")
        try tmux.send("Enter")
        let filtered = tmux.waitFor { $0.contains("filter: SSOT VIOL") }
        #expect(filtered.contains("filter: SSOT VIOL"))
        #expect(!filtered.contains("GET /api/threads"))

        try tmux.send("p")
        #expect(tmux.waitFor { $0.contains("PAUSED +0 lines") }.contains("PAUSED +0 lines"))

        try tmux.send("q")
        let after = tmux.waitFor { $0.contains("ECHO:") }
        #expect(after.contains("EXITED 0"))
        #expect(after.contains("ECHO:echo"))
        #expect(tmux.display("#{alternate_on}") == "0")
    }

    @Test("resizing re-lays the dashboard out, down to the too-small notice")
    func resize() throws {
        let tmux = try Self.session()
        defer { tmux.kill() }
        tmux.waitFor(Self.dashboardReady)
        try tmux.resize(width: 80, height: 24)
        let small = tmux.waitFor { text in
            let lines = text.split(separator: "\n")
            return lines.count <= 24 && lines.first?.contains("telltale") == true && text.contains("┌ Log")
        }
        #expect(small.split(separator: "\n").allSatisfy { $0.count <= 80 })
        #expect(!small.contains("┌ Events"))
        try tmux.resize(width: 50, height: 12)
        #expect(tmux.waitFor { $0.contains("terminal too small") }.contains("need 60×16"))
        try tmux.resize(width: 120, height: 40)
        #expect(tmux.waitFor { $0.contains("┌ Events") }.contains("┌ Events"))
        try tmux.send("q")
        #expect(tmux.waitFor { $0.contains("ECHO:") }.contains("EXITED 0"))
    }

    @Test("SIGTERM leaves cleanly with the terminal restored")
    func sigterm() throws {
        let tmux = try Self.session()
        defer { tmux.kill() }
        tmux.waitFor(Self.dashboardReady)
        let shell = tmux.display("#{pane_pid}")
        let finder = Process()
        finder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        finder.arguments = ["pgrep", "-P", shell, "-f", "telltale"]
        let out = Pipe()
        finder.standardOutput = out
        try finder.run()
        finder.waitUntilExit()
        let pid = try #require(Int32(String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .split(separator: "\n").first.map(String.init) ?? ""))
        #expect(kill(pid, SIGTERM) == 0)
        let after = tmux.waitFor { $0.contains("ECHO:") }
        #expect(after.contains("EXITED 0"))
        #expect(after.contains("ECHO:echo"))
        #expect(tmux.display("#{alternate_on}") == "0")
    }
}
