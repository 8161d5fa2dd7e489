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

            Example:
              bitext align --en Examples/benghazi-talks.en.txt --ar Examples/benghazi-talks.ar.txt
            """
    )

    @Option(help: "The English article (UTF-8).")
    var en: String

    @Option(help: "The Arabic article (UTF-8).")
    var ar: String

    enum SentenceMode: String, ExpressibleByArgument { case auto, lines }

    @Option(help: "Sentences: 'auto' segments them; 'lines' takes each input line as one sentence.")
    var sentences: SentenceMode = .auto

    @Option(help: "Output format: auto (text on a terminal, json otherwise), text or json.")
    var format: OutputFormat = .auto

    func run() throws {
        let enText = try readDocument(en)
        let arText = try readDocument(ar)
        let enSentences = segment(enText)
        let arSentences = segment(arText)
        let beads = SentenceAligner().align(
            en: enSentences.map { SentenceFeatures(text: $0.text) },
            ar: arSentences.map { SentenceFeatures(text: $0.text) })
        let sink = OutputSink()
        let f = format == .auto ? (sink.isTerminal ? OutputFormat.text : .json) : format
        var out = OutputBuffer()
        switch f {
        case .text, .auto, .tsv:
            for b in beads {
                out.append(string: b.en.map(String.init).joined(separator: ","))
                out.append(" ↔ ")
                out.append(string: b.ar.map(String.init).joined(separator: ","))
                out.append("  ")
                out.append(score: b.score, digits: 2)
                out.append("\n")
                for i in b.en { out.append("  EN "); out.appendVisible(enSentences[i].text, limit: 100); out.append("\n") }
                for i in b.ar { out.append("  AR "); out.appendVisible(arSentences[i].text, limit: 100); out.append("\n") }
            }
        case .json, .jsonl:
            out.append("{\"entities\": [], \"sentences\": [")
            for (k, b) in beads.enumerated() {
                out.append(k == 0 ? "{\"en\": [" : ", {\"en\": [")
                out.append(string: b.en.map(String.init).joined(separator: ", "))
                out.append("], \"ar\": [")
                out.append(string: b.ar.map(String.init).joined(separator: ", "))
                out.append("], \"score\": ")
                out.append(score: b.score)
                out.append("}")
            }
            out.append("]}\n")
        }
        sink.write(out.bytes)
    }

    func segment(_ text: String) -> [Sentence] {
        switch sentences {
        case .auto:
            return SentenceSegmenter().sentences(in: text)
        case .lines:
            var out: [Sentence] = []
            var offset = 0
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if text.hasSuffix("\n") { lines.removeLast() }
            for line in lines {
                let body = line.hasSuffix("\r") ? String(line.unicodeScalars.dropLast()) : line
                let n = body.unicodeScalars.count
                out.append(Sentence(start: offset, end: offset + n, text: body))
                offset += line.unicodeScalars.count + 1
            }
            return out
        }
    }
}

/// Reads a whole UTF-8 file; invalid UTF-8 is an error naming the line and byte offset.
func readDocument(_ path: String) throws -> String {
    do {
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
    } catch let e as InputError {
        printError("bitext: \(e)")
        throw ExitCode(1)
    }
}
