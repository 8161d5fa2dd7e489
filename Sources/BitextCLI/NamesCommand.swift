// NamesCommand.swift — `bitext names`: compare, resolve, cluster and key names in any script.
import ArgumentParser
import BitextIO
import BitextKit
import Dispatch

#if canImport(Glibc)
import Glibc
#endif

struct NamesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "names",
        abstract: "Compare, resolve and cluster names across scripts and spellings.",
        subcommands: [NamesCompareCommand.self, NamesResolveCommand.self, NamesClusterCommand.self, NamesKeyCommand.self]
    )
}

/// The embedded model, or exit 2 with a message. `$BITEXT_NAME_MODEL` names a compiled model
/// file to use instead (for experiments: a model built with `build_names_model.py --blob`).
func embeddedNameModel() throws -> NameModel {
    if let path = getenv("BITEXT_NAME_MODEL") {
        let p = String(cString: path)
        do {
            return try NameModel(owning: try LineReader(path: p).readAll())
        } catch {
            printError("bitext: BITEXT_NAME_MODEL: \(error)")
            throw ExitCode(2)
        }
    }
    guard let model = NameModel.embedded else {
        printError("bitext: this binary has no embedded name model")
        throw ExitCode(2)
    }
    return model
}

/// A matcher that folds Arabic with the search profile.
func makeMatcher(_ model: NameModel, _ normalizer: Normalizer) -> NameMatcher {
    NameMatcher(model: model, normalizeArabic: { normalizer.normalize($0) })
}

/// Prepares names on all cores, in order.
func prepareAll(_ names: [String], model: NameModel, normalizer: Normalizer, jobs: Int, light: Bool = false) -> [PreparedName] {
    let n = names.count
    if n == 0 { return [] }
    let parts = max(1, min(jobs, (n + 999) / 1000))
    let chunk = (n + parts - 1) / parts
    let out = UnsafeMutableBufferPointer<PreparedName?>.allocate(capacity: n)
    out.initialize(repeating: nil)
    defer { out.deallocate() }
    let shared = UncheckedSendable(out)
    DispatchQueue.concurrentPerform(iterations: parts) { p in
        var m = makeMatcher(model, normalizer)
        let lo = p * chunk
        let hi = min(n, lo + chunk)
        if lo >= hi { return }
        for i in lo..<hi { shared.value[i] = m.prepare(names[i], light: light) }
    }
    return out.map { $0! }
}

/// Reads every line of the inputs (for commands that need all of them at once), with the
/// same UTF-8 policy and error reporting as the line pipeline.
func readAllLines(files: [String], invalid: InvalidUTF8Policy) throws -> [String] {
    var lines: [String] = []
    do {
        for path in files.isEmpty ? [nil] : files.map({ Optional($0) }) {
            let reader = try LineReader(path: path)
            while let batch = try reader.nextBatch() {
                try batch.bytes.withUnsafeBufferPointer { all in
                    for (k, span) in batch.lines.enumerated() {
                        let line = UnsafeBufferPointer(rebasing: all[span.start..<span.end])
                        if let e = UTF8Validation.firstError(in: line) {
                            let err = InputError(.invalidUTF8(e), file: batch.source, line: batch.firstLine + k,
                                                 byteInLine: e.byteOffset, fileOffset: batch.fileOffset + span.start + e.byteOffset)
                            if invalid == .error { throw err }
                            printError("bitext: warning: \(err.description) — replaced by U+FFFD")
                            lines.append(String(decoding: UTF8Validation.repairing(line).bytes, as: UTF8.self))
                        } else {
                            lines.append(String(decoding: line, as: UTF8.self))
                        }
                    }
                }
            }
        }
    } catch let e as InputError {
        printError("bitext: \(e)")
        throw ExitCode(1)
    }
    return lines
}

/// Runs a line pipeline over files given by name (standard input when none).
func runPipeline<P: LineProcessor>(files: [String], invalid: InvalidUTF8Policy, jobs: Int, framing: RecordFraming,
                                   batchBytes: Int = 2 << 20, makeProcessor: () throws -> P) throws {
    let pipeline = LinePipeline(jobs: jobs, batchBytes: batchBytes, invalidUTF8: invalid, framing: framing)
    do {
        try pipeline.run(inputs: files.isEmpty ? [nil] : files.map { Optional($0) }, sink: OutputSink(),
                         makeProcessor: makeProcessor)
    } catch let e as InputError {
        printError("bitext: \(e)")
        throw ExitCode(1)
    }
}

