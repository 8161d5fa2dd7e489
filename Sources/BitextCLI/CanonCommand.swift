// CanonCommand.swift — `bitext canon`: one spelling per entity across a corpus.
import ArgumentParser
import BitextIO
import BitextKit

#if canImport(Glibc)
import Glibc
#endif

struct CanonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "canon",
        abstract: "Find the names of a corpus, group their spellings across documents, and pick one spelling per entity.",
        discussion: """
            Input: JSON lines ({"id": …, "text": …}; other members are kept as they are) or plain text, \
            one document per line, in English or Arabic. Names: lexicon entities (demonyms aside), \
            English name spans, Arabic names after a title (الرئيس، المشير …). Spellings are grouped \
            by lexicon id, the rest by cross-script name clustering.

            Without --rewrite: the report, one entity per record — {"entity", "type", "canonical": \
            {"en", "ar"}, "mentions", "variants": [{"text", "count", "canonical"}]}. With --rewrite: \
            the documents again, in the same format, each variant spelling replaced by its entity's \
            canonical spelling of the same script and length (Gadhafi → Gaddafi; never Gaddafi → \
            Muammar Gaddafi); nothing else changes. The report then goes to --report FILE, if given.

            Two passes over the input (standard input is kept in a temporary file for the second); \
            memory grows with the number of distinct spellings, not with the corpus.

            Examples:
              bitext canon news.jsonl > entities.jsonl
              bitext canon --rewrite --report entities.jsonl news.jsonl > news.canon.jsonl
            """
    )

    @OptionGroup var input: InputOptions

    @Flag(help: "Write the documents back with variant spellings replaced.")
    var rewrite = false

    @Option(help: "With --rewrite: also write the report to this file.")
    var report: String?

    @Option(help: "Report format: auto (text on a terminal, jsonl otherwise), text, json, jsonl or tsv.")
    var format: OutputFormat = .auto

    @Option(help: "Report only entities seen at least this many times.")
    var minCount: Int = 1

    @Flag(help: "Do not use the lexicons (every name is grouped by its spellings).")
    var noLexicon = false

    func validate() throws {
        if minCount < 1 { throw ValidationError("--min-count must be at least 1") }
    }

    func run() throws {
        var paths: [String?] = input.files.isEmpty ? [nil] : input.files.map { $0 == "-" ? nil : $0 }
        var spooled: String? = nil
        if rewrite && paths.contains(where: { $0 == nil }) {
            // The second pass needs the input again: keep standard input in a file.
            let path = try spoolStandardInput()
            spooled = path
            paths = paths.map { $0 ?? path }
        }
        defer { if let spooled { unlink(spooled) } }
        let names = spooled.map { [$0: "<stdin>"] } ?? [:]

        let normalizer = Normalizer(profile: .search)
        var gazetteer: Gazetteer? = nil
        if !noLexicon {
            do { gazetteer = try Lexicon.defaultGazetteer() } catch {
                printError("bitext: \(error)")
                throw ExitCode(1)
            }
        }
        guard let model = NameModel.embedded else {
            printError("bitext: this binary has no embedded name model")
            throw ExitCode(2)
        }
        let progress = Progress(paths: paths, passes: rewrite ? 2 : 1)

        // Pass 1: count the spellings.
        var accumulators: [CanonAccumulator] = []
        var pipeline = LinePipeline(jobs: input.jobs, invalidUTF8: input.invalid, framing: .lines)
        pipeline.progress = progress.reporter(pass: 1)
        do {
            try pipeline.run(inputs: paths, sink: OutputSink(fd: 1)) {
                let a = CanonAccumulator()
                accumulators.append(a)
                return CanonCollector(finder: MentionFinder(gazetteer: gazetteer, normalizer: normalizer), accumulator: a)
            }
        } catch let e as InputError {
            progress.finish()
            printError("bitext: \(rename(e, names))")
            throw ExitCode(1)
        }
        if let e = accumulators.compactMap(\.firstError).min(by: { ($0.line ?? 0) < ($1.line ?? 0) }) {
            progress.finish()
            printError("bitext: \(rename(e, names))")
            throw ExitCode(1)
        }
        var table = SpellingTable()
        for a in accumulators { table.merge(a.table) }

        // Group and choose.
        var canonicalizer = Canonicalizer(matcher: NameMatcher(model: model, normalizeArabic: { normalizer.normalize($0) }))
        canonicalizer.jobs = input.jobs
        let entities = canonicalizer.entities(table, gazetteer: gazetteer).filter { $0.mentions >= minCount }

        if !rewrite {
            progress.finish()
            let sink = OutputSink()
            sink.write(reportBytes(entities, format: format == .auto ? (sink.isTerminal ? .text : .jsonl) : format))
            return
        }
        if let report {
            let fd = open(report, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            guard fd >= 0 else {
                progress.finish()
                printError("bitext: \(report): cannot write")
                throw ExitCode(1)
            }
            OutputSink(fd: fd).write(reportBytes(entities, format: format == .auto ? .jsonl : format))
            close(fd)
        }

        // Pass 2: rewrite.
        let map = Canonicalizer.rewriteMap(entities)
        var second = LinePipeline(jobs: input.jobs, invalidUTF8: input.invalid, framing: .lines)
        second.progress = progress.reporter(pass: 2)
        do {
            try second.run(inputs: paths, sink: OutputSink()) {
                CanonRewriter(finder: MentionFinder(gazetteer: gazetteer, normalizer: normalizer), map: map)
            }
        } catch let e as InputError {
            progress.finish()
            printError("bitext: \(rename(e, names))")
            throw ExitCode(1)
        }
        progress.finish()
    }

    func rename(_ e: InputError, _ names: [String: String]) -> InputError {
        var e = e
        if let n = names[e.file] { e.file = n }
        return e
    }

    func reportBytes(_ entities: [CanonEntity], format: OutputFormat) -> [UInt8] {
        var out = OutputBuffer()
        if format == .json { out.append("[\n") }
        for (k, e) in entities.enumerated() {
            switch format {
            case .text, .auto:
                out.append(string: e.canonicalEnglish ?? "—")
                out.append(" | ")
                out.append(string: e.canonicalArabic ?? "—")
                out.append("  (")
                out.append(string: e.entity ?? "by spelling")
                out.append(", ")
                out.append(string: e.type)
                out.append(", ")
                out.append(int: e.mentions)
                out.append(e.mentions == 1 ? " mention)\n" : " mentions)\n")
                for v in e.variants {
                    out.append("    ")
                    out.appendVisible(v.text)
                    out.append(" ×")
                    out.append(int: v.count)
                    if let c = v.canonical {
                        out.append(" → ")
                        out.appendVisible(c)
                    }
                    out.append("\n")
                }
            case .tsv:
                for v in e.variants {
                    out.appendTSVField(e.entity ?? "")
                    out.append("\t")
                    out.appendTSVField(e.canonicalEnglish ?? "")
                    out.append("\t")
                    out.appendTSVField(e.canonicalArabic ?? "")
                    out.append("\t")
                    out.appendTSVField(v.text)
                    out.append("\t")
                    out.append(int: v.count)
                    out.append("\t")
                    out.appendTSVField(v.canonical ?? "")
                    out.append("\n")
                }
            case .json, .jsonl:
                if format == .json && k > 0 { out.append(",\n") }
                out.append("{\"entity\": ")
                out.appendJSONStringOrNull(e.entity)
                out.append(", \"type\": ")
                out.appendJSONString(e.type)
                out.append(", ")
                out.appendJSONCanonical(english: e.canonicalEnglish, arabic: e.canonicalArabic)
                out.append(", \"mentions\": ")
                out.append(int: e.mentions)
                out.append(", \"variants\": [")
                for (j, v) in e.variants.enumerated() {
                    out.append(j == 0 ? "{\"text\": " : ", {\"text\": ")
                    out.appendJSONString(v.text)
                    out.append(", \"count\": ")
                    out.append(int: v.count)
                    out.append(", \"canonical\": ")
                    out.appendJSONStringOrNull(v.canonical)
                    out.append("}")
                }
                out.append(format == .json ? "]}" : "]}\n")
            }
        }
        if format == .json { out.append(entities.isEmpty ? "]\n" : "\n]\n") }
        return out.bytes
    }
}

