import Foundation

/// A detached tmux server running one command in a pane of a fixed size, for
/// driving the real dashboard like a person at a terminal.
///
/// Each session has its own socket (`-L telltale-test-<uuid>`), so parallel
/// tests never share a server, and `kill()` always takes the server down.
final class TmuxSession {
    let socket = "telltale-test-\(UUID().uuidString)"

    static var available: Bool {
        FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") || FileManager.default.isExecutableFile(atPath: "/usr/local/bin/tmux")
    }

    init(width: Int, height: Int, command: String) throws {
        _ = try tmux(["new-session", "-d", "-x", String(width), "-y", String(height), command])
    }

    deinit { kill() }

    /// Runs one tmux command and returns its standard output.
    ///
    /// Spawned and reaped by hand (posix_spawn, waitpid): the client of
    /// new-session forks the server, which would inherit any pipe, and
    /// Foundation's Process was seen never to notice such a client's exit.
    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("tmux-out-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ["tmux", "-L", socket, "-f", "/dev/null"] + arguments
        var cArguments = argv.map { strdup($0) } + [nil]
        defer { for pointer in cArguments { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, "tmux", &actions, nil, &cArguments, environ)
        guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .ENOENT) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return (try? String(contentsOf: output, encoding: .utf8)) ?? ""
    }

    /// The pane's text now.
    func capture() -> String {
        (try? tmux(["capture-pane", "-p", "-t", "0"])) ?? ""
    }

    /// Sends keys as tmux names them (`q`, `Tab`, `Escape`, `Enter`, `BTab`).
    func send(_ keys: String...) throws {
        try tmux(["send-keys", "-t", "0"] + keys)
    }

    /// Sends text literally.
    func type(_ text: String) throws {
        try tmux(["send-keys", "-t", "0", "-l", text])
    }

    func display(_ format: String) -> String {
        ((try? tmux(["display", "-p", "-t", "0", format])) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", "0", "-x", String(width), "-y", String(height)])
    }

    /// Polls the pane until `condition` holds on its text, or `timeout` seconds
    /// pass; returns the last capture either way.
    @discardableResult
    func waitFor(timeout: Double = 15, _ condition: (String) -> Bool) -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var text = capture()
        while !condition(text) && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.1)
            text = capture()
        }
        return text
    }

    /// The id of the process the pane's shell started whose command line
    /// contains `program`, for signalling it directly (as `kill` from another
    /// terminal would), not through keys.
    func childProcessID(running program: String) throws -> Int32? {
        let shell = display("#{pane_pid}")
        let finder = Process()
        finder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        finder.arguments = ["pgrep", "-P", shell, "-f", program]
        let out = Pipe()
        finder.standardOutput = out
        try finder.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        finder.waitUntilExit()
        return text.split(separator: "\n").first.flatMap { Int32($0) }
    }

    func kill() {
        _ = try? tmux(["kill-server"])
    }
}