// MARK: - compare

struct NamesCompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Similarity of two names in any scripts, in [0, 1].",
        discussion: """
            With two names: prints their similarity (text) or {"a", "b", "score", "key_a", "key_b"} (json). \
            Without names: reads pairs, one per line as A<TAB>B, and writes one record per line \
            (a line without a tab gets {"error": ...} and a null score).

            Examples:
              bitext names compare 'معمر القذافي' 'Muammar Gaddafi'     # 0.99
              bitext names compare Hassan Hussein                        # low: different names
              printf 'Hafez\\tHaftar\\n' | bitext names compare --format jsonl
            """
    )

    @Argument(help: "Two names (or none, to read tab-separated pairs).")
    var names: [String] = []

    @OptionGroup var output: FormatOptions

    @Option(help: "Input files of tab-separated pairs (default: standard input).")
    var pairs: [String] = []

    @Option(help: "Invalid UTF-8 in the pairs: error or replace.")
    var invalid: InvalidUTF8Policy = .error

    func validate() throws {
        if names.count != 0 && names.count != 2 { throw ValidationError("give two names, or none to read pairs") }
    }

    func run() throws {
        let model = try embeddedNameModel()
        let normalizer = Normalizer(profile: .search)
        let format = output.resolved(OutputSink(), defaultWhenPiped: names.count == 2 ? .text : .jsonl)
        if names.count == 2 {
            var m = makeMatcher(model, normalizer)
            let s = m.similarity(names[0], names[1])
            var out = OutputBuffer()
            if format == .json || format == .jsonl {
                writeCompare(&out, a: names[0], b: names[1], score: s)
            } else {
                out.append(score: s)
                out.append("\n")
            }
            OutputSink().write(out.bytes)
            return
        }
        try runPipeline(files: pairs, invalid: invalid, jobs: LinePipeline.defaultJobs,
                        framing: format == .json ? .jsonArray : .lines) {
            CompareProcessor(format: format, matcher: makeMatcher(model, normalizer))
        }
    }
}

func writeCompare(_ out: inout OutputBuffer, a: String, b: String, score: Double?) {
    out.append("{\"a\": ")
    out.appendJSONString(a)
    out.append(", \"b\": ")
    out.appendJSONString(b)
    out.append(", \"score\": ")
    if let score { out.append(score: score) } else { out.append("null") }
    out.append(", \"key_a\": ")
    out.appendJSONString(NameKey.key(a))
    out.append(", \"key_b\": ")
    out.appendJSONString(NameKey.key(b))
    out.append("}\n")
}

struct CompareProcessor: LineProcessor {
    let format: OutputFormat
    var matcher: NameMatcher

    mutating func process(line: UnsafeBufferPointer<UInt8>, context: LineContext, into out: inout OutputBuffer) {
        guard let tab = line.firstIndex(of: 0x09) else {
            switch format {
            case .json, .jsonl:
                out.append("{\"a\": ")
                out.appendJSONString(utf8: line)
                out.append(", \"b\": null, \"score\": null, \"error\": \"no tab: expected A<TAB>B\"}\n")
            default:
                out.append("\n")
            }
            return
        }
        let a = String(decoding: UnsafeBufferPointer(rebasing: line[..<tab]), as: UTF8.self)
        let b = String(decoding: UnsafeBufferPointer(rebasing: line[(tab + 1)...]), as: UTF8.self)
        let s = matcher.similarity(a, b)
        switch format {
        case .json, .jsonl:
            writeCompare(&out, a: a, b: b, score: s)
        default:
            out.append(score: s)
            out.append("\n")
        }
    }
}

// MARK: - resolve

