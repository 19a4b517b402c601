import Foundation
import Testing
import TelltaleCore
@testable import TelltaleUI

/// Theme files are data people download and share, so a hostile one must not
/// be able to write to the terminal, crash telltale or stall it.
///
/// Each case is refused with the file (and the line, where the problem has
/// one), or loads with the bad bytes made visible. Why that is enough: a theme
/// reaches the terminal only as `ResolvedStyle` (palette indices and three
/// flags, handed to `init_pair` and attributes); `DashboardRenderer` takes no
/// theme at all. Text from a theme appears in exactly three places: its name
/// (`t` says `theme: NAME` in the key bar), its warnings (the first one is the
/// key bar's start message), and its error (stderr before the dashboard
/// starts). Those are checked below for control characters.
@Suite("hostile themes")
struct HostileThemeTests {
    struct Refused: Sendable, CustomStringConvertible {
        var label: String
        var bytes: [UInt8]
        var line: Int?
        var reason: String
        var description: String { label }

        init(_ label: String, _ text: String, line: Int?, reason: String) {
            self.init(label, Array(text.utf8), line: line, reason: reason)
        }

        init(_ label: String, _ bytes: [UInt8], line: Int?, reason: String) {
            self.label = label
            self.bytes = bytes
            self.line = line
            self.reason = reason
        }
    }

    static let roles = "name: x\nroles:\n"

    /// Nine levels of nine aliases each: 9^9 copies of the innermost list if expanded.
    static let billionLaughs: String = {
        var lines = ["name: x", "l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        for level in 1...9 {
            lines.append("l\(level): &l\(level) [" + Array(repeating: "*l\(level - 1)", count: 9).joined(separator: ", ") + "]")
        }
        return lines.joined(separator: "\n") + "\n"
    }()

    static let refused: [Refused] = [
        Refused("OSC title in the name (YAML escape)", "name: \"\\e]0;pwned\\a\"\nroles: {}\n", line: 1, reason: "control characters"),
        Refused("raw ESC byte in the name", "name: x\u{1B}[2Jy\nroles: {}\n", line: 1, reason: "control characters"),
        Refused("C1 CSI in the name (YAML escape)", "name: \"\\x9b31m\"\n", line: 1, reason: "control characters"),
        Refused("raw C1 CSI (U+009B) in a value", roles + "  ok: {fg: \u{9B}31m}\n", line: 3, reason: "control characters"),
        Refused("OSC palette change in a color", roles + "  ok: {fg: \"\\e]4;1;rgb:ff/00/00\\e\\\\\"}\n", line: 3, reason: "control characters"),
        Refused("BEL in a description", "name: x\ndescription: \"ding\\a\"\n", line: 2, reason: "control characters"),
        Refused("NUL byte", "name: x\u{0}\n", line: 1, reason: "control characters"),
        Refused("ESC in an attribute flag", roles + "  ok: {bold: \"\\e[5m\"}\n", line: 3, reason: "expected true or false"),
        Refused("invalid UTF-8", Array("name: x\nroles:\n  ok: {fg: re".utf8) + [0xC3, 0x28] + Array("d}\n".utf8), line: 3, reason: "not valid UTF-8"),
        Refused("a lone continuation byte", [0x6E, 0x3A, 0x20, 0x80, 0x0A], line: 1, reason: "not valid UTF-8"),
        Refused("a color index past 255", roles + "  ok: {fg: 99999999999999999999999999999999}\n", line: 3, reason: "not a color"),
        Refused("a negative color index", roles + "  ok: {bg: -1}\n", line: 3, reason: "not a color"),
        Refused("a float color", roles + "  ok: {fg: 1e308}\n", line: 3, reason: "not a color"),
        Refused("#rrggbb too long", roles + "  ok: {fg: \"#1234567\"}\n", line: 3, reason: "not a color"),
        Refused("5 000 nested flow sequences", "name: x\nroles: " + String(repeating: "[", count: 5_000) + "\n", line: 2, reason: "invalid YAML"),
        Refused("2 000 nested block sequences", "name: x\nroles:\n" + String(repeating: "- ", count: 2_000) + "x\n", line: 3, reason: "invalid YAML"),
        Refused("billion laughs", billionLaughs, line: 3, reason: "more than 8 aliases"),
        Refused("a 10 MB file", Array(repeating: UInt8(ascii: "#"), count: 10_000_000), line: nil, reason: "at most 64 KiB"),
        Refused("a duplicate role", roles + "  ok: {fg: red}\n  ok: {fg: blue}\n", line: 3, reason: "duplicate key 'ok'"),
    ]

