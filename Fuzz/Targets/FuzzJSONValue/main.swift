import Foundation
import FuzzDriver

// libFuzzer calls fuzzJSONValue with each input it generates.
exit(telltale_fuzz_run(CommandLine.argc, CommandLine.unsafeArgv, { data, size in fuzzJSONValue(data, size) }))
