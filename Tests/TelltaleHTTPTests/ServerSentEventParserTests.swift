import Testing
@testable import TelltaleHTTP

@Suite("ServerSentEventParser")
struct ServerSentEventParserTests {
    @Test(
        "dispatches event data",
        arguments: [
            ("data: one\n\n", ["one"]),
            ("data: one\ndata: two\n\n", ["one\ntwo"]),
            ("data:no-space\n\n", ["no-space"]),
            ("data:  two-spaces\n\n", [" two-spaces"]),
            (": keep-alive\n\n: again\n\ndata: x\n\n", ["x"]),
            ("data: crlf\r\n\r\ndata: cr\r\r", ["crlf", "cr"]),
            ("event: log\ndata: typed\n\n", ["typed"]),
            ("data\n\n", [""]),
            ("id: 7\n\n", []),
            ("data: unfinished\n", []),
            ("unknown: field\ndata: kept\n\n", ["kept"]),
        ])
    func dispatches(input: String, expected: [String]) {
        var parser = ServerSentEventParser()
        #expect(parser.accept(Array(input.utf8)).map(\.data) == expected)
    }

    @Test("events split across chunks at any byte come out whole")
    func splitAnywhere() {
        let input = Array("id: 1\r\ndata: alpha\r\n\r\nid: 2\ndata: beta\n\n".utf8)
        for split in 0...input.count {
            var parser = ServerSentEventParser()
            let events = parser.accept(input[..<split]) + parser.accept(input[split...])
            #expect(events.map(\.data) == ["alpha", "beta"], "split at \(split)")
            #expect(events.map(\.id) == ["1", "2"])
        }
    }

    @Test("the last event id is committed at dispatch and survives a reset")
    func lastEventID() {
        var parser = ServerSentEventParser()
        _ = parser.accept(Array("id: 41\ndata: a\n\nid: 42\ndata: b".utf8))
        #expect(parser.lastEventID == "41")
        #expect(parser.hasPartialEvent)
        parser.resetConnection()
        #expect(parser.lastEventID == "41")
        #expect(!parser.hasPartialEvent)
        let events = parser.accept(Array("data: c\n\n".utf8))
        #expect(events.map(\.id) == ["41"])
    }

    @Test("retry sets the reconnection delay; a non-number is ignored", arguments: [
        ("retry: 250\n", 0.25),
        ("retry: 250\nretry: soon\n", 0.25),
        ("retry: 1500\n", 1.5),
    ])
    func retry(input: String, seconds: Double) {
        var parser = ServerSentEventParser()
        _ = parser.accept(Array(input.utf8))
        #expect(parser.retryDelay == seconds)
    }
}
