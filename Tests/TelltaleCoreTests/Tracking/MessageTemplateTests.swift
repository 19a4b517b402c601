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
}
