// TranslitCommand.swift — `bitext translit`: names in Arabic script ↔ Latin, ranked spellings.
import ArgumentParser
import BitextIO
import BitextKit

extension NameScript: ExpressibleByArgument {}
extension RomanizationScheme: ExpressibleByArgument {}

struct TranslitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "translit",
        abstract: "Transliterate names (one per line): Arabic → Latin as the news writes them, or Latin → Arabic.",
        discussion: """
            Per line (jsonl): {"input": "القذافي", "to": "latin", "variants": [{"text": "Gaddafi", "score": 0.41, \
            "source": "model"}, ...]} — at most --variants spellings, most likely first, scores in [0, 1].

            Without --to, each line goes to the other script (Latin for a line with Arabic letters). \
            Arabic input is normalized with the search profile first, so diacritics, hamza seats and \
            Persian letters do not matter. --french prefers the French convention of the Maghreb press \
            (Kadhafi, Chérif, Djamel, Bouteflika).

            --scheme gives a standard romanization instead, letter by letter, one variant: \
            buckwalter (reversible: --to arabic reads it back), ala-lc, bgn-pcgn, iso233.

            Examples:
              echo 'معمر القذافي' | bitext translit --variants 3
              echo 'Abdel Aziz Bouteflika' | bitext translit --to arabic --format jsonl
              echo 'مُحَمَّد' | bitext translit --scheme buckwalter
            """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var output: FormatOptions

    @Option(help: "Target script: latin or arabic (default: the other script of each line).")
    var to: NameScript?

    @Option(help: "How many spellings per name (1–100).")
    var variants: Int = 5

    @Option(help: "A standard romanization instead of news spellings: buckwalter, ala-lc, bgn-pcgn, iso233.")
    var scheme: RomanizationScheme?

    @Flag(help: "Prefer French-convention spellings (Maghreb press).")
    var french = false

    @Flag(help: "Do not consult the lexicons first (news spellings from the name model only).")
    var noLexicon = false

    func validate() throws {
        if variants < 1 || variants > 100 { throw ValidationError("--variants must be between 1 and 100") }
        if scheme != nil && french { throw ValidationError("--french applies to news spellings, not to --scheme") }
        if let scheme, !scheme.isReversible, to == .arabic {
            throw ValidationError("--scheme \(scheme.rawValue) only romanizes; of the schemes only buckwalter reads back into Arabic")
        }
    }

    func run() throws {
        let format = output.resolved(OutputSink())
        if let scheme {
            let base = try SchemeTransliterator(scheme)
            try runPipeline(input, framing: format == .json ? .jsonArray : .lines) {
                SchemeProcessor(format: format, to: to, scheme: try base.copy())
            }
            return
        }
        let model = try embeddedNameModel()
        let normalizer = Normalizer(profile: .search)
        let convention: NameConvention = french ? .french : .automatic
        // small batches: names differ a lot in cost (an unknown word runs the character
        // model), so many small parts keep both cores busy
        var gazetteer: Gazetteer? = nil
        if !noLexicon {
            do {
                gazetteer = try Lexicon.defaultGazetteer()
            } catch {
                printError("bitext: \(error)")
                throw ExitCode(1)
            }
        }
        try runPipeline(files: input.files, invalid: input.invalid, jobs: input.jobs,
                        framing: format == .json ? .jsonArray : .lines, batchBytes: 32 << 10) {
            TranslitProcessor(format: format, to: to, k: variants,
                              names: NameTransliteration(model: model,
                                                         known: gazetteer.map { LexiconSpellings(gazetteer: $0, normalizer: normalizer) },
                                                         convention: convention, normalizer: normalizer))
        }
    }
}

/// Writes one record of `translit` output.
func writeTranslitRecord(_ out: inout OutputBuffer, format: OutputFormat, line: UnsafeBufferPointer<UInt8>,
                         to: NameScript, variants: [NameVariant], sourceName: (NameVariant) -> String) {
    switch format {
    case .json, .jsonl:
        out.append("{\"input\": ")
        out.appendJSONString(utf8: line)
        out.append(", \"to\": \"")
        out.append(string: to.rawValue)
        out.append("\", \"variants\": [")
        for (i, v) in variants.enumerated() {
            out.append(i == 0 ? "{\"text\": " : ", {\"text\": ")
            out.appendJSONString(v.text)
            out.append(", \"score\": ")
            out.append(score: v.score)
            out.append(", \"source\": \"")
            out.append(string: sourceName(v))
            out.append("\"}")
        }
        out.append("]}\n")
    case .tsv:
        out.appendTSVField(utf8: line)
        for v in variants {
            out.append("\t")
            out.appendTSVField(v.text)
            out.append("\t")
            out.append(score: v.score)
        }
        out.append("\n")
    case .text, .auto:
        out.appendVisible(utf8: line)
        out.append("\t")
        for (i, v) in variants.enumerated() {
            if i > 0 { out.append(", ") }
            out.appendVisible(v.text)
            out.append(" (")
            out.append(score: v.score)
            out.append(")")
        }
        out.append("\n")
    }
}

struct TranslitProcessor: LineProcessor {
    let format: OutputFormat
    let to: NameScript?
    let k: Int
    var names: NameTransliteration

    mutating func process(line: UnsafeBufferPointer<UInt8>, context: LineContext, into out: inout OutputBuffer) {
        let text = String(decoding: line, as: UTF8.self)
        let target = to ?? NameScript.target(for: text)
        let vs = names.variants(of: text, to: target, count: k)
        writeTranslitRecord(&out, format: format, line: line, to: target, variants: vs) { $0.source.rawValue }
    }
}

struct SchemeProcessor: LineProcessor {
    let format: OutputFormat
    let to: NameScript?
    var scheme: SchemeTransliterator

    mutating func process(line: UnsafeBufferPointer<UInt8>, context: LineContext, into out: inout OutputBuffer) {
        let text = String(decoding: line, as: UTF8.self)
        let target = to ?? NameScript.target(for: text)
        let result = target == .latin ? scheme.romanize(text) : scheme.arabize(text)
        if target == .arabic && !scheme.scheme.isReversible {
            // A Latin line under a scheme that only romanizes: say so, and write no variant.
            printError("bitext: \(context.source):\(context.line): --scheme \(scheme.scheme.rawValue) only romanizes; this line is not Arabic")
        }
        let vs = result.map { [NameVariant(text: $0, score: 1)] } ?? []
        writeTranslitRecord(&out, format: format, line: line, to: target, variants: vs) { _ in "scheme" }
    }
}

extension OutputBuffer {
    /// A TSV field: tab, newline, carriage return and backslash escaped (\t \n \r \\).
    mutating func appendTSVField(utf8 s: UnsafeBufferPointer<UInt8>) {
        for b in s {
            switch b {
            case 0x09: append("\\t")
            case 0x0A: append("\\n")
            case 0x0D: append("\\r")
            case 0x5C: append("\\\\")
            default: append(byte: b)
            }
        }
    }

    mutating func appendTSVField(_ s: String) {
        var s = s
        s.withUTF8 { appendTSVField(utf8: $0) }
    }
}
