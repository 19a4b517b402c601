import TelltaleCore
import Foundation
import Yams

/// Reads theme files and finds themes by name or path.
///
/// The format (see `themes/README.md`): `name`, optional `description`, and
/// `roles`, a mapping from role name to `{fg, bg, bold, reverse, underline,
/// fg16, bg16, fg8, bg8}`. An unknown role or key is a warning (a newer theme
/// still loads); a value that is not a color or a boolean is an error with the
/// file and line. Roles the theme leaves out come from the default theme.
public enum ThemeLoader {
    /// The themes shipped inside the binary's resources, in `t` cycling order.
    public static let builtinNames = ["default", "light", "high-contrast", "solarized-dark", "mono"]

    /// A loaded theme and what was odd about it.
    public struct Loaded: Sendable {
        public var theme: Theme
        public var warnings: [String]
    }

    private static let styleKeys: Set<String> = ["fg", "bg", "bold", "reverse", "underline", "fg16", "bg16", "fg8", "bg8"]

    /// The largest theme file read, in bytes. The built-in themes are about
    /// 2 KB; the cap keeps `--theme /dev/zero` or a huge file from eating
    /// memory and bounds what an alias can multiply.
    public static let maximumFileBytes = 64 * 1024

    /// The most aliases (`*name`) a theme may use. Yams resolves every alias to
    /// a copy of its anchored node and hashes mapping keys whole, so nested
    /// aliases ("billion laughs") cost exponential time inside the YAML library,
    /// before any theme code could count nodes. With at most 8 aliases no
    /// document expands to more than about 19 times its own size.
    public static let maximumAliases = 8

    /// Parses a theme file's raw bytes: refuses more than `maximumFileBytes`
    /// and invalid UTF-8 (with its line), then parses as `load(yaml:)` does.
    /// - Throws: `ConfigError` naming `file` and, when it has one, the line.
    public static func load(contents: some Collection<UInt8>, file: String, fallback: Theme? = nil) throws(ConfigError) -> Loaded {
        let shownFile = shown(file, limit: nil)
        guard contents.count <= maximumFileBytes else {
            throw ConfigError(file: shownFile, reason: "a theme file is at most \(maximumFileBytes / 1024) KiB; this one has more")
        }
        var parser = Unicode.UTF8.ForwardParser()
        var bytes = contents.makeIterator()
        var line = 1
        decoding: while true {
            switch parser.parseScalar(from: &bytes) {
            case .valid(let encoded):
                if encoded.count == 1 && encoded.first == 0x0A { line += 1 }
            case .emptyInput:
                break decoding
            case .error:
                throw ConfigError(file: shownFile, line: line, reason: "not valid UTF-8")
            }
        }
        return try load(yaml: String(decoding: contents, as: UTF8.self), file: file, fallback: fallback)
    }

