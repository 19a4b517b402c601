import ArgumentParser
import Foundation

extension RunConfiguration {
    /// `resolve` for a command: a problem (a bad config file, a bad option) is
    /// said on stderr and ends the command with status 64.
    static func resolveForCommand(_ options: InputOptions, requirements: [String] = []) throws(ExitCode) -> RunConfiguration {
        do {
            return try resolve(options, requirements: requirements)
        } catch {
            FileHandle.standardError.write(Data("telltale: \(error.description)\n".utf8))
            throw ExitCode(64)
        }
    }
}
