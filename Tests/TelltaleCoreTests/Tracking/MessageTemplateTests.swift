import Testing
@testable import TelltaleCore

@Suite("MessageTemplate")
struct MessageTemplateTests {
    @Test("masks what varies", arguments: [
        ("SSOT VALIDATION: Multiple manager instances for user demo-user-001 - potential duplication",
         "SSOT VALIDATION: Multiple manager instances for user <id> - potential duplication"),
        ("SSOT validation issues (non-blocking): ['Multiple manager instances for user demo-user-008 - potential duplication']",
         "SSOT validation issues (non-blocking): [<list>]"),
        ("SSOT VIOLATION: Multiple manager instances for user usr_3af27f80",
         "SSOT VIOLATION: Multiple manager instances for user <id>"),
        ("WebSocket manager created and registered for user usr_3af27f80, total registered: 6",
         "WebSocket manager created and registered for user <id>, total registered: <n>"),
        ("Agent run completed for thread session_23071_097ce80c in 0.99s",
         "Agent run completed for thread <id> in <n>"),
        ("GET /api/threads/demo-user-028 200 650ms", "GET /api/threads/<id> <n> <n>"),
        ("[RACE CONDITION DETECTED: Startup phase 'no_app_state' did not reach 'services' within 2.1s - this would cause WebSocket 1011 errors",
         "[RACE CONDITION DETECTED: Startup phase <str> did not reach <str> within <n> - this would cause WebSocket <n> errors"),
        ("WebSocket Manager module loaded - SSOT consolidation active (Issue #824 remediation)",
         "WebSocket Manager module loaded - SSOT consolidation active (Issue <n> remediation)"),
        ("Database initialization timeout after 8.0s in staging environment.",
         "Database initialization timeout after <n> in staging environment."),
        ("object _UnifiedWebSocketManagerImplementation can't be used in 'await' expression",
         "object _UnifiedWebSocketManagerImplementation can't be used in <str> expression"),
        ("AUTH VALIDATION TIMEOUT: user_id: usr_f0397722, connection: main_57a7aacf, elapsed: 0.1011s",
         "AUTH VALIDATION TIMEOUT: user_id: <id>, connection: <id>, elapsed: <n>"),
        ("connection to server on socket \"/cloudsql/netra-staging:us-central1:db\" failed",
         "connection to server on socket <str> failed"),
        ("trace 3f9a2b7c-1d2e-4f5a-8b9c-0d1e2f3a4b5c and hex deadbeef01 and abcdef12",
         "trace <id> and hex <id> and <id>"),
        ("values [1, 2.5, [3]] then {'a': 1}", "values [<list>] then {<str>: <n>}"),
        ("[U+1F4A5] DETERMINISTIC STARTUP SEQUENCE FAILED", "[U+<id>] DETERMINISTIC STARTUP SEQUENCE FAILED"),
        ("at 2025-09-15 12:00:14,010 ok", "at <n> <n>:<n>:<n>,<n> ok"),
        ("plain words only, non-blocking", "plain words only, non-blocking"),
        ("unterminated 'quote and [list", "unterminated 'quote and [list"),
        ("ünïcode ✓ stays for user demo-user-002", "ünïcode ✓ stays for user <id>"),
        ("open 'a 'b \"c [1 [2", "open 'a 'b \"c [<n> [<n>"),
        ("", ""),
    ])
    func masks(message: String, template: String) {
        #expect(MessageTemplate.make(message) == template)
    }

    /// Unclosed quotes and brackets must not make every later one rescan the line.
    /// The masks that grow the most (an empty list becomes `[<list>]`, a
    /// digit `<n>`): the template of a message made only of them is written
    /// whole.
    @Test func theLongestTemplatesAreWrittenWhole() {
        #expect(MessageTemplate.make(String(repeating: "[]", count: 3000)) == String(repeating: "[<list>]", count: 3000))
        #expect(MessageTemplate.make(String(repeating: "7 ", count: 3000)) == String(repeating: "<n> ", count: 3000))
        #expect(MessageTemplate.make("\"\"x''") == "<str>x''")
        #expect(MessageTemplate.make("") == "")
    }