    /// Parses theme YAML. `fallback` fills the roles it leaves out.
    /// - Throws: `ConfigError` naming `file` and the line of the bad value.
    public static func load(yaml: String, file: String, fallback: Theme? = nil) throws(ConfigError) -> Loaded {
        let file = shown(file, limit: nil)
        guard yaml.utf8.count <= maximumFileBytes else {
            throw ConfigError(file: file, reason: "a theme file is at most \(maximumFileBytes / 1024) KiB; this one has more")
        }
        if let line = lineOfAlias(number: maximumAliases + 1, in: yaml) {
            throw ConfigError(file: file, line: line, reason: "more than \(maximumAliases) aliases (*name): write the styles out")
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            switch error {
            case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
                throw ConfigError(file: file, line: mark.line, reason: "invalid YAML: \(shown(problem))")
            case let .reader(problem, offset, _, _):
                // A byte YAML refuses (a raw control character): the offset counts characters.
                let line = offset.map { yaml.prefix($0).reduce(1) { $1.isNewline ? $0 + 1 : $0 } }
                throw ConfigError(file: file, line: line, reason: "invalid YAML: \(shown(problem))")
            case let .duplicatedKeysInMapping(duplicates, context):
                throw ConfigError(file: file, line: context.mark.line, reason: "duplicate key '\(shown(duplicates.first ?? ""))'")
            default:
                throw ConfigError(file: file, reason: "invalid YAML: \(shown(String(describing: error)))")
            }
        } catch {
            throw ConfigError(file: file, reason: "invalid YAML: \(shown(String(describing: error)))")
        }
        guard let root, let top = root.mapping else {
            throw ConfigError(file: file, line: root?.mark?.line, reason: "a theme is a mapping with 'name' and 'roles'")
        }
        var warnings: [String] = []
        var name = (file as NSString).lastPathComponent.replacingOccurrences(of: ".yaml", with: "")
        var styles: [StyleRole: RoleStyle] = [:]
        for (keyNode, value) in top {
            let key = shown(keyNode.string ?? "")
            switch key {
            case "name":
                name = try safeText(value, file: file)
            case "description":
                _ = try safeText(value, file: file)
            case "roles":
                guard let roles = value.mapping else {
                    throw ConfigError(file: file, line: value.mark?.line, reason: "'roles' must be a mapping of role name to style")
                }
                for (roleNode, styleNode) in roles {
                    let roleName = shown(roleNode.string ?? "")
                    guard let role = StyleRole(rawValue: roleName) else {
                        warnings.append("\(file):\(roleNode.mark?.line ?? 0): unknown role '\(roleName)' ignored")
                        continue
                    }
                    styles[role] = try style(styleNode, role: roleName, file: file, warnings: &warnings)
                }
            default:
                warnings.append("\(file):\(keyNode.mark?.line ?? 0): unknown key '\(key)' ignored (known: name, description, roles)")
            }
        }
        return Loaded(theme: Theme(name: name, styles: styles, fallback: fallback.map { $0.fallback.merging($0.styles) { _, own in own } } ?? [:]), warnings: warnings)
    }

    private static func style(_ node: Node, role: String, file: String, warnings: inout [String]) throws(ConfigError) -> RoleStyle {
        guard let mapping = node.mapping else {
            throw ConfigError(file: file, line: node.mark?.line, reason: "role '\(role)' must be a mapping like {fg: green, bold: true}")
        }
        var style = RoleStyle()
        for (keyNode, value) in mapping {
            let key = shown(keyNode.string ?? "")
            guard styleKeys.contains(key) else {
                warnings.append("\(file):\(keyNode.mark?.line ?? 0): unknown key '\(key)' in role '\(role)' ignored")
                continue
            }
            let line = value.mark?.line
            if ["bold", "reverse", "underline"].contains(key) {
                guard let flag = value.bool else {
                    throw ConfigError(file: file, line: line, reason: "\(role).\(key): expected true or false, got '\(shown(value.string ?? "?"))'")
                }
                switch key {
                case "bold": style.bold = flag
                case "reverse": style.reverse = flag
                default: style.underline = flag
                }
                continue
            }
            let text = try safeText(value, file: file)
            guard let color = ThemeColor(parsing: text) else {
                throw ConfigError(file: file, line: line, reason: "\(role).\(key): '\(shown(text))' is not a color (a name like green, #rrggbb, or 0-255)")
            }
            switch key {
            case "fg": style.fg = color
            case "bg": style.bg = color
            case "fg16": style.fg16 = color
            case "bg16": style.bg16 = color
            case "fg8": style.fg8 = color
            default: style.bg8 = color
            }
        }
        return style
    }

