// DetectCommand.swift — `bitext detect`: script runs, profile, language hint, confusables.
import ArgumentParser
import BitextIO
import BitextKit

struct DetectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "detect",
        abstract: "Label each line's script runs (Common and Inherited characters resolved by context).",
        discussion: """
            Per line (jsonl): {"script": "Arab", "runs": [{"start": 0, "end": 12, "script": "Arab"}]}
            "script" is the script with the most letters. --details adds the share of Arabic, \
            Latin and other letters and the Arabic-script language hint (ar, fa, ur, ckb, ps); \
            --confusables lists words that mix scripts or letter forms (UTS #39).

            Example:
              echo 'Libya (ليبيا) today' | bitext detect --format jsonl
            """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var output: FormatOptions

    @Flag(help: "Add the letter profile and the Arabic-script language hint.")
    var details = false

    @Flag(help: "Check each word for mixed scripts, look-alike letters and mixed Arabic/Persian letter forms.")
    var confusables = false

    @Option(help: "Offset unit: scalar (default), utf8 or utf16.")
    var offsets: OffsetUnit = .scalar

    func run() throws {
        let format = output.resolved(OutputSink())
        let checker = confusables ? try ConfusableCheck() : nil
        try runPipeline(input, framing: format == .json ? .jsonArray : .lines) {
            DetectProcessor(format: format, details: details, checker: checker, unit: offsets)
        }
    }
}

struct DetectProcessor: LineProcessor {
    let format: OutputFormat
    let details: Bool
    let checker: ConfusableCheck?
    let unit: OffsetUnit
    var detector = ScriptDetector()

    mutating func processUnchecked(line: UnsafeBufferPointer<UInt8>, context: LineContext, into out: inout OutputBuffer) -> Bool {
        // The detector checks UTF-8 as it reads, so the pipeline needs no separate pass.
        guard let a = detector.analyzeChecked(utf8: line) else { return false }
        write(a, line, context, &out)
        return true
    }

    mutating func process(line: UnsafeBufferPointer<UInt8>, context: LineContext, into out: inout OutputBuffer) {
        write(detector.analyze(utf8: line), line, context, &out)
    }

    func write(_ a: ScriptAnalysis, _ line: UnsafeBufferPointer<UInt8>, _ context: LineContext, _ out: inout OutputBuffer) {
        let index = unit == .scalar ? nil : TextOffsetIndex(utf8: Array(line))
        func off(_ s: Int) -> Int { index?.offset(ofScalar: s, in: unit) ?? s }
        let needText = details || checker != nil
        let text = needText ? String(decoding: line, as: UTF8.self) : ""
        let hint = details ? ArabicScriptHint(text) : nil
        let words = checker?.check(text) ?? []
        switch format {
        case .text, .auto:
            out.append("line ")
            out.append(int: context.line)
            out.append(": ")
            out.append(string: a.dominant.code)
            if details {
                out.append("  letters ")
                out.append(int: a.profile.letters)
                out.append(" (Arabic ")
                out.append(int: Int((a.profile.arabicShare * 100).rounded()))
                out.append("%, Latin ")
                out.append(int: Int((a.profile.latinShare * 100).rounded()))
                out.append("%, other ")
                out.append(int: Int((a.profile.otherShare * 100).rounded()))
                out.append("%)")
                if let l = hint?.language {
                    out.append("  language ")
                    out.append(string: l.rawValue)
                }
            }
            out.append("\n")
            var cursor = (scalar: 0, byte: 0)
            for r in a.runs {
                let br = byteRange(line, scalars: r.start..<r.end, from: cursor)
                cursor = (r.end, br.upperBound)
                out.append("  ")
                out.append(int: off(r.start))
                out.append("..<")
                out.append(int: off(r.end))
                out.append("  ")
                out.append(string: r.script.code)
                out.append("  ")
                out.appendVisible(utf8: UnsafeBufferPointer(rebasing: line[br]), limit: 60)
                out.append("\n")
            }
            for w in words {
                out.append("  ! ")
                out.appendVisible(w.word)
                out.append(" (")
                out.append(int: off(w.start))
                out.append("..<")
                out.append(int: off(w.end))
                out.append("): ")
                out.append(string: w.findings.map(\.description).joined(separator: "; "))
                out.append("\n")
            }
        case .tsv:
            out.append(string: a.dominant.code)
            out.append("\t")
            for (k, r) in a.runs.enumerated() {
                if k > 0 { out.append(",") }
                out.append(string: r.script.code)
                out.append(":")
                out.append(int: off(r.start))
                out.append("-")
                out.append(int: off(r.end))
            }
            out.append("\n")
        case .json, .jsonl:
            out.append("{\"script\": \"")
            out.append(string: a.dominant.code)
            out.append("\", \"runs\": [")
            for (k, r) in a.runs.enumerated() {
                out.append(k == 0 ? "{\"start\": " : ", {\"start\": ")
                out.append(int: off(r.start))
                out.append(", \"end\": ")
                out.append(int: off(r.end))
                out.append(", \"script\": \"")
                out.append(string: r.script.code)
                out.append("\"}")
            }
            out.append("]")
            if details {
                out.append(", \"profile\": {\"letters\": ")
                out.append(int: a.profile.letters)
                out.append(", \"arabic\": ")
                out.append(score: a.profile.arabicShare)
                out.append(", \"latin\": ")
                out.append(score: a.profile.latinShare)
                out.append(", \"other\": ")
                out.append(score: a.profile.otherShare)
                out.append("}, \"language\": ")
                if let l = hint?.language {
                    out.appendJSONString(l.rawValue)
                } else {
                    out.append("null")
                }
            }
            if checker != nil {
                out.append(", \"confusables\": [")
                for (k, w) in words.enumerated() {
                    out.append(k == 0 ? "{\"start\": " : ", {\"start\": ")
                    out.append(int: off(w.start))
                    out.append(", \"end\": ")
                    out.append(int: off(w.end))
                    out.append(", \"word\": ")
                    out.appendJSONString(w.word)
                    out.append(", \"findings\": [")
                    for (j, f) in w.findings.enumerated() {
                        if j > 0 { out.append(", ") }
                        out.appendJSONString(f.description)
                    }
                    out.append("]}")
                }
                out.append("]")
            }
            out.append("}\n")
        }
    }
}
