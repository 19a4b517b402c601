import ArgumentParser
import TelltaleUI

/// The options of every command that can open the dashboard (`watch`, `demo`,
/// `replay --dashboard`).
struct DashboardOptions: ParsableArguments {
    @Option(name: .customLong("theme"), help: ArgumentHelp(
        "A built-in theme (\(ThemeLoader.builtinNames.joined(separator: ", "))) or a theme file path.", valueName: "name|path"))
    var theme: String = "default"

    @Flag(name: .customLong("no-color"), help: "Monochrome: bold and reverse video only (also when NO_COLOR is set).")
    var noColor = false

    @Flag(name: .customLong("bell"), help: "Ring the terminal bell once each time an alert is raised.")
    var bell = false

    @Option(name: .customLong("log-file"), help: ArgumentHelp("Write diagnostics (terminal, theme, keys, errors) to this file.", valueName: "path"))
    var logFile: String?
}