    static func controlFree(_ text: String) -> Bool {
        !text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
    }

    @Test("refused with the file, the line and why, and no control character in the error", arguments: refused)
    func refusedCase(_ hostile: Refused) {
        let start = ContinuousClock.now
        do {
            let loaded = try ThemeLoader.load(contents: hostile.bytes, file: "hostile.yaml")
            Issue.record("loaded: \(loaded.theme.name)")
        } catch {
            #expect(error.file == "hostile.yaml")
            #expect(error.line == hostile.line, "\(error)")
            #expect(error.reason.contains(hostile.reason), "\(error)")
            #expect(Self.controlFree(error.description), "\(error)")
        }
        #expect(ContinuousClock.now - start < .seconds(2))
    }

    @Test("escapes in role and key names load as warnings that show the escape, never send it")
    func escapesInNames() throws {
        let yaml = """
        name: fine
        "\\e]0;top\\a": 1
        roles:
          "\\e]0;role\\a": {fg: red}
          ok: {fg: green, "\\e[2Jkey": true}
          crit: {fg: "#ff0000"}
        """
        let loaded = try ThemeLoader.load(yaml: yaml, file: "names.yaml")
        #expect(loaded.warnings.count == 3)
        #expect(loaded.warnings.allSatisfy(Self.controlFree))
        #expect(loaded.warnings[0].contains("names.yaml:2") && loaded.warnings[0].contains("␛]0;top␇"))
        #expect(loaded.warnings.contains { $0.contains(":4") && $0.contains("␛]0;role␇") })
        #expect(loaded.warnings.contains { $0.contains(":5") && $0.contains("␛[2Jkey") })
        #expect(loaded.theme.style(for: .ok).fg == .index(2))
        #expect(loaded.theme.style(for: .crit).fg == .rgb(red: 255, green: 0, blue: 0))
    }

    @Test("a long hostile key is cut in the warning")
    func longKey() throws {
        // YAML caps an implicit key at 1024 characters: 200 escapes stay under it.
        let key = String(repeating: "\\e[1m", count: 200)
        let loaded = try ThemeLoader.load(yaml: "name: x\n\"\(key)\": 1\n", file: "long.yaml")
        let warning = try #require(loaded.warnings.first)
        #expect(Self.controlFree(warning))
        #expect(warning.count < 300)
    }

    @Test("a few aliases, even as mapping keys, load at once")
    func aliasesWithinTheCap() throws {
        let yaml = """
        name: reuse
        a: &a [x, x]
        b: &b [*a, *a]
        c: &c [*b, *b]
        d: &d [*c, *c]
        ? *d
        : y
        roles:
          ok: &good {fg: green, bold: true}
          statusOK: *good
        """
        let start = ContinuousClock.now
        let loaded = try ThemeLoader.load(yaml: yaml, file: "reuse.yaml")
        #expect(ContinuousClock.now - start < .seconds(1))
        #expect(loaded.theme.style(for: .statusOK) == RoleStyle(fg: .index(2), bold: true))
        #expect(ThemeLoader.lineOfAlias(number: 9, in: yaml) == nil)
    }

