// swift-tools-version: 6.2
import PackageDescription

let package = Package(
    name: "telltale",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "telltale", targets: ["telltale"]),
        .library(name: "TelltaleCore", targets: ["TelltaleCore"]),
        .library(name: "TelltaleUI", targets: ["TelltaleUI"]),
        .executable(name: "telltale-bench", targets: ["TelltaleBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.21.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.70.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.30.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
    ],
    targets: [
        // The core: records, parsers, rules, counters, health evaluation, verdicts,
        // reports. No I/O beyond reading a string it is handed, no curses.
        .target(
            name: "TelltaleCore",
            dependencies: [.product(name: "Yams", package: "Yams")],
            // Compiled into the binary: no resource bundle to find at start-up
            // (`Bundle.module` took about 1 ms), none to lose when the binary is copied.
            resources: [.embedInCode("Rules/default-rules.yaml")]
        ),
        // Local log sources: followed files, standard input, commands. The I/O
        // the core refuses to do lives here.
        .target(
            name: "TelltaleSources",
            dependencies: [
                "TelltaleCore",
                .product(name: "Subprocess", package: "swift-subprocess"),
            ]
        ),
        // The one place that wires the command line.
        .executableTarget(
            name: "telltale",
            dependencies: [
                "TelltaleCore",
                "TelltaleSources",
                "TelltaleHTTP",
                "TelltaleDemo",
                "TelltaleUI",
                "TelltaleTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The benchmark's corpus generator and in-process measures (Benchmarks/run.sh).
        .executableTarget(
            name: "TelltaleBench",
            dependencies: ["TelltaleCore", "TelltaleSources", "TelltaleUI"]
        ),
        // HTTP inputs: the health poller and HTTP log streams, on AsyncHTTPClient.
        .target(
            name: "TelltaleHTTP",
            dependencies: [
                "TelltaleCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .testTarget(
            name: "TelltaleHTTPTests",
            dependencies: [
                "TelltaleHTTP",
                "TelltaleCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            resources: [.copy("Fixtures")]
        ),
        // A simulated staging backend that plays a scripted deploy; independent of the core
        // so it stays a plain text producer and a misbehaving HTTP peer for tests.
        .target(
            name: "TelltaleDemo",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The wide-character curses library; only the terminal backend imports it.
        .systemLibrary(
            name: "CNcurses",
            providers: [.apt(["libncurses-dev"])]
        ),
        // The dashboard as pure functions: state and keys in, cell buffers out. No curses.
        .target(
            name: "TelltaleUI",
            dependencies: ["TelltaleCore", .product(name: "Yams", package: "Yams")],
            resources: [.copy("themes")]
        ),
        // The curses backend: draws cell buffers and reads keys.
        .target(
            name: "TelltaleTerminal",
            dependencies: ["TelltaleUI", "CNcurses"]
        ),
        .testTarget(
            name: "TelltaleUITests",
            dependencies: ["TelltaleUI", "TelltaleCore"],
            resources: [.copy("Expected"), .copy("Fixtures")]
        ),
        .testTarget(
            name: "TelltaleDemoTests",
            dependencies: ["TelltaleDemo"]
        ),
        .testTarget(
            name: "TelltaleCoreTests",
            dependencies: ["TelltaleCore"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "TelltaleCLITests",
            dependencies: ["TelltaleCore"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "TelltaleSourcesTests",
            dependencies: ["TelltaleSources", "TelltaleCore"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
