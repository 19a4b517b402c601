#ifndef TELLTALE_FUZZ_DRIVER_H
#define TELLTALE_FUZZ_DRIVER_H
#include <stddef.h>
#include <stdint.h>

/// Runs libFuzzer's driver over `test_one_input`.
///
/// SwiftPM links a debug executable with `main` aliased to the module's own
/// entry point (`<Target>_main`), so each target needs a `main.swift`, and that
/// entry point starts libFuzzer here. libFuzzer's archive still brings its own
/// `main`, which needs `LLVMFuzzerTestOneInput`: the targets export it too, so
/// whichever `main` the linker keeps runs the same function.
int telltale_fuzz_run(int argc, char **argv, int (*test_one_input)(const uint8_t *data, size_t size));

#endif
