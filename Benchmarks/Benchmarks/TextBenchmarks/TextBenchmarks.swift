// TextBenchmarks — script detection and normalization throughput, in process.
import Benchmark
import BitextKit
import Foundation

/// The benchmark text: $BITEXT_BENCH_TEXT, or about 8 MB of our own sample sentences.
let sampleText: [UInt8] = {
    if let path = ProcessInfo.processInfo.environment["BITEXT_BENCH_TEXT"],
       let data = FileManager.default.contents(atPath: path)
    {
        return Array(data)
    }
    let sentences = [
        "قال المتحدث باسم الحكومة إن الوفد وصل إلى بنغازي صباح الأحد بعد رحلة من طرابلس.",
        "وأكّد أنّ الاجتماع سيُعقد في مدينة سرت يوم ٢٤ نوفمبر بحضور ممثلين عن الأمم المتحدة.",
        "The delegation reached Benghazi on Sunday morning after a flight from Tripoli, the spokesman said.",
        "حَدَّثَنَا عَبْدُ اللَّهِ بْنُ يُوسُفَ قَالَ أَخْبَرَنَا مَالِكٌ عَنْ نَافِعٍ ﷺ",
        "Officials in Misrata and Tobruk (طبرق) said the talks would resume, according to Reuters.",
        "کارشناسان ایرانی در تهران گفتند که مذاکرات ادامه دارد.",
    ]
    var text = ""
    var i = 0
    while text.utf8.count < 8 << 20 {
        text += sentences[i % sentences.count] + "\n"
        i += 1
    }
    return Array(text.utf8)
}()

/// The sample as lines (byte ranges), so each benchmark works line by line like the tool.
let sampleLines: [Range<Int>] = {
    var lines: [Range<Int>] = []
    var start = 0
    for (i, b) in sampleText.enumerated() where b == 0x0A {
        lines.append(start..<i)
        start = i + 1
    }
    if start < sampleText.count { lines.append(start..<sampleText.count) }
    return lines
}()

/// Runs `body` over every line; the throughput metric counts bytes.
func eachLine(_ body: (UnsafeBufferPointer<UInt8>) -> Void) {
    sampleText.withUnsafeBufferPointer { all in
        for r in sampleLines { body(UnsafeBufferPointer(rebasing: all[r])) }
    }
}

let benchmarks: @Sendable () -> Void = {
    let bytes = sampleText.count
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .throughput, .mallocCountTotal],
        timeUnits: .milliseconds,
        scalingFactor: .one,
        maxDuration: .seconds(10),
        maxIterations: 30
    )

    Benchmark("detect (\(bytes / 1_000_000) MB)", configuration: configuration) { benchmark in
        let detector = ScriptDetector()
        var runs = 0
        benchmark.startMeasurement()
        eachLine { line in runs += detector.analyze(utf8: line).runs.count }
        benchmark.stopMeasurement()
        blackHole(runs)
    }

    for (name, profile) in [("search", NormalizationProfile.search), ("display", .display), ("nfkc", .nfkc)] {
        Benchmark("normalize \(name) (\(bytes / 1_000_000) MB)", configuration: configuration) { benchmark in
            let normalizer = Normalizer(profile: profile)
            var out: [UInt8] = []
            out.reserveCapacity(bytes)
            benchmark.startMeasurement()
            eachLine { line in _ = try? normalizer.normalize(utf8: line, into: &out) }
            benchmark.stopMeasurement()
            blackHole(out.count)
        }
    }

    Benchmark("normalize search with offset map (\(bytes / 1_000_000) MB)", configuration: configuration) { benchmark in
        let normalizer = Normalizer(profile: .search)
        var out: [UInt8] = []
        var chunks = 0
        benchmark.startMeasurement()
        eachLine { line in
            out.removeAll(keepingCapacity: true)
            chunks += (try? normalizer.normalize(utf8: line, into: &out, offsets: true))??.chunks.count ?? 0
        }
        benchmark.stopMeasurement()
        blackHole(chunks)
    }

    // A pair of about 5 KB articles: our example story (English 4.9 KB, Arabic 7.7 KB).
    let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent().path
    let enStory = (try? String(contentsOfFile: here + "/../../../Examples/tripoli-talks.en.txt", encoding: .utf8)) ?? ""
    let arStory = (try? String(contentsOfFile: here + "/../../../Examples/tripoli-talks.ar.txt", encoding: .utf8)) ?? ""
    let enPair = enStory
    let arPair = arStory
    // Start-up (lexicon, name model) is paid on another, shorter story, so no cache is warm
    // with the measured pair.
    let enWarm = (try? String(contentsOfFile: here + "/../../../Examples/benghazi-talks.en.txt", encoding: .utf8)) ?? ""
    let arWarm = (try? String(contentsOfFile: here + "/../../../Examples/benghazi-talks.ar.txt", encoding: .utf8)) ?? ""
    let alignConfiguration = Benchmark.Configuration(metrics: [.wallClock, .mallocCountTotal], timeUnits: .microseconds,
                                                     maxDuration: .seconds(10), maxIterations: 200)
    // Aligns a pair with a linker that has already aligned `before` (start-up, and for the
    // second case the pair's own names, prepared and transliterated, as a corpus repeats them).
    func alignBenchmark(_ name: String, _ pair: (en: String, ar: String), after before: (en: String, ar: String),
                        configuration: Benchmark.Configuration = alignConfiguration) {
        Benchmark(name, configuration: configuration) { benchmark in
            var linker: EntityLinker? = EntityLinker()
            let aligner = DocumentAligner()
            _ = aligner.align(english: before.en, arabic: before.ar, linker: &linker)
            benchmark.startMeasurement()
            let a = aligner.align(english: pair.en, arabic: pair.ar, linker: &linker)
            benchmark.stopMeasurement()
            blackHole(a.entities.count)
        }
    }
    alignBenchmark("align a pair (\(enPair.utf8.count / 1000) KB + \(arPair.utf8.count / 1000) KB)", (enPair, arPair), after: (enWarm, arWarm))
    alignBenchmark("align a pair again, transliterations cached", (enPair, arPair), after: (enPair, arPair))
    // The same story 20 times over: a long article pair, where any cost that grows faster than
    // the text shows.
    let enLong = Array(repeating: enPair, count: 20).joined(separator: "\n\n")
    let arLong = Array(repeating: arPair, count: 20).joined(separator: "\n\n")
    alignBenchmark("align a long pair (\(enLong.utf8.count / 1000) KB + \(arLong.utf8.count / 1000) KB)", (enLong, arLong),
                   after: (enWarm, arWarm),
                   configuration: Benchmark.Configuration(metrics: [.wallClock, .mallocCountTotal], timeUnits: .milliseconds,
                                                          maxDuration: .seconds(10), maxIterations: 20))

    Benchmark("UTF-8 validation (\(bytes / 1_000_000) MB)", configuration: configuration) { benchmark in
        var errors = 0
        benchmark.startMeasurement()
        eachLine { line in if UTF8Validation.firstError(in: line) != nil { errors += 1 } }
        benchmark.stopMeasurement()
        blackHole(errors)
    }
}
