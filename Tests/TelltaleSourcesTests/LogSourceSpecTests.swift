import Testing
import TelltaleCore
@testable import TelltaleSources

extension LogSourceTests {
    @Suite("LogSourceSpec")
    struct LogSourceSpecTests {
        @Test("classifies --logs arguments", arguments: [
            ("-", LogSourceSpec.standardInput),
            ("cmd:kubectl logs -f api", .command("kubectl logs -f api")),
            ("cmd:", .command("")),
            ("http://localhost:8080/logs", .http("http://localhost:8080/logs")),
            ("HTTPS://logs.example.com/stream", .http("HTTPS://logs.example.com/stream")),
            ("/var/log/app.log", .file("/var/log/app.log")),
            ("app.log", .file("app.log")),
            ("--", .file("--")),
            ("httpd.log", .file("httpd.log")),
        ])
        func parse(text: String, expected: LogSourceSpec) {
            #expect(LogSourceSpec.parse(text) == expected)
        }

        @Test("builds the local source each spec names")
        func makeLocalSource() throws {
            let stdin = try #require(LogSourceSpec.standardInput.makeLocalSource(follow: true, fromStart: false))
            #expect(stdin is StandardInputSource)
            #expect(stdin.name == "-")

            let command = try #require(LogSourceSpec.parse("cmd:/usr/bin/journalctl -f").makeLocalSource(follow: true, fromStart: false))
            let commandSource = try #require(command as? CommandSource)
            #expect(commandSource.name == "cmd:journalctl")
            #expect(commandSource.follow)

            let file = try #require(LogSourceSpec.parse("/tmp/app.log").makeLocalSource(follow: false, fromStart: true))
            let fileSource = try #require(file as? FileTailSource)
            #expect(fileSource.name == "/tmp/app.log")
            #expect(!fileSource.follow)
            #expect(fileSource.fromStart)

            #expect(LogSourceSpec.parse("https://example.com/logs").makeLocalSource(follow: true, fromStart: false) == nil)
        }
    }
}
