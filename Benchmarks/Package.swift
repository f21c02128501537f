// swift-tools-version:6.1
// DriftCore micro-benchmarks and the stage benchmark, kept out of the main package so they never slow `swift build`.
// Run: Scripts/bench/core   (swift run -c release --package-path Benchmarks core-bench)
import PackageDescription

let package = Package(
    name: "DriftwatchBenchmarks",
    dependencies: [.package(name: "Driftwatch", path: "..")],
    targets: [
        .executableTarget(
            name: "core-bench",
            dependencies: [.product(name: "DriftCore", package: "Driftwatch")]
        ),
        // The backfill hot path stage by stage (Scripts/bench/stages).
        .executableTarget(
            name: "stage-bench",
            dependencies: [
                .product(name: "DriftCore", package: "Driftwatch"),
                .product(name: "DriftIngest", package: "Driftwatch"),
                .product(name: "DriftStore", package: "Driftwatch"),
                .product(name: "DriftAgent", package: "Driftwatch"),
            ]
        ),
    ]
)
