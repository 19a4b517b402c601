import Foundation
import FuzzDriver

// libFuzzer calls fuzzConfigLoader with each input it generates.
exit(telltale_fuzz_run(CommandLine.argc, CommandLine.unsafeArgv, { data, size in fuzzConfigLoader(data, size) }))
