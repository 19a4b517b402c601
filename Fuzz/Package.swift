// swift-tools-version: 6.2
import PackageDescription

// libFuzzer targets for TelltaleCore's parsers, kept out of the root package so
// that `swift build` and `swift test` never see the sanitizer. `run.sh` builds
// them with `-sanitize=fuzzer,address` applied to every Swift module, so the
// core itself is instrumented, not only these entry points.
let fuzzTargets = ["FuzzLogReader", "FuzzEntryAssembler", "FuzzConfigLoader", "FuzzJSONValue", "FuzzThemeLoader"]

let package = Package(
    name: "TelltaleFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "telltale", path: "..")],
    targets: [.target(name: "FuzzDriver", path: "Driver")] + fuzzTargets.map { name in
        .executableTarget(
            name: name,
            dependencies: ["FuzzDriver", .product(name: "TelltaleCore", package: "telltale")]
                + (name == "FuzzThemeLoader" ? [.product(name: "TelltaleUI", package: "telltale")] : []),
            path: "Targets/\(name)"
        )
    },
    swiftLanguageModes: [.v6]
)
