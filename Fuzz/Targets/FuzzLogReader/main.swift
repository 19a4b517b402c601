import Foundation
import FuzzDriver

// libFuzzer calls fuzzLogReader with each input it generates.
exit(telltale_fuzz_run(CommandLine.argc, CommandLine.unsafeArgv, { data, size in fuzzLogReader(data, size) }))
