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
        // The command line: argument parsing only, no logic.
        .executableTarget(
            name: "driftwatch",
            dependencies: [
                "DriftAgent", "DriftCore", "DriftStore", "DriftIngest",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "DriftTestSupport", dependencies: ["DriftCore"]),
        .testTarget(name: "DriftCoreTests", dependencies: ["DriftCore", "DriftTestSupport"]),
        .testTarget(name: "DriftStoreTests", dependencies: ["DriftStore", "DriftTestSupport"]),
        .testTarget(name: "DriftIngestTests", dependencies: ["DriftIngest", "DriftTestSupport"]),
        .testTarget(name: "DriftAgentTests", dependencies: ["DriftAgent", "DriftTestSupport"]),
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