struct NamesResolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve",
        abstract: "Find each query's best matches (any script) in a candidate list.",
        discussion: """
            FILE: one candidate name per line, any script; a match's "index" is its 0-based line \
            number. Per query line (jsonl): {"query": "...", "matches": [{"index": 17, "text": "...", \
            "score": 0.93}, ...]} — at most --top, best first. Candidates are indexed by name keys, \
            so large lists are fast.

            Example:
              bitext names resolve --candidates people.txt --top 3 --format jsonl < queries.txt
            """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var output: FormatOptions

    @Option(help: "The candidate names, one per line.")
    var candidates: String

    @Option(help: "Matches per query (1–1000).")
    var top: Int = 5

    @Option(help: "Minimum score of a match (0–1).")
    var minScore: Double = 0

    func validate() throws {
        if top < 1 || top > 1000 { throw ValidationError("--top must be between 1 and 1000") }
        if !(0...1).contains(minScore) { throw ValidationError("--min-score must be between 0 and 1") }
    }

    func run() throws {
        let model = try embeddedNameModel()
        let normalizer = Normalizer(profile: .search)
        let names = try readAllLines(files: [candidates], invalid: input.invalid)
        // Arabic candidates are transliterated only when a Latin query reaches them
        let prepared = prepareAll(names, model: model, normalizer: normalizer, jobs: input.jobs, light: true)
        let index = NameIndex(candidates: prepared)
        let weights = WordWeights(prepared)
        let format = output.resolved(OutputSink())
        try runPipeline(input, framing: format == .json ? .jsonArray : .lines) {
            var m = makeMatcher(model, normalizer)
            m.collectionWeights = weights
            return ResolveProcessor(format: format, top: top, minScore: minScore, names: names,
                                    searcher: index.searcher(), matcher: m)
        }
    }
}

struct ResolveProcessor: LineProcessor {
    let format: OutputFormat
    let top: Int
    let minScore: Double
    let names: [String]
    var searcher: NameIndex.Searcher
    var matcher: NameMatcher

    mutating func process(line: UnsafeBufferPointer<UInt8>, context: LineContext, into out: inout OutputBuffer) {
        let q = String(decoding: line, as: UTF8.self)
        let prepared = matcher.prepare(q)
        let matches = searcher.search(prepared, top: top, matcher: &matcher).filter { $0.score >= minScore }
        switch format {
        case .json, .jsonl:
            out.append("{\"query\": ")
            out.appendJSONString(utf8: line)
            out.append(", \"matches\": [")
            for (i, m) in matches.enumerated() {
                out.append(i == 0 ? "{\"index\": " : ", {\"index\": ")
                out.append(int: m.index)
                out.append(", \"text\": ")
                out.appendJSONString(names[m.index])
                out.append(", \"score\": ")
                out.append(score: m.score)
                out.append("}")
            }
            out.append("]}\n")
        case .tsv:
            out.appendTSVField(utf8: line)
            for m in matches {
                out.append("\t")
                out.append(int: m.index)
                out.append("\t")
                out.appendTSVField(names[m.index])
                out.append("\t")
                out.append(score: m.score)
            }
            out.append("\n")
        case .text, .auto:
            out.appendVisible(utf8: line)
            out.append("\n")
            for m in matches {
                out.append("  ")
                out.append(int: m.index)
                out.append("  ")
                out.append(score: m.score)
                out.append("  ")
                out.appendVisible(names[m.index])
                out.append("\n")
            }
        }
    }
}

// MARK: - cluster

