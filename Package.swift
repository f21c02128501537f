// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Driftwatch",
    products: [
        .library(name: "DriftCore", targets: ["DriftCore"]),
        .executable(name: "driftwatch", targets: ["driftwatch"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit.git", from: "0.6.0"),
        // `driftwatch run` (DriftService): lifecycle and signals, logging, Prometheus metrics and the
        // HTTP endpoint. Hummingbird's default traits pull in swift-configuration and full Foundation;
        // we need neither, so they are off. swift-nio and swift-http-types are already in the graph
        // through Hummingbird: named here because DriftService uses NIOCore and HTTPTypes directly.
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
    ],
    targets: [
        // Pure value types: sketches, profiles, drift statistics, performance metrics. stdlib only.
        .target(name: "DriftCore"),
        // The system's libsqlite3 (Debian: libsqlite3-dev). Only DriftStore imports it.
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        // The system's zlib (Debian: zlib1g-dev), for reading .gz logs.
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .target(name: "DriftStore", dependencies: ["DriftCore", "CSQLite"]),
        .target(name: "DriftIngest", dependencies: ["DriftCore", "CZlib"]),
        .target(
            name: "DriftAgent",
            dependencies: [
                "DriftCore", "DriftIngest", "DriftStore", .product(name: "TOMLKit", package: "TOMLKit"),
            ]
        ),
        // `driftwatch run` as a service: main loop, systemd notify, /metrics, logging.
        .target(
            name: "DriftService",
            dependencies: [
                "DriftAgent", "DriftStore",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        // The command line: argument parsing only, no logic.
        .executableTarget(
            name: "driftwatch",
            dependencies: [
                "DriftAgent", "DriftCore", "DriftStore", "DriftIngest", "DriftService",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "DriftTestSupport", dependencies: ["DriftCore"]),
        .testTarget(name: "DriftCoreTests", dependencies: ["DriftCore", "DriftTestSupport"]),
        .testTarget(name: "DriftStoreTests", dependencies: ["DriftStore", "DriftTestSupport"]),
        .testTarget(name: "DriftIngestTests", dependencies: ["DriftIngest", "DriftTestSupport"]),
        .testTarget(name: "DriftAgentTests", dependencies: ["DriftAgent", "DriftTestSupport"]),
        .testTarget(
            name: "DriftServiceTests",
            dependencies: [
                "DriftService", "DriftAgent", "DriftTestSupport",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ServiceLifecycleTestKit", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Runs the built `driftwatch` binary on fixtures: exit codes, messages, the JSON contract. It depends
        // on the executable so that `swift test` (re)links the binary before running.
        .testTarget(
            name: "DriftwatchTests",
            // CZlib: the HTML report's browser test inflates Chromium's PNG screenshot.
            dependencies: [
                "driftwatch", "DriftAgent", "DriftStore", "DriftIngest", "DriftCore", "DriftTestSupport", "CZlib",
            ]
        ),
    ]
)

for target in package.targets where target.type != .system {
    target.swiftSettings =
        (target.swiftSettings ?? []) + [
            .enableUpcomingFeature("ExistentialAny"),
            .enableUpcomingFeature("MemberImportVisibility"),
            .define("DRIFT_INTERNAL_CHECKS", .when(configuration: .debug)),
        ]
}
