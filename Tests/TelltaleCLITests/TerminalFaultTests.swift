import Foundation
import Testing

/// The terminal rows of the fault matrix: sizes no layout fits, a storm of
/// resizes, and signals sent from outside, against the real binary in a tmux
/// pane (the pane comes from `WatchCommandTests.session`).
///
/// Every way out must leave the terminal as it was: the alternate screen left,
/// echo back on and the cursor visible, because a user who started telltale in
/// an emergency should not also have to type `reset`.
@Suite("terminal faults", .serialized, .enabled(if: TmuxSession.available))
struct TerminalFaultTests {
    struct Size: Sendable, CustomStringConvertible {
        var width: Int
        var height: Int
        /// Text the dashboard must show at this size (nil: nothing legible fits).
        var notice: String?
        var description: String { "\(width)×\(height)" }
    }

    /// Polls `condition` every 50 ms for at most `timeout` seconds.
    static func eventually(timeout: Double = 15, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return condition()
    }

    static func withoutTrailingSpaces(_ line: Substring) -> Substring {
        line[..<(line.lastIndex { $0 != " " }.map(line.index(after:)) ?? line.startIndex)]
    }

    /// The pane after telltale has exited: the status it exited with, the
    /// terminal modes it left behind.
    static func expectRestored(_ tmux: TmuxSession, status: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        let after = tmux.waitFor { $0.contains("ECHO:") }
        #expect(after.contains("EXITED \(status)"), "\(after)", sourceLocation: sourceLocation)
        #expect(after.contains("ECHO:echo"), sourceLocation: sourceLocation)
        #expect(tmux.display("#{alternate_on}") == "0", sourceLocation: sourceLocation)
        #expect(tmux.display("#{cursor_flag}") == "1", sourceLocation: sourceLocation)
    }

    @Test("started too small: no crash, the notice where it fits, panels after growing, q restores", arguments: [
        Size(width: 20, height: 5, notice: "terminal too small"),
        Size(width: 1, height: 1, notice: nil),
    ])
    func tooSmall(_ size: Size) throws {
        let tmux = try WatchCommandTests.session(width: size.width, height: size.height)
        defer { tmux.kill() }
        #expect(tmux.display("#{window_width}x#{window_height}") == "\(size.width)x\(size.height)")
        #expect(Self.eventually { tmux.display("#{alternate_on}") == "1" })
        #expect(tmux.display("#{cursor_flag}") == "0")
        if let notice = size.notice {
            let screen = tmux.waitFor { $0.contains(notice) }
            #expect(screen.contains(notice))
            #expect(screen.contains("q quits"))
        }
        // Let the pipeline read the whole fixture and redraw at this size a few times.
        Thread.sleep(forTimeInterval: 1.5)
        let pid = try #require(try tmux.childProcessID(running: "telltale"))
        #expect(kill(pid, 0) == 0, "the dashboard died at \(size)")
        #expect(!tmux.capture().contains("EXITED"))

        try tmux.resize(width: 80, height: 24)
        let grown = tmux.waitFor { $0.contains("┌ Log") && $0.contains("demo-user-001") }
        #expect(grown.contains("┌ Log"))
        #expect(grown.split(separator: "\n").first?.contains("telltale") == true)
        #expect(!grown.contains("terminal too small"))

        try tmux.send("q")
        Self.expectRestored(tmux, status: 0)
    }

    @Test("100 resizes without a pause, then 100×30: alive, drawn for 100×30, q restores")
    func resizeBurst() throws {
        let tmux = try WatchCommandTests.session()
        defer { tmux.kill() }
        tmux.waitFor(WatchCommandTests.dashboardReady)
        let pid = try #require(try tmux.childProcessID(running: "telltale"))
        let widths = [1, 20, 59, 60, 80, 133, 200]
        let heights = [1, 5, 15, 16, 24, 37, 60]
        for i in 0..<100 {
            // Steps 7 and 6 apart so that width and height change independently.
            try tmux.resize(width: widths[i % widths.count], height: heights[(i * 3) % heights.count])
        }
        try tmux.resize(width: 100, height: 30)
        #expect(tmux.display("#{window_width}x#{window_height}") == "100x30")

        let clock = /\d\d:\d\d:\d\d$/
        let screen = tmux.waitFor { text in
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            guard let status = lines.first else { return false }
            let bar = Self.withoutTrailingSpaces(status)
            // The clock sits at the right end of the status bar, one space in.
            return bar.count == 99 && bar.contains(clock) && text.contains("┌ Log")
                && lines.contains { $0.count == 100 && $0.hasSuffix("┐") }
        }
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first?.hasPrefix(" telltale") == true, "\(screen)")
        #expect(lines.first.map(Self.withoutTrailingSpaces)?.count == 99)
        #expect(lines.contains { $0.count == 100 && $0.hasSuffix("┐") }, "no panel reaches the right edge")
        #expect(lines.allSatisfy { $0.count <= 100 })
        #expect(lines.filter { !$0.isEmpty }.count <= 30)
        #expect(!screen.contains("terminal too small"))
        #expect(kill(pid, 0) == 0, "the dashboard died during the resizes")

        try tmux.send("q")
        Self.expectRestored(tmux, status: 0)
    }

    /// SIGINT (what Ctrl-C sends when the terminal is not in raw mode, or
    /// `kill -INT`) and SIGHUP (the terminal window closed, an ssh session
    /// dropped) end the dashboard as `q` does: status 0, terminal restored.
    /// SIGTERM is in `WatchCommandTests`.
    @Test("a signal from outside ends the dashboard with status 0 and the terminal restored", arguments: [SIGINT, SIGHUP])
    func signal(_ signal: Int32) throws {
        let tmux = try WatchCommandTests.session()
        defer { tmux.kill() }
        tmux.waitFor(WatchCommandTests.dashboardReady)
        #expect(tmux.display("#{alternate_on}") == "1")
        let pid = try #require(try tmux.childProcessID(running: "telltale"))
        #expect(kill(pid, signal) == 0)
        Self.expectRestored(tmux, status: 0)
        #expect(Self.eventually(timeout: 5) { kill(pid, 0) != 0 }, "still running after the signal")
    }
}
