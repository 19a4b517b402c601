import Testing
@testable import TelltaleCore

@Suite("IDFormat")
struct IDFormatTests {
    @Test("classifies id tokens", arguments: [
        ("test_user_1_3f9a2b7c", IDFormat?.some(.unified)),
        ("session_23071_097ce80c", .unified),
        ("run_thread_7_12_0a1b2c3d", .unified),
        ("ws_conn_demo-use_1757939142000_3_9f8e7d6c", .unified),
        ("main_5b14bc0d", .legacy),
        ("usr_3af27f80", .legacy),
        ("user_3f9a2b7c1d2e4f5a", .fallback),
        ("user_3f9a2b7c1d2e", .fallback),
        ("user_" + String(repeating: "a1", count: 32), .fallback),
        ("user_" + String(repeating: "a1", count: 32) + "f", nil),
        ("user_3f9a2b7c1d2", nil),           // 11 hex: neither legacy nor fallback
        ("usr_3AF27F80", nil),               // uppercase hex is not what the backend emits
        ("test_user_3f9a2b7c", nil),         // no counter
        ("session_23071_097ce80", nil),      // 7 hex
        ("session_x1_097ce80c", nil),        // counter is not digits
        ("Main_5b14bc0d", nil),              // first word must be lowercase
        ("_5b14bc0d", nil),
        ("main__5b14bc0d", nil),
        ("main_5b14bc0d_", nil),
        ("3f9a2b7c", nil),
        ("pool_size", nil),
        ("demo-user-001", nil),
        ("", nil),
    ])
    func classify(token: String, format: IDFormat?) {
        #expect(IDFormat.classify(token) == format)
    }

    @Test func classifiesSubstrings() {
        let line = "connection: main_57a7aacf,"
        let token = line.dropFirst(12).dropLast()
        #expect(IDFormat.classify(token) == .legacy)
    }
}
