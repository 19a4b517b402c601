import Testing
@testable import TelltaleUI

@Suite("Themes")
struct ThemeLoaderTests {
    @Test("every built-in theme loads without warnings and sets every role", arguments: ThemeLoader.builtinNames)
    func builtins(name: String) throws {
        let loaded = try ThemeLoader.builtin(name)
        #expect(loaded.warnings.isEmpty)
        #expect(loaded.theme.name == name)
        if name != "mono" {
            #expect(Set(loaded.theme.styles.keys) == Set(StyleRole.allCases))
        }
    }

    @Test("a good theme file")
    func good() throws {
        let yaml = """
        name: mine
        roles:
          ok: {fg: green, bold: true}
          crit: {fg: "#dc322f", bg: 16, fg16: bright-red}
        """
        let theme = try ThemeLoader.load(yaml: yaml, file: "mine.yaml").theme
        #expect(theme.style(for: .ok) == RoleStyle(fg: .index(2), bold: true))
        #expect(theme.style(for: .crit).fg == .rgb(red: 0xdc, green: 0x32, blue: 0x2f))
        #expect(theme.style(for: .crit).bg == .index(16))
    }

    @Test("unknown keys and roles warn with their line, and the theme still loads")
    func unknownKey() throws {
        let yaml = "name: x\nflavour: sweet\nroles:\n  ok: {fg: green, blink: true}\n  sparkles: {fg: red}\n"
        let loaded = try ThemeLoader.load(yaml: yaml, file: "x.yaml")
        #expect(loaded.warnings.count == 3)
        #expect(loaded.warnings[0].contains("x.yaml:2") && loaded.warnings[0].contains("flavour"))
        #expect(loaded.warnings.contains { $0.contains("blink") && $0.contains(":4") })
        #expect(loaded.warnings.contains { $0.contains("sparkles") && $0.contains(":5") })
        #expect(loaded.theme.style(for: .ok).fg == .index(2))
    }

    struct Broken: Sendable, CustomStringConvertible {
        var yaml: String
        var line: Int?
        var reason: String
        var description: String { reason }
    }

    @Test("malformed themes fail with the file, line and reason", arguments: [
        Broken(yaml: "name: x\nroles:\n  ok: {fg: chartreuse}\n", line: 3, reason: "not a color"),
        Broken(yaml: "name: x\nroles:\n  ok: {bold: maybe}\n", line: 3, reason: "expected true or false"),
        Broken(yaml: "name: x\nroles:\n  ok: green\n", line: 3, reason: "must be a mapping"),
        Broken(yaml: "name: x\nroles: [ok]\n", line: 2, reason: "'roles' must be a mapping"),
        Broken(yaml: "name: x\nroles:\n  ok: {fg: [green\n", line: 4, reason: "invalid YAML"),
        Broken(yaml: "name: \"evil\\e[31m\"\nroles: {}\n", line: 1, reason: "control characters"),
        Broken(yaml: "name: x\nroles:\n  ok: {fg: 256}\n", line: 3, reason: "not a color"),
    ])
    func malformed(_ broken: Broken) {
        do {
            _ = try ThemeLoader.load(yaml: broken.yaml, file: "bad.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.file == "bad.yaml")
            #expect(error.line == broken.line)
            #expect(error.reason.contains(broken.reason), "\(error.reason)")
        }
    }

    @Test("a role the theme leaves out comes from the default theme")
    func fallback() throws {
        let base = try ThemeLoader.builtin("default").theme
        let theme = try ThemeLoader.load(yaml: "name: tiny\nroles:\n  ok: {fg: blue}\n", file: "tiny.yaml", fallback: base).theme
        #expect(theme.style(for: .ok).fg == .index(4))
        #expect(theme.style(for: .crit) == base.style(for: .crit))
    }

    struct Selection: Sendable, CustomStringConvertible {
        var colors: Int
        var monochrome: Bool
        var expected: ResolvedStyle
        var description: String { "\(colors) colors\(monochrome ? " mono" : "")" }
    }

    @Test("colors follow what the terminal supports", arguments: [
        Selection(colors: 256, monochrome: false, expected: ResolvedStyle(fg: 203, bg: nil, bold: true, reverse: false)),
        Selection(colors: 16, monochrome: false, expected: ResolvedStyle(fg: 9, bg: nil, bold: true, reverse: false)),
        Selection(colors: 8, monochrome: false, expected: ResolvedStyle(fg: 1, bg: nil, bold: true, reverse: false)),
        Selection(colors: 256, monochrome: true, expected: ResolvedStyle(fg: nil, bg: nil, bold: true, reverse: false)),
    ])
    func colorSelection(_ s: Selection) {
        var style = RoleStyle(fg: .index(203), bold: true)
        style.fg16 = .index(9)
        style.fg8 = .index(1)
        let theme = Theme(name: "t", styles: [.crit: style])
        #expect(theme.resolved(.crit, colors: s.colors, monochrome: s.monochrome) == s.expected)
    }

    @Test("#rrggbb maps to the nearest palette colors")
    func nearest() throws {
        let red = try #require(ThemeColor(parsing: "#ff0000"))
        #expect(red.index256 == 196)
        #expect(red.index16 == 9)
        #expect(red.index8 == 1)
        let gray = try #require(ThemeColor(parsing: "#808080"))
        #expect(gray.index256 == 244)
        #expect(ThemeColor(parsing: "#12345") == nil)
        #expect(ThemeColor(parsing: "bright-cyan") == .index(14))
    }
}
