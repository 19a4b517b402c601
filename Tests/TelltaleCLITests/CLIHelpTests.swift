import Foundation
import Testing

@Suite("telltale binary")
struct CLIHelpTests {
    @Test func versionPrints() throws {
        let result = try TelltaleBinary.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("0.1.0"))
    }
}
