// swift-tools-version: 6.1
//
// bitext — bilingual Arabic–English news text: script detection, bidi-safe
// normalization, name transliteration, gazetteer matching and paired-article
// alignment. ICU is touched in exactly two places: the C target `CICU` (a
// plain-C header over the system ICU) and the Swift module `ICUBridge`.
import PackageDescription

let package = Package(
    name: "bitext",
    products: [
        .executable(name: "bitext", targets: ["BitextCLI"]),
        .library(name: "BitextKit", targets: ["BitextKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // ICU, behind a header of plain C types (see DESIGN: a module map over
        // ICU's own headers clashes with Foundation's copy of them).
        .target(
            name: "CICU",
            linkerSettings: [
                .linkedLibrary("icui18n"), .linkedLibrary("icuuc"), .linkedLibrary("icudata"),
            ]
        ),
        // The only Swift module that holds ICU handles.
        .target(name: "ICUBridge", dependencies: ["CICU"]),
        // Data compiled into the binary: blobs under Lexicons/compiled/, via .incbin.
        .target(name: "CBitextData", cSettings: [.headerSearchPath("../..")]),
        .target(name: "BitextData", dependencies: ["CBitextData"]),
        // Data-free foundations: Unicode property tables, UTF-8 handling, offset maps.
        .target(name: "BitextCore"),
        // Line-oriented input, JSON output, errors with file/line/offset.
        .target(name: "BitextIO", dependencies: ["BitextCore"]),
        // Capabilities.
        .target(name: "BitextScript", dependencies: ["BitextCore", "ICUBridge"]),
        .target(name: "BitextNormalize", dependencies: ["BitextCore", "ICUBridge"]),
        // The gazetteer automaton: data-free, no ICU.
        .target(name: "BitextMatch", dependencies: ["BitextCore"]),
        // Lexicon format, loader, compiled form, and the gazetteer searcher over BitextMatch.
        .target(
            name: "BitextLexicon",
            dependencies: ["BitextCore", "BitextMatch", "BitextNormalize", "BitextIO", "BitextData"]
        ),
        // Names: the data-free core (model reader, beam search, similarity, key, resolve,
        // clustering) — no ICU, no embedded data, testable alone …
        .target(name: "BitextNames", dependencies: ["BitextCore"]),
        // … and the layer that gives it the embedded model, search normalization and the
        // standard romanization schemes (ICU rules kept in Lexicons/translit/).
        .target(
            name: "BitextTranslit",
            dependencies: ["BitextNames", "BitextNormalize", "BitextData", "ICUBridge", "BitextCore"]
        ),
        // Paired articles: sentences, entities, reports.
        .target(
            name: "BitextAlign",
            dependencies: ["BitextCore", "BitextNormalize", "BitextLexicon", "BitextNames", "BitextTranslit"]
        ),
        // Name canonicalization across a corpus.
        .target(
            name: "BitextCanon",
            dependencies: ["BitextCore", "BitextAlign", "BitextLexicon", "BitextNames", "BitextNormalize"]
        ),
        // Umbrella library.
        .target(
            name: "BitextKit",
            dependencies: ["BitextCore", "BitextScript", "BitextNormalize", "BitextMatch", "BitextLexicon",
                           "BitextNames", "BitextTranslit", "BitextAlign", "BitextCanon"]
        ),
        // The command-line tool.
        .executableTarget(
            name: "BitextCLI",
            dependencies: [
                "BitextKit", "BitextIO", "ICUBridge", "BitextMatch", "BitextLexicon",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Developer tool: regenerates Sources/BitextCore/UnicodeTables+Data.swift from ICU.
        .executableTarget(name: "GenerateUnicodeTables", dependencies: ["ICUBridge", "BitextCore"]),
        // Developer tool: regenerates countries/demonyms, the manifest and the compiled blobs.
        .executableTarget(
            name: "GenerateLexicons",
            dependencies: ["BitextLexicon", "BitextIO", "BitextNormalize", "ICUBridge", "BitextCore"]
        ),

        .testTarget(name: "ICUBridgeTests", dependencies: ["ICUBridge"]),
        .testTarget(
            name: "BitextCoreTests",
            dependencies: [
                "BitextCore", "ICUBridge",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(name: "BitextIOTests", dependencies: ["BitextIO", "BitextData"]),
        .testTarget(name: "BitextScriptTests", dependencies: ["BitextScript"]),
        .testTarget(
            name: "BitextNormalizeTests",
            dependencies: [
                "BitextNormalize", "ICUBridge",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            exclude: ["Golden"]
        ),
        .testTarget(name: "BitextAlignTests", dependencies: ["BitextAlign", "BitextCore", "BitextNames", "BitextNormalize"]),
        .testTarget(name: "BitextCanonTests", dependencies: ["BitextCanon", "BitextLexicon", "BitextTranslit", "BitextNormalize"]),
        .testTarget(name: "BitextCLITests", dependencies: ["BitextCLI"], exclude: ["Fixtures", "Snapshots"]),
        .testTarget(
            name: "BitextLexiconTests",
            dependencies: [
                "BitextLexicon", "BitextMatch", "BitextNormalize",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "BitextMatchTests",
            dependencies: [
                "BitextMatch",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "BitextNamesTests",
            dependencies: ["BitextNames", .product(name: "PropertyBased", package: "swift-property-based")],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "BitextTranslitTests",
            dependencies: ["BitextTranslit", "BitextNames", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
    ]
)
