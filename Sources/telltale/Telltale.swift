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
        keepFreedMemoryMapped()
        Thread.detachNewThread { _ = try? RuleSet.defaultPack() }
        await main(nil)
    }

    /// Tells the C allocator to keep memory it got back rather than return
    /// it to the system at once.
    ///
    /// A source hands on each megabyte it reads as a buffer of its own, which
    /// the helper thread frees once its records are applied. By default the
    /// allocator gave such memory back as soon as some was free at the top of
    /// the heap, and the next buffer came back as fresh pages, each a fault
    /// and a page of zeros: a million-line check took 11,300-12,700 page
    /// faults, 3,800 with this (some 10 ms of CPU; alternating runs put the
    /// check's time from 1% slower to 3% faster, within the machine's
    /// noise). Peak memory is what it was (the same buffers, reused instead
    /// of returned); what is freed stays in the process until 64 MiB of it
    /// sits unused.
    private static func keepFreedMemoryMapped() {
        #if canImport(Glibc)
        // `mallopt` and its parameters live in <malloc.h>, which the Glibc
        // module does not import: found by name, with glibc's values.
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        let trimThreshold: Int32 = -1, topPad: Int32 = -2, mmapThreshold: Int32 = -3
        guard let symbol = dlsym(nil, "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        _ = mallopt(mmapThreshold, 8 << 20)
        _ = mallopt(trimThreshold, 64 << 20)
        _ = mallopt(topPad, 16 << 20)
        #endif
    }
}
