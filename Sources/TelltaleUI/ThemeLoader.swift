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

    /// Parses theme YAML. `fallback` fills the roles it leaves out.
    /// - Throws: `ConfigError` naming `file` and the line of the bad value.
    public static func load(yaml: String, file: String, fallback: Theme? = nil) throws(ConfigError) -> Loaded {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            switch error {
            case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
                throw ConfigError(file: file, line: mark.line, reason: "invalid YAML: \(problem)")
            default:
                throw ConfigError(file: file, reason: "invalid YAML: \(error)")
            }
        } catch {
            throw ConfigError(file: file, reason: "invalid YAML: \(error)")
        }
        guard let root, let top = root.mapping else {
            throw ConfigError(file: file, line: root?.mark?.line, reason: "a theme is a mapping with 'name' and 'roles'")
        }
        var warnings: [String] = []
        var name = (file as NSString).lastPathComponent.replacingOccurrences(of: ".yaml", with: "")
        var styles: [StyleRole: RoleStyle] = [:]
        for (keyNode, value) in top {
            let key = keyNode.string ?? ""
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
                    let roleName = roleNode.string ?? ""
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
            let key = keyNode.string ?? ""
            guard styleKeys.contains(key) else {
                warnings.append("\(file):\(keyNode.mark?.line ?? 0): unknown key '\(key)' in role '\(role)' ignored")
                continue
            }
            let line = value.mark?.line
            if ["bold", "reverse", "underline"].contains(key) {
                guard let flag = value.bool else {
                    throw ConfigError(file: file, line: line, reason: "\(role).\(key): expected true or false, got '\(value.string ?? "?")'")
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
                throw ConfigError(file: file, line: line, reason: "\(role).\(key): '\(text)' is not a color (a name like green, #rrggbb, or 0-255)")
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
            throw ConfigError(file: name, reason: "no built-in theme '\(name)' (built-in: \(builtinNames.joined(separator: ", ")))")
        }
        guard let url = Bundle.module.url(forResource: name, withExtension: "yaml", subdirectory: "themes"),
              let data = try? Data(contentsOf: url) else {
            throw ConfigError(file: "\(name).yaml", reason: "built-in theme missing from the installed resources")
        }
        return try load(yaml: String(decoding: data, as: UTF8.self), file: "\(name).yaml", fallback: fallback)
    }

    /// A theme by built-in name, or by path when the argument names a file.
    public static func resolve(_ nameOrPath: String) throws(ConfigError) -> Loaded {
        if builtinNames.contains(nameOrPath) { return try builtin(nameOrPath) }
        guard nameOrPath.contains("/") || nameOrPath.hasSuffix(".yaml") || nameOrPath.hasSuffix(".yml") else {
            throw ConfigError(file: nameOrPath, reason: "no built-in theme '\(nameOrPath)' (built-in: \(builtinNames.joined(separator: ", "))); give a path to use a file")
        }
        guard let data = FileManager.default.contents(atPath: nameOrPath) else {
            throw ConfigError(file: nameOrPath, reason: "cannot read the theme file")
        }
        return try load(yaml: String(decoding: data, as: UTF8.self), file: nameOrPath, fallback: defaultTheme())
    }
}
