// swift-tools-version:6.1
// DriftCore micro-benchmarks, kept out of the main package so they never slow `swift build`.
// Run: Scripts/bench/core   (swift run -c release --package-path Benchmarks core-bench)
import PackageDescription

let package = Package(
    name: "DriftwatchBenchmarks",
    dependencies: [.package(name: "Driftwatch", path: "..")],
    targets: [
        .executableTarget(
            name: "core-bench",
            dependencies: [.product(name: "DriftCore", package: "Driftwatch")]
        )
    ]
)
