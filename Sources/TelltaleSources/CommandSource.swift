#if canImport(Glibc)
import Glibc
#endif
import Subprocess
import TelltaleCore

/// A program whose standard output is the log (`--logs 'cmd:kubectl logs -f api'`).
///
/// Run without a shell, from arguments split by `splitArguments(_:)`. Standard
/// output is handed on as raw bytes; standard error lines become notes, the last
/// one explaining a failure. Both are drained concurrently, or a chatty stderr
/// would fill its pipe and stall the program. When following, an exited program
/// is restarted with exponential backoff. The program runs in a process group of
/// its own, and cancellation kills that whole group, so a shell's children are
/// not left behind.
public struct CommandSource: LogSource {
    public let name: String
    /// The command line as given, split again on every run.
    public let commandLine: String
    /// Restart the program whenever it exits, instead of ending with it.
    public let follow: Bool

    /// Longest stderr note kept; a line without newlines is cut into notes of this size.
    static let longestNote = 4096
    /// Time a cancelled program gets after SIGTERM before SIGKILL.
    static let teardownGrace = Duration.milliseconds(300)

    /// - Parameters:
    ///   - commandLine: The program and its arguments, quoted like a shell would.
    ///   - follow: Restart the program with backoff whenever it exits.
    public init(commandLine: String, follow: Bool) {
        self.commandLine = commandLine
        self.follow = follow
        let program = (try? Self.splitArguments(commandLine).first)
            ?? commandLine.split(whereSeparator: \.isWhitespace).first.map(String.init) ?? ""
        let programName = program.split(separator: "/").last.map(String.init) ?? program
        self.name = "cmd:" + programName
    }

    public func run(_ emit: @escaping @Sendable (SourceEvent) -> Void) async {
        let arguments: [String]
        do {
            arguments = try Self.splitArguments(commandLine)
            guard !arguments.isEmpty else { throw CommandLineError.empty }
        } catch {
            emit(.state(source: name, .failed("bad command line: \(error)")))
            return
        }
        var backoff = RestartBackoff()
        while !Task.isCancelled {
            emit(.state(source: name, .connecting))
            let started = WallClock.now()
            let outcome = await runOnce(arguments, emit)
            guard !Task.isCancelled else { return }
            let reason: String
            switch outcome {
            case .notFound:
                emit(.state(source: name, .failed("command not found: \(arguments[0])")))
                return
            case .launchFailed(let why):
                reason = why
            case .terminated(let status, let lastErrorLine):
                reason = Self.describe(status) + (lastErrorLine.map { ": \($0)" } ?? "")
                if !follow && status == .exited(0) {
                    emit(.state(source: name, .ended))
                    return
                }
            }
            guard follow else {
                emit(.state(source: name, .failed(reason)))
                return
            }
            let delay = backoff.delay(afterRunningFor: WallClock.now() - started)
            emit(.state(source: name, .reconnecting(at: WallClock.now() + delay, reason: reason)))
            try? await Task.sleep(for: .seconds(delay))
        }
    }

    /// "exited with status 1", "killed by signal 9".
    static func describe(_ status: TerminationStatus) -> String {
        switch status {
        case .exited(let code): "exited with status \(code)"
        case .signaled(let signal): "killed by signal \(signal)"
        }
    }

    // MARK: - One run

    private enum Outcome {
        case terminated(TerminationStatus, lastErrorLine: String?)
        case notFound
        case launchFailed(String)
    }

    private func runOnce(_ arguments: [String], _ emit: @escaping @Sendable (SourceEvent) -> Void) async -> Outcome {
        let name = name
        let program = arguments[0]
        let executable: Executable = program.contains("/") ? .path(.init(stringLiteral: program)) : .name(program)
        var options = PlatformOptions()
        // A group of its own (pgid = pid) lets cancellation reach grandchildren.
        options.processGroupID = 0
        options.teardownSequence = [.gracefulShutDown(allowedDurationToNextStep: Self.teardownGrace)]
        let groupLeader = LockedValue<pid_t?>(nil)
        let lastErrorLine = LockedValue<String?>(nil)
        do {
            let result = try await withTaskCancellationHandler {
                try await Subprocess.run(
                    executable,
                    arguments: Arguments(Array(arguments.dropFirst())),
                    platformOptions: options,
                    input: .none,
                    output: .sequence,
                    error: .sequence
                ) { execution in
                    let pid = execution.processIdentifier.value
                    groupLeader.set(pid)
                    if Task.isCancelled { kill(-pid, SIGKILL) }
                    emit(.state(source: name, .reading))
                    await withTaskGroup(of: Void.self) { group in
                        group.addTask {
                            do {
                                for try await chunk in execution.standardOutput {
                                    let bytes = chunk.withUnsafeBytes { Array($0) }
                                    emit(.data(source: name, bytes: bytes, arrival: WallClock.now()))
                                }
                            } catch {
                                emit(.note(source: name, text: "reading output failed: \(error)"))
                            }
                        }
                        group.addTask {
                            var pending: [UInt8] = []
                            func flush(_ line: ArraySlice<UInt8>) {
                                var text = String(decoding: line, as: UTF8.self)
                                if text.hasSuffix("\r") { text.removeLast() }
                                guard !text.isEmpty else { return }
                                lastErrorLine.set(text)
                                emit(.note(source: name, text: text))
                            }
                            do {
                                for try await chunk in execution.standardError {
                                    pending.append(contentsOf: chunk.withUnsafeBytes { Array($0) })
                                    while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                                        flush(pending[..<newline])
                                        pending.removeSubrange(...newline)
                                    }
                                    if pending.count >= Self.longestNote {
                                        flush(pending[...])
                                        pending.removeAll()
                                    }
                                }
                            } catch {
                                // Stderr only explains; losing its tail loses no log line.
                            }
                            flush(pending[...])
                        }
                    }
                }
            } onCancel: {
                if let pid = groupLeader.value { kill(-pid, SIGKILL) }
            }
            return .terminated(result.terminationStatus, lastErrorLine: lastErrorLine.value)
        } catch let error as SubprocessError {
            if error.code == .executableNotFound || error.underlyingError?.rawValue == ENOENT {
                return .notFound
            }
            return .launchFailed("cannot run \(program): \(error)")
        } catch {
            return .launchFailed("cannot run \(program): \(error)")
        }
    }
}