/// Standard input, copied to a temporary file (for a second pass); returns its path.
func spoolStandardInput() throws -> String {
    var template = Array("/tmp/bitext-canon-XXXXXX".utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard fd >= 0 else {
        printError("bitext: cannot create a temporary file for standard input")
        throw ExitCode(1)
    }
    let path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    var buffer = [UInt8](repeating: 0, count: 1 << 20)
    let sink = OutputSink(fd: fd)
    while true {
        let n = buffer.withUnsafeMutableBufferPointer { read(0, $0.baseAddress!, $0.count) }
        if n < 0 && errno == EINTR { continue }
        if n <= 0 { break }
        buffer.withUnsafeBufferPointer { _ = sink.write(UnsafeBufferPointer(rebasing: $0[0..<n])) }
    }
    close(fd)
    return path
}

/// One document of a canon input line: plain text, or a JSON object with a "text" member.
struct CanonDocument {
    var text: String?
    /// Byte range of the "text" value's literal in a JSON line.
    var jsonTextRange: Range<Int>?

    static func parse(_ line: UnsafeBufferPointer<UInt8>) throws(JSONValue.SyntaxError) -> CanonDocument {
        var k = 0
        while k < line.count && (line[k] == 0x20 || line[k] == 0x09) { k += 1 }
        guard k < line.count, line[k] == UInt8(ascii: "{") else {
            return CanonDocument(text: String(decoding: line, as: UTF8.self), jsonTextRange: nil)
        }
        let v = try JSONValue.parse(Array(line))
        guard case .object = v else { return CanonDocument(text: nil, jsonTextRange: nil) }
        if case .string(let s, let r)? = v["text"] { return CanonDocument(text: s, jsonTextRange: r) }
        return CanonDocument(text: nil, jsonTextRange: nil)
    }
}

/// A worker's spelling counts and the first malformed line it met.
final class CanonAccumulator: @unchecked Sendable {
    var table = SpellingTable()
    var firstError: InputError? = nil
}

struct CanonCollector: LineProcessor {
    let finder: MentionFinder
    let accumulator: CanonAccumulator

    mutating func process(line: UnsafeBufferPointer<UInt8>, context: LineContext, into out: inout OutputBuffer) {
        do {
            let doc = try CanonDocument.parse(line)
            guard let text = doc.text else { return }
            for m in finder.mentions(in: text) { accumulator.table.add(m) }
        } catch {
            if accumulator.firstError == nil {
                accumulator.firstError = InputError(.malformed("malformed JSON: \(error.message)"), file: context.source,
                                                    line: context.line, byteInLine: error.offset)
            }
        }
    }
}

struct CanonRewriter: LineProcessor {
    let finder: MentionFinder
    let map: [SpellingTable.Key: String]

    mutating func process(line: UnsafeBufferPointer<UInt8>, context: LineContext, into out: inout OutputBuffer) {
        defer {
            switch context.terminator {
            case .none: break
            case .lf: out.append(byte: 0x0A)
            case .crlf: out.append("\r\n")
            }
        }
        guard let doc = try? CanonDocument.parse(line), let text = doc.text,
              let rewritten = Canonicalizer.rewrite(text, mentions: finder.mentions(in: text), map: map)
        else {
            out.append(bytes: line)
            return
        }
        guard let r = doc.jsonTextRange else {
            out.append(string: rewritten)
            return
        }
        // Only the "text" value changes; every other byte of the line is kept.
        out.append(bytes: UnsafeBufferPointer(rebasing: line[..<r.lowerBound]))
        out.appendJSONString(rewritten)
        out.append(bytes: UnsafeBufferPointer(rebasing: line[r.upperBound...]))
    }
}

/// A progress line on standard error, when it is a terminal.
final class Progress: @unchecked Sendable {
    let total: Int?
    let passes: Int
    let enabled: Bool
    var start = Progress.now()
    var shown = false

    init(paths: [String?], passes: Int) {
        enabled = isatty(2) == 1
        self.passes = passes
        var sum = 0
        var known = true
        for p in paths {
            var st = stat()
            if let p, stat(p, &st) == 0 { sum += Int(st.st_size) } else { known = false }
        }
        total = known ? sum : nil
    }

    static func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    func reporter(pass: Int) -> ((Int) -> Void)? {
        guard enabled else { return nil }
        start = Progress.now()
        return { [self] bytes in
            let elapsed = max(Progress.now() - start, 1e-6)
            let mb = Double(bytes) / 1e6
            var line = "\r\u{1B}[2K  pass \(pass)/\(passes)  "
            if let total, total > 0 {
                let f = min(1, Double(bytes) / Double(total))
                let width = 30
                let filled = Int(f * Double(width))
                line += "[" + String(repeating: "=", count: filled) + String(repeating: " ", count: width - filled) + "] "
                line += "\(Int(f * 100))%  "
            }
            line += "\(Int(mb)) MB  \(Int(mb / elapsed)) MB/s"
            OutputSink(fd: 2).write(line)
            shown = true
        }
    }

    func finish() {
        if shown { OutputSink(fd: 2).write("\r\u{1B}[2K") }
    }
}
