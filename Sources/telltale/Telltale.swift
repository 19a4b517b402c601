import ArgumentParser

/// The command line: one root command and its subcommands.
@main
struct Telltale: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "telltale",
        abstract: "Watch a backend deploy live: health, WebSocket warnings, duplication, ID manager, database.",
        version: "0.1.0",
        subcommands: [CheckCommand.self, WatchCommand.self, DemoCommand.self, ReplayCommand.self]
    )
}