    /// A scalar's text, refused when it holds control characters: a theme must
    /// never be a way to smuggle escape sequences onto the terminal.
    private static func safeText(_ node: Node, file: String) throws(ConfigError) -> String {
        guard let text = node.scalar?.string else {
            throw ConfigError(file: file, line: node.mark?.line, reason: "expected a single value")
        }
        if text.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) {
            throw ConfigError(file: file, line: node.mark?.line, reason: "control characters are not allowed in a theme")
        }
        return text
    }

    /// Text from a theme file (a key, a value, a parser message) as it may
    /// appear in a warning or an error: control characters made visible, and
    /// cut short, since warnings reach the status bar and stderr.
    static func shown(_ text: String, limit: Int? = 80) -> String {
        let safe = DisplaySafeText.make(scalars: text.unicodeScalars)
        guard let limit, safe.count > limit else { return safe }
        return String(safe.prefix(limit)) + "…"
    }

    /// The line of the `number`th possible alias, or nil when there are fewer.
    ///
    /// Counts every `*` that could start a YAML token: at the start, after
    /// white space or a line break (YAML's own, NEL and U+2028/9 included),
    /// or after `[`, `{`, `,` or `:`. Quotes and comments are not skipped, so
    /// a `*` in a quoted name also counts: the count can only be too high,
    /// never miss a real alias.
    static func lineOfAlias(number: Int, in yaml: String) -> Int? {
        var count = 0
        var line = 1
        var previous: Unicode.Scalar?
        var afterCarriageReturn = false
        for scalar in yaml.unicodeScalars {
            if scalar == "*" {
                let opensToken = switch previous {
                case nil: true
                case let p?: p.properties.isWhitespace || p == "\u{FEFF}" || "[{,:".unicodeScalars.contains(p)
                }
                if opensToken {
                    count += 1
                    if count >= number { return line }
                }
            }
            switch scalar {
            case "\n": if !afterCarriageReturn { line += 1 }
            case "\r", "\u{85}", "\u{2028}", "\u{2029}": line += 1
            default: break
            }
            afterCarriageReturn = scalar == "\r"
            previous = scalar
        }
        return nil
    }

    // MARK: - Finding themes

    /// The built-in default theme (the fallback of every other).
    public static func defaultTheme() -> Theme {
        if let loaded = try? builtin("default", fallback: nil) { return loaded.theme }
        // Without resources (a stripped install) the dashboard still works, uncolored.
        return Theme(name: "default", styles: [:])
    }

    /// A built-in theme by name, read from this module's resources.
    public static func builtin(_ name: String, fallback: Theme? = defaultTheme()) throws(ConfigError) -> Loaded {
        guard builtinNames.contains(name) else {
            throw ConfigError(file: shown(name), reason: "no built-in theme '\(shown(name))' (built-in: \(builtinNames.joined(separator: ", ")))")
        }
        guard let url = Bundle.module.url(forResource: name, withExtension: "yaml", subdirectory: "themes"),
              let data = try? Data(contentsOf: url) else {
            throw ConfigError(file: "\(name).yaml", reason: "built-in theme missing from the installed resources")
        }
        return try load(contents: data, file: "\(name).yaml", fallback: fallback)
    }

    /// A theme by built-in name, or by path when the argument names a file.
    public static func resolve(_ nameOrPath: String) throws(ConfigError) -> Loaded {
        if builtinNames.contains(nameOrPath) { return try builtin(nameOrPath) }
        guard nameOrPath.contains("/") || nameOrPath.hasSuffix(".yaml") || nameOrPath.hasSuffix(".yml") else {
            throw ConfigError(file: shown(nameOrPath, limit: nil), reason: "no built-in theme '\(shown(nameOrPath))' (built-in: \(builtinNames.joined(separator: ", "))); give a path to use a file")
        }
        // At most one byte past the cap: enough to refuse a huge file (or
        // /dev/zero) without reading it.
        guard let handle = FileHandle(forReadingAtPath: nameOrPath),
              let data = try? handle.read(upToCount: maximumFileBytes + 1) ?? Data() else {
            throw ConfigError(file: shown(nameOrPath, limit: nil), reason: "cannot read the theme file")
        }
        try? handle.close()
        return try load(contents: data, file: nameOrPath, fallback: defaultTheme())
    }
}
