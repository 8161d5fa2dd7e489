// AlignCommand.swift — `bitext align`: an article and its translation, side by side.
import ArgumentParser
import BitextIO
import BitextKit

struct AlignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "align",
        abstract: "Align the sentences and the named entities of an English article and its Arabic version.",
        discussion: """
            Output (json): {"entities": [{"entity", "type", "score", "en": [mentions], "ar": [mentions]}],
            "sentences": [{"en": [0], "ar": [0, 1], "score": 0.8}]} — sentence indices are 0-based;
            mention offsets are Unicode scalar offsets into the file as read.

            With --pairs, a list of pairs (one per line: the English file, a tab, the Arabic file;
            blank lines and lines starting with # are skipped) is aligned on --jobs threads, and the
            output has one line per pair, in list order: the object above with "line" (the pair's
            line in the list), "en" and "ar" (the paths), or with "error" instead of the alignment
            when the pair cannot be read. The exit status is 1 if any pair failed.

            Examples:
              bitext align --en Examples/benghazi-talks.en.txt --ar Examples/benghazi-talks.ar.txt
              bitext align --pairs corpus/pairs.tsv > corpus/alignments.jsonl
            """
    )

    @Option(help: "The English article (UTF-8).")
    var en: String?

    @Option(help: "The Arabic article (UTF-8).")
    var ar: String?

    @Option(help: "A list of article pairs to align, one per line: English file, tab, Arabic file.")
    var pairs: String?

    @Option(help: "Worker threads for --pairs (default: the number of cores). Output order never depends on it.")
    var jobs: Int = LinePipeline.defaultJobs

    @Option(help: "Sentences: 'auto' segments them; 'lines' takes each input line as one sentence.")
    var sentences: SentenceMode = .auto

    enum AlignFormat: String, ExpressibleByArgument { case auto, text, json, jsonl, html }

    @Option(help: "Output format: auto (text on a terminal, json otherwise; jsonl with --pairs), text, json, jsonl (json on one line), or html (one self-contained page).")
    var format: AlignFormat = .auto

    func validate() throws {
        if pairs != nil {
            if en != nil || ar != nil { throw ValidationError("--pairs aligns a list of pairs: give it without --en and --ar") }
            if format != .auto && format != .jsonl { throw ValidationError("--pairs writes jsonl (one line per pair)") }
        } else if en == nil || ar == nil {
            throw ValidationError("give --en and --ar (one pair), or --pairs (a list of pairs)")
        }
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        if let pairs {
            try runPairs(pairs)
            return
        }
        guard let en, let ar else { return }
        let enText = try readDocument(en)
        let arText = try readDocument(ar)
        let a = DocumentAligner(sentenceMode: sentences).align(english: enText, arabic: arText)
        let sink = OutputSink()
        let f = format == .auto ? (sink.isTerminal ? AlignFormat.text : .json) : format
        var out = OutputBuffer()
        switch f {
        case .text, .auto:
            writeText(a, &out)
        case .json, .jsonl:
            writeJSON(a, &out, oneLine: f == .jsonl)
            out.append("\n")
        case .html:
            out.append(string: AlignmentHTML.render(a, title: "\(en) ↔ \(ar)"))
        }
        sink.write(out.bytes)
    }

    /// `--pairs`: every pair of the list, one JSON line each, in list order.
    func runPairs(_ list: String) throws {
        let entries = try pairList(list)
        let sink = OutputSink()
        var failed = 0
        let aligner = DocumentAligner(sentenceMode: sentences)
        aligner.alignPairs(count: entries.count, jobs: jobs, load: { i in
            switch entries[i].paths {
            case .success(let p): return (try loadDocument(p.en), try loadDocument(p.ar))
            case .failure(let e): throw e
            }
        }) { i, result in
            var out = OutputBuffer()
            out.append("{\"line\": ")
            out.append(int: entries[i].line)
            if case .success(let p) = entries[i].paths {
                out.append(", \"en\": ")
                out.appendJSONString(p.en)
                out.append(", \"ar\": ")
                out.appendJSONString(p.ar)
            }
            switch result {
            case .success(let a):
                out.append(", ")
                writeJSON(a, &out, oneLine: true, braces: false)
            case .failure(let e):
                failed += 1
                printError("bitext: \(e)")
                out.append(", \"error\": ")
                out.appendJSONString("\(e)")
            }
            out.append("}\n")
            sink.write(out.bytes)
        }
        if failed > 0 {
            printError("bitext: \(failed) of \(entries.count) pairs failed")
            throw ExitCode(1)
        }
    }

    /// The pairs of a `--pairs` list, each with its 1-based line; a malformed line is kept as
    /// an error (the other pairs are still aligned).
    func pairList(_ list: String) throws -> [(line: Int, paths: Result<(en: String, ar: String), InputError>)] {
        let text = try readDocument(list)
        var out: [(line: Int, paths: Result<(en: String, ar: String), InputError>)] = []
        // ("\r\n" is one Character: split on it too)
        for (k, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).enumerated() {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            if fields.count == 2, !fields[0].isEmpty, !fields[1].isEmpty {
                out.append((k + 1, .success((String(fields[0]), String(fields[1])))))
            } else {
                let what = "expected the English file, a tab and the Arabic file; found \(fields.count) field(s)"
                out.append((k + 1, .failure(InputError(.malformed(what), file: list, line: k + 1))))
            }
        }
        return out
    }

    func writeText(_ a: DocumentAlignment, _ out: inout OutputBuffer) {
        for b in a.sentences {
            out.append(string: b.en.map { String($0 + 1) }.joined(separator: "+"))
            out.append(" ↔ ")
            out.append(string: b.ar.map { String($0 + 1) }.joined(separator: "+"))
            out.append(b.en.isEmpty || b.ar.isEmpty ? "  (no counterpart)\n" : "  ")
            if !(b.en.isEmpty || b.ar.isEmpty) {
                out.append(score: b.score, digits: 2)
                out.append("\n")
            }
            for i in b.en { out.append("   EN  "); out.appendVisible(a.enSentences[i].text, limit: 110); out.append("\n") }
            for j in b.ar { out.append("   AR  "); out.appendVisible(a.arSentences[j].text, limit: 110); out.append("\n") }
        }
        if !a.entities.isEmpty { out.append("\nentities:\n") }
        for e in a.entities {
            out.append("  ")
            out.append(string: e.canonicalEnglish)
            out.append(" ↔ ")
            out.append(string: e.canonicalArabic)
            out.append("  (")
            out.append(string: e.entity ?? "by spelling")
            out.append(", ")
            out.append(string: e.type)
            out.append(")  ")
            out.append(string: e.en.map(\.text).joined(separator: ", "))
            out.append(" | ")
            out.append(string: e.ar.map(\.text).joined(separator: "، "))
            out.append("\n")
        }
    }

    /// The alignment as JSON: indented, one entity or sentence bead per line, or all on one
    /// line; without `braces`, only the members (for a line that adds its own).
    func writeJSON(_ a: DocumentAlignment, _ out: inout OutputBuffer, oneLine: Bool = false, braces: Bool = true) {
        let first = oneLine ? "" : "\n  "
        let next = oneLine ? ", " : ",\n  "
        let close = oneLine ? "" : "\n"
        if braces { out.append("{") }
        out.append("\"entities\": [")
        for (k, e) in a.entities.enumerated() {
            out.append(string: k == 0 ? first : next)
            out.append("{\"entity\": ")
            out.appendJSONStringOrNull(e.entity)
            out.append(", \"type\": ")
            out.appendJSONString(e.type)
            out.append(", \"score\": ")
            out.append(score: e.score)
            out.append(", ")
            out.appendJSONCanonical(english: e.canonicalEnglish, arabic: e.canonicalArabic)
            out.append(", \"en\": ")
            writeMentions(e.en, &out)
            out.append(", \"ar\": ")
            writeMentions(e.ar, &out)
            out.append("}")
        }
        out.append(string: a.entities.isEmpty ? "" : close)
        out.append("], \"sentences\": [")
        for (k, b) in a.sentences.enumerated() {
            out.append(string: k == 0 ? first : next)
            out.append("{\"en\": [")
            out.append(string: b.en.map(String.init).joined(separator: ", "))
            out.append("], \"ar\": [")
            out.append(string: b.ar.map(String.init).joined(separator: ", "))
            out.append("], \"score\": ")
            out.append(score: b.score)
            out.append("}")
        }
        out.append(string: a.sentences.isEmpty ? "" : close)
        out.append("]")
        if braces { out.append("}") }
    }

    func writeMentions(_ ms: [EntityMention], _ out: inout OutputBuffer) {
        out.append("[")
        for (k, m) in ms.enumerated() {
            out.append(k == 0 ? "{\"start\": " : ", {\"start\": ")
            out.append(int: m.start)
            out.append(", \"end\": ")
            out.append(int: m.end)
            out.append(", \"text\": ")
            out.appendJSONString(m.text)
            out.append(", \"sentence\": ")
            out.append(int: m.sentence)
            out.append("}")
        }
        out.append("]")
    }
}

extension SentenceMode: ExpressibleByArgument {}
/// Reads a whole UTF-8 file; invalid UTF-8 is an error naming the line and byte offset.
func loadDocument(_ path: String) throws(InputError) -> String {
    let reader = try LineReader(path: path)
    let bytes = try reader.readAll()
    if let e = bytes.withUnsafeBufferPointer({ UTF8Validation.firstError(in: $0) }) {
        var line = 1
        var lineStart = 0
        for (i, b) in bytes[..<e.byteOffset].enumerated() where b == 0x0A {
            line += 1
            lineStart = i + 1
        }
        throw InputError(.invalidUTF8(e), file: path, line: line, byteInLine: e.byteOffset - lineStart, fileOffset: e.byteOffset)
    }
    return String(decoding: bytes, as: UTF8.self)
}

/// ``loadDocument(_:)`` for a command: a failure is reported and ends it with status 1.
func readDocument(_ path: String) throws -> String {
    do {
        return try loadDocument(path)
    } catch {
        printError("bitext: \(error)")
        throw ExitCode(1)
    }
}