    @Test("the alias count finds every place YAML starts an alias", arguments: [
        ("*a", 1, 1), ("k: *a", 1, 1), ("[*a,*b]", 2, 1), ("{a:*b}", 1, 1), ("- *a", 1, 1), ("k:\t*a", 1, 1),
        ("\u{FEFF}*a", 1, 1), ("k: a*b", 0, nil), ("k: \"x *y\"", 1, 1),
        // YAML's other line breaks (NEL, LS) count as lines, as libyaml counts them.
        ("k:\u{85}*a", 1, 2), ("k:\u{2028}*a", 1, 2), ("a: 1\r\nk:\r*a", 1, 3),
    ] as [(String, Int, Int?)])
    func aliasPositions(_ yaml: String, _ count: Int, _ line: Int?) {
        #expect(ThemeLoader.lineOfAlias(number: count, in: yaml) == line, "\(yaml.debugDescription)")
        #expect(ThemeLoader.lineOfAlias(number: count + 1, in: yaml) == nil, "\(yaml.debugDescription)")
    }

    @Test("a huge theme file or an endless one is refused without reading it all", arguments: ["file", "/dev/zero"])
    func hugeFile(_ kind: String) throws {
        var path = kind
        if kind == "file" {
            path = FileManager.default.temporaryDirectory.appendingPathComponent("telltale-huge-\(UUID().uuidString).yaml").path
            var text = "name: huge\nroles:\n  ok: {fg: green}\n"
            text += String(repeating: "# padding padding padding padding padding padding padding padding\n", count: 160_000)
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        }
        defer { if kind == "file" { try? FileManager.default.removeItem(atPath: path) } }
        let start = ContinuousClock.now
        #expect(throws: ConfigError.self) { try ThemeLoader.resolve(path) }
        do {
            _ = try ThemeLoader.resolve(path)
        } catch {
            #expect(error.reason.contains("at most 64 KiB"), "\(error)")
        }
        #expect(ContinuousClock.now - start < .seconds(2))
    }

    @Test("a theme name with escapes, given on the command line, comes back visible")
    func hostileName() {
        do {
            _ = try ThemeLoader.resolve("\u{1B}]0;pwned\u{7}")
            Issue.record("resolved a name that is no built-in")
        } catch {
            #expect(Self.controlFree(error.description))
            #expect(error.description.contains("␛]0;pwned␇"))
        }
    }

    @Test("whatever loads yields palette indices in range for every role and terminal", arguments: ThemeLoader.builtinNames + ["hostile"])
    func onlyIndices(_ name: String) throws {
        let theme = name == "hostile"
            ? try ThemeLoader.load(yaml: "name: h\nroles:\n  ok: {fg: 255, bg: \"#ffffff\", fg16: 15, fg8: bright-white}\n  crit: {fg: 0, bg: \"#000000\"}\n",
                                   file: "h.yaml", fallback: ThemeLoader.defaultTheme()).theme
            : try ThemeLoader.builtin(name).theme
        for role in StyleRole.allCases {
            for colors in [256, 16, 8] {
                let style = theme.resolved(role, colors: colors, monochrome: false)
                for index in [style.fg, style.bg].compactMap({ $0 }) {
                    #expect((0..<colors).contains(index), "\(role) at \(colors) colors: \(index)")
                }
            }
            let mono = theme.resolved(role, colors: 0, monochrome: true)
            #expect(mono.fg == nil && mono.bg == nil)
        }
    }

    @Test("a status message with escapes (a theme's warning, a name, a path) reaches the key bar escaped")
    func messageOnScreen() throws {
        var model = DashboardModel()
        model.message = "theme: \u{1B}]0;pwned\u{7}\u{9B}2J done"
        let snapshot = DashboardFixture.snapshot(try DashboardFixture.empty())
        let frame = DashboardRenderer.render(snapshot: snapshot, model: model, glyphs: .unicode, width: 120, height: 40)
        let bottom = (0..<frame.width).map { frame[$0, frame.height - 1].text }.joined()
        #expect(bottom.contains("theme: ␛]0;pwned␇\u{FFFD}2J done"), "\(bottom)")
        for cell in frame.cells {
            #expect(Self.controlFree(cell.text), "\(cell.text.unicodeScalars.map(\.value))")
        }
    }
}
