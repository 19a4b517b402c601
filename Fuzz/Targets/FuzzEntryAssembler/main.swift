import Foundation
import FuzzDriver

// libFuzzer calls fuzzEntryAssembler with each input it generates.
exit(telltale_fuzz_run(CommandLine.argc, CommandLine.unsafeArgv, { data, size in fuzzEntryAssembler(data, size) }))