struct NamesClusterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster",
        abstract: "Group names (one per line, any script) that are spellings of one name.",
        discussion: """
            Per input line (jsonl): {"name": "...", "cluster": "c17", "canonical": "..."} — lines \
            in one cluster share the id (c + the 0-based line of the cluster's first name); the \
            canonical name is the member closest to the others. Reads all input before writing.

            Example:
              bitext names cluster --format jsonl < aliases.txt
            """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var output: FormatOptions

    @Option(help: "Similarity at which two names are linked (0–1).")
    var threshold: Double = NameClusterer().threshold

    @Option(help: "Mean similarity two groups' members need to join (0–1; 0 = single link).")
    var averageLink: Double = NameClusterer().averageLink

    /// Hidden, for inspecting a clustering: prints the compared pairs and their
    /// similarities (`i<TAB>j<TAB>score`, i < j) instead of the clusters.
    @Flag(help: .hidden)
    var pairs = false

    func validate() throws {
        if !(0...1).contains(threshold) { throw ValidationError("--threshold must be between 0 and 1") }
        if !(0...1).contains(averageLink) { throw ValidationError("--average-link must be between 0 and 1") }
    }

    func run() throws {
        let model = try embeddedNameModel()
        let normalizer = Normalizer(profile: .search)
        let names = try readAllLines(files: input.files, invalid: input.invalid)
        let prepared = prepareAll(names, model: model, normalizer: normalizer, jobs: input.jobs)
        var matcher = makeMatcher(model, normalizer)
        matcher.collectionWeights = WordWeights(prepared)
        var clusterer = NameClusterer(threshold: threshold, averageLink: averageLink)
        clusterer.jobs = input.jobs
        if pairs {
            // the compared pairs and their similarities (hidden, for inspection): i<TAB>j<TAB>score
            var out = OutputBuffer()
            for (i, j, s) in clusterer.pairs(prepared, matcher: &matcher) {
                out.append(int: i)
                out.append("\t")
                out.append(int: j)
                out.append("\t")
                out.append(score: s)
                out.append("\n")
            }
            OutputSink().write(out.bytes)
            return
        }
        let clustering = clusterer.cluster(prepared, matcher: &matcher)
        let format = output.resolved(OutputSink())
        var out = OutputBuffer()
        if format == .json { out.append("[\n") }
        for (i, name) in names.enumerated() {
            let c = clustering.assignments[i]
            let canon = names[clustering.canonical[c] ?? c]
            switch format {
            case .json, .jsonl:
                if format == .json && i > 0 { out.append(",\n") }
                out.append("{\"name\": ")
                out.appendJSONString(name)
                out.append(", \"cluster\": \"c")
                out.append(int: c)
                out.append("\", \"canonical\": ")
                out.appendJSONString(canon)
                out.append(format == .json ? "}" : "}\n")
            case .tsv:
                out.appendTSVField(name)
                out.append("\tc")
                out.append(int: c)
                out.append("\t")
                out.appendTSVField(canon)
                out.append("\n")
            case .text, .auto:
                out.append("c")
                out.append(int: c)
                out.append("\t")
                out.appendVisible(name)
                out.append("\t")
                out.appendVisible(canon)
                out.append("\n")
            }
            if out.count > 1 << 20 {
                OutputSink().write(out.bytes)
                out.removeAll()
            }
        }
        if format == .json { out.append(names.isEmpty ? "]\n" : "\n]\n") }
        OutputSink().write(out.bytes)
    }
}

// MARK: - key

struct NamesKeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key",
        abstract: "The spelling-independent blocking key of each name (one per line, any script).",
        discussion: """
            Per line (jsonl): {"name": "...", "key": "KDF MR"}. Spellings of one name usually share \
            the key, in either script: معمر القذافي, Muammar al-Qaddafi and Moammar Gadhafi all give \
            "KDF MR".
            """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var output: FormatOptions

    func run() throws {
        let format = output.resolved(OutputSink())
        let normalizer = Normalizer(profile: .search)
        try runPipeline(input, framing: format == .json ? .jsonArray : .lines) {
            KeyProcessor(format: format, normalizer: normalizer)
        }
    }
}

struct KeyProcessor: LineProcessor {
    let format: OutputFormat
    let normalizer: Normalizer

    mutating func process(line: UnsafeBufferPointer<UInt8>, context: LineContext, into out: inout OutputBuffer) {
        let text = String(decoding: line, as: UTF8.self)
        let key = NameKey.key(ArabicNameText.hasArabicLetter(text) ? normalizer.normalize(text) : text)
        switch format {
        case .json, .jsonl:
            out.append("{\"name\": ")
            out.appendJSONString(utf8: line)
            out.append(", \"key\": ")
            out.appendJSONString(key)
            out.append("}\n")
        case .tsv:
            out.appendTSVField(utf8: line)
            out.append("\t")
            out.appendTSVField(key)
            out.append("\n")
        case .text, .auto:
            out.append(string: key)
            out.append("\n")
        }
    }
}
