import ArgumentParser
import Foundation
import TelltaleCore

/// The command line: one root command and its subcommands.
@main
struct Telltale: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "telltale",
        abstract: "Watch a backend deploy live: health, WebSocket warnings, duplication, ID manager, database.",
        version: "0.1.0",
        subcommands: [CheckCommand.self, WatchCommand.self, DemoCommand.self, ReplayCommand.self]
    )

    /// Parses the command line and runs the command, with the bundled rule
    /// pack loading on a thread of its own meanwhile.
    ///
    /// Every command but help and version needs the pack, and both steps are
    /// mostly the Swift runtime's first type lookups: reading the pack (YAML,
    /// its regexes compiled) costs about 10 ms, parsing the command line about
    /// 6 ms, one after the other on a core while the other sat idle. A check of
    /// a million lines takes some 650 ms, so that was 1-2% of it. The pack is
    /// read once per process (`RuleSet.defaultPack`): the command that asks for
    /// it first waits for this thread or finds it loaded.
    static func main() async {
        Thread.detachNewThread { _ = try? RuleSet.defaultPack() }
        await main(nil)
    }
}
