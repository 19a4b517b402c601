import Foundation
import Glibc
import Testing
import TelltaleCore
@testable import TelltaleSources

extension LogSourceTests {
    @Suite("CommandSource")
    struct CommandSourceTests {
        @Test("stdout bytes are handed on and a clean exit ends the source")
        func printfOutput() async {
            let source = CommandSource(commandLine: #"printf 'first\nsecond\n'"#, follow: false)
            #expect(source.name == "cmd:printf")
            let recorder = SourceRecorder(source)
            #expect(await recorder.waitUntil { $0.hasReturned })
            #expect(recorder.text == "first\nsecond\n")
            #expect(recorder.states == [.connecting, .reading, .ended])
        }

        @Test("a failing command's last stderr line is the reason")
        func failureReason() async {
            let source = CommandSource(commandLine: "sh -c 'echo warming up >&2; echo boom >&2; exit 1'", follow: false)
            let recorder = SourceRecorder(source)
            #expect(await recorder.waitUntil { $0.hasReturned })
            #expect(recorder.notes == ["warming up", "boom"])
            #expect(recorder.lastState == .failed("exited with status 1: boom"))
            #expect(recorder.bytes.isEmpty)
        }

        @Test("when following, an exited command is restarted after a backoff")
        func restartWhenFollowing() async throws {
            let source = CommandSource(commandLine: "sh -c 'echo out; echo boom >&2; exit 1'", follow: true)
            let started = Date().timeIntervalSince1970
            let recorder = SourceRecorder(source)
            #expect(await recorder.waitUntil(timeout: 20) { $0.text == "out\nout\n" })
            let reconnects = recorder.states.compactMap { state -> (Double, String)? in
                if case .reconnecting(let at, let reason) = state { return (at, reason) }
                return nil
            }
            let first = try #require(reconnects.first)
            #expect(first.1 == "exited with status 1: boom")
            // The first restart waits one second.
            #expect(first.0 - started >= 0.9)
            #expect(recorder.states.filter { $0 == .reading }.count >= 2)
            #expect(await recorder.stop())
        }

        @Test("a command killed by a signal says so")
        func killedBySignal() async {
            let recorder = SourceRecorder(CommandSource(commandLine: "sh -c 'kill -9 $$'", follow: false))
            #expect(await recorder.waitUntil { $0.hasReturned })
            #expect(recorder.lastState == .failed("killed by signal 9"))
        }

        @Test("a command not found fails without retrying", arguments: [true, false])
        func commandNotFound(follow: Bool) async {
            let recorder = SourceRecorder(CommandSource(commandLine: "telltale-no-such-program --flag", follow: follow))
            #expect(await recorder.waitUntil { $0.hasReturned })
            #expect(recorder.lastState == .failed("command not found: telltale-no-such-program"))
        }

        @Test("a bad command line fails with where the problem is")
        func badCommandLine() async {
            let recorder = SourceRecorder(CommandSource(commandLine: "tail -f 'unclosed", follow: true))
            #expect(await recorder.waitUntil { $0.hasReturned })
            #expect(recorder.lastState == .failed("bad command line: unbalanced ' quote opened at character 9"))
        }

        @Test("cancellation kills a silent command and its children")
        func cancellationKillsTheProcessGroup() async throws {
            // The shell prints the pid of a child it started, then waits on it.
            let recorder = SourceRecorder(CommandSource(commandLine: "sh -c 'sleep 300 & echo $!; wait'", follow: true))
            #expect(await recorder.waitUntil { $0.text.hasSuffix("\n") })
            let childPID = try #require(pid_t(recorder.text.trimmingCharacters(in: .whitespacesAndNewlines)))
            #expect(kill(childPID, 0) == 0)
            #expect(await recorder.stop(timeout: 2))
            let gone = await recorder.waitUntil(timeout: 10) { _ in
                kill(childPID, 0) != 0 || Self.isZombie(childPID)
            }
            #expect(gone, "the shell's child \(childPID) outlived cancellation")
        }

        /// A killed child whose parent also died waits for init to reap it.
        static func isZombie(_ pid: pid_t) -> Bool {
            guard let status = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                let close = status.lastIndex(of: ")")
            else { return false }
            return status[status.index(close, offsetBy: 2)] == "Z"
        }

        @Test("splitArguments splits like a shell without running one", arguments: [
            ("tail -f /var/log/app.log", ["tail", "-f", "/var/log/app.log"]),
            ("  kubectl   logs\t-f  api  ", ["kubectl", "logs", "-f", "api"]),
            ("sh -c 'echo $HOME | wc -c'", ["sh", "-c", "echo $HOME | wc -c"]),
            (#"grep "a \"quoted\" word" file"#, ["grep", #"a "quoted" word"#, "file"]),
            (#"echo "back\\slash" "keep \n""#, ["echo", #"back\slash"#, #"keep \n"#]),
            (#"one\ word two"#, ["one word", "two"]),
            (#"pre'fix 'mid"dle"post"#, ["prefix middlepost"]),
            ("cmd '' \"\"", ["cmd", "", ""]),
            ("", []),
        ])
        func splitArguments(line: String, expected: [String]) throws {
            #expect(try CommandSource.splitArguments(line) == expected)
        }

        @Test("splitArguments rejects unbalanced quotes and a trailing backslash", arguments: [
            ("echo 'open", CommandLineError.unbalancedQuote(quote: "'", position: 5)),
            (#"echo "open"#, CommandLineError.unbalancedQuote(quote: "\"", position: 5)),
            (#"echo it\"#, CommandLineError.trailingBackslash(position: 7)),
        ])
        func splitArgumentsErrors(line: String, expected: CommandLineError) {
            #expect(throws: expected) { try CommandSource.splitArguments(line) }
        }

        @Test("restart delays double up to 30 s and reset after a healthy minute")
        func restartBackoff() {
            var backoff = RestartBackoff()
            let quickExits = (0..<7).map { _ in backoff.delay(afterRunningFor: 0.5) }
            #expect(quickExits == [1, 2, 4, 8, 16, 30, 30])
            #expect(backoff.delay(afterRunningFor: 59) == 30)
            #expect(backoff.delay(afterRunningFor: 60) == 1)
            #expect(backoff.delay(afterRunningFor: 3) == 2)
        }
    }
}
