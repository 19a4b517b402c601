import Foundation
import FuzzDriver

// libFuzzer calls fuzzThemeLoader with each input it generates.
exit(telltale_fuzz_run(CommandLine.argc, CommandLine.unsafeArgv, { data, size in fuzzThemeLoader(data, size) }))
