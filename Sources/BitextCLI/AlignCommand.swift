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

    @Option(help: "Sentences: 'auto' segments them; 'lines' takes each input line as one sentence.")
    var sentences: SentenceMode = .auto

    enum AlignFormat: String, ExpressibleByArgument { case auto, text, json, html }

    @Option(help: "Output format: auto (text on a terminal, json otherwise), text, json, or html (one self-contained page).")
    var format: AlignFormat = .auto

    func run() throws {
        let enText = try readDocument(en)
        let arText = try readDocument(ar)
        let a = DocumentAligner(sentenceMode: sentences).align(english: enText, arabic: arText)
        let sink = OutputSink()
        let f = format == .auto ? (sink.isTerminal ? AlignFormat.text : .json) : format
        var out = OutputBuffer()
        switch f {
        case .text, .auto:
            writeText(a, &out)
        case .json:
            writeJSON(a, &out)
        case .html:
            out.append(string: AlignmentHTML.render(a, title: "\(en) ↔ \(ar)"))
        }
        sink.write(out.bytes)
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

    func writeJSON(_ a: DocumentAlignment, _ out: inout OutputBuffer) {
        out.append("{\"entities\": [")
        for (k, e) in a.entities.enumerated() {
            out.append(k == 0 ? "\n  {\"entity\": " : ",\n  {\"entity\": ")
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
        out.append(a.entities.isEmpty ? "], \"sentences\": [" : "\n], \"sentences\": [")
        for (k, b) in a.sentences.enumerated() {
            out.append(k == 0 ? "\n  {\"en\": [" : ",\n  {\"en\": [")
            out.append(string: b.en.map(String.init).joined(separator: ", "))
            out.append("], \"ar\": [")
            out.append(string: b.ar.map(String.init).joined(separator: ", "))
            out.append("], \"score\": ")
            out.append(score: b.score)
            out.append("}")
        }
        out.append(a.sentences.isEmpty ? "]}\n" : "\n]}\n")
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