    @Test func unclosedMarksStayCheap() {
        let line = "x \"" + String(repeating: "'a [1 ", count: 50_000)
        let masked = MessageTemplate.make(line) == "x \"" + String(repeating: "'a [<n> ", count: 50_000)
        #expect(masked)
    }

    @Test func messagesOfOneKindGroupTogether() {
        let users = ["demo-user-001", "demo-user-002", "usr_3af27f80", "test_user_1_3f9a2b7c"]
        let templates = Set(users.map {
            MessageTemplate.make("SSOT VALIDATION: Multiple manager instances for user \($0) - potential duplication")
        })
        #expect(templates == ["SSOT VALIDATION: Multiple manager instances for user <id> - potential duplication"])
        let other = MessageTemplate.make("SSOT VIOLATION: Multiple manager instances for user demo-user-002")
        #expect(!templates.contains(other))
    }

    /// The token rules, token by token as they are written down: a token is
    /// letters, digits, `_`, `-` and a `.` between digits; without a digit it
    /// stays, digits alone are a number, six or more hex digits and letters an
    /// id, digits then letters a number with its unit, anything else an id.
    private static func referenceTemplate(_ message: String) -> String {
        func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        func isLetter(_ b: UInt8) -> Bool { (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) }
        func isToken(_ b: UInt8) -> Bool { isDigit(b) || isLetter(b) || b == 0x5F || b == 0x2D }
        let bytes = Array(message.utf8)
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            guard isToken(bytes[i]) else {
                out.append(bytes[i])
                i += 1
                continue
            }
            var j = i
            while j < bytes.count, isToken(bytes[j])
                || (bytes[j] == 0x2E && j > i && isDigit(bytes[j - 1]) && j + 1 < bytes.count && isDigit(bytes[j + 1])) {
                j += 1
            }
            let token = Array(bytes[i..<j])
            let hasDigit = token.contains(where: isDigit)
            let hasLetter = token.contains(where: isLetter)
            let allHex = token.allSatisfy { isDigit($0) || Array("abcdefABCDEF".utf8).contains($0) }
            let digitsThenLetters = isDigit(token[0]) && {
                let rest = token.drop { isDigit($0) || $0 == 0x2E }
                return rest.allSatisfy(isLetter)
            }()
            if !hasDigit {
                out += token
            } else if !hasLetter {
                out += Array("<n>".utf8)
            } else if allHex && token.count >= 6 {
                out += Array("<id>".utf8)
            } else if digitsThenLetters {
                out += Array("<n>".utf8)
            } else {
                out += Array("<id>".utf8)
            }
            i = j
        }
        return String(decoding: out, as: UTF8.self)
    }

    @Test func tokensAreMaskedByTheirRules() {
        // Hex and other letters in both cases, digits, the token joiners, dots
        // and spaces: every kind of token and every boundary between them.
        let alphabet = Array("abfgzABFGZ0179_-.  ,:".utf8)
        var random = SeededRandom(seed: 71)
        for round in 0..<20_000 {
            // Long ones too: those are written sixteen bytes at a time.
            let length = 1 + random.next(round % 2 == 0 ? 24 : 90)
            let message = String(decoding: (0..<length).map { _ in alphabet[random.next(alphabet.count)] }, as: UTF8.self)
            #expect(MessageTemplate.make(message) == Self.referenceTemplate(message), "\(message)")
        }
    }

    /// Sixteen bytes at a time or byte by byte, a template is the same:
    /// messages of quotes, lists, escapes, `#`s, ids and words, with every
    /// mark at every offset of a block.
    @Test func blocksWriteWhatTheByteLoopWrites() {
        let pieces = ["'", "\"", "[", "]", "{", "}", "\\", "#", "#12", " ", ", ", "abc", "WebSocketManager", "x1", "0.5s",
                      "run_77694_31_5e4be0f5", "demo-user-001", "can't", "['a', 'b']", "[1, 2]", "\"q\"", "é", ".", "_", "-"]
        var random = SeededRandom(seed: 12)
        for _ in 0..<20_000 {
            var message = ""
            for _ in 0..<random.next(30) { message += pieces[random.next(pieces.count)] }
            #expect(MessageTemplate.make(message, blocks: true) == MessageTemplate.make(message, blocks: false), "\(message)")
        }
    }
}
