// swift-tools-version: 6.1
// Benchmarks of the bitext library itself — no process start, no I/O — kept out of the main
// package so that `swift test` stays lean. Run from this folder:
//
//     swift package benchmark                       # every benchmark
//     swift package benchmark --filter normalize    # some of them
//
// Inputs: the text in $BITEXT_BENCH_TEXT (a UTF-8 file, e.g. the shared bench corpus's ar.txt)
// or, without it, a deterministic mixed Arabic–English text built from our own sample sentences.
import PackageDescription

let package = Package(
    name: "bitext-benchmarks",
    dependencies: [
        .package(name: "bitext", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "TextBenchmarks",
            dependencies: [
                .product(name: "BitextKit", package: "bitext"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/TextBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
