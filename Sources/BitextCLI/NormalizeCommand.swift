// NormalizeCommand.swift — `bitext normalize`: profiles, steps, bidi policy, offset maps, reports.
import ArgumentParser
import BitextIO
import BitextKit

extension NormalizationStep: ExpressibleByArgument {}

struct NormalizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "normalize",
        abstract: "Normalize text line by line, bidi-safely, keeping the map back to the original.",
        discussion: """
            Profiles:
              search   NFKC; drops diacritics, tatweel, invisible characters, joiners, variation \
            selectors and bidi controls; folds hamza seats, alef maksura, ta marbuta, \
            Persian/Urdu look-alikes, Arabic-Indic and Persian digits, and spaces.
              display  NFC; drops invisible junk; repairs bidi controls. Never changes how text reads.
              nfc, nfkc  the Unicode forms alone.

            Steps (for --steps): \(NormalizationStep.allCases.map(\.rawValue).joined(separator: ", ")). \
            They always run in that order: deletions, then the Unicode form, then the folds.

            Output: the normalized lines (same line ends as the input) by default; --format jsonl \
            gives {"text": ...} per line, with --map the offset map as [outStart, outEnd, inStart, \
            inEnd] chunks (outside them, offsets shift one for one). --report lists bidi controls \
            and flags overrides and controls left open (Trojan Source) instead of normalizing.

            Examples:
              bitext normalize --profile search < news.ar.txt
              bitext normalize --profile display --bidi repair --format jsonl --map < in.txt
              bitext normalize --report < suspicious.txt
            """
    )

    @OptionGroup var input: InputOptions

    @Option(help: "Profile: search, display, nfc or nfkc.")
    var profile: String = "search"

    @Option(parsing: .upToNextOption, help: "Use exactly these steps instead of the profile's (comma- or space-separated).")
    var steps: [String] = []

    @Option(help: "Bidi controls: strip, keep or repair (default: the profile's).")
    var bidi: BidiPolicy?

    @Option(help: "Output format: text (default), json, jsonl or tsv.")
    var format: OutputFormat = .text

    @Flag(help: "With json/jsonl: include the offset map of each line.")
    var map = false

    @Option(help: "Offset unit for --map and --report: scalar (default), utf8 or utf16.")
    var offsets: OffsetUnit = .scalar

    @Flag(help: "Report bidi controls and Trojan-Source patterns instead of normalizing.")
    var report = false

    func validate() throws {
        if NormalizationProfile.named[profile] == nil {
            throw ValidationError("unknown profile '\(profile)' (search, display, nfc, nfkc)")
        }
        _ = try resolvedProfile()
    }

    func resolvedProfile() throws -> NormalizationProfile {
        var p = NormalizationProfile.named[profile] ?? .search
        if !steps.isEmpty {
            var set = Set<NormalizationStep>()
            for item in steps.flatMap({ $0.split(separator: ",") }) {
                guard let s = NormalizationStep(rawValue: String(item)) else {
                    throw ValidationError("unknown step '\(item)'; steps: " + NormalizationStep.allCases.map(\.rawValue).joined(separator: ", "))
                }
                set.insert(s)
            }
            p = NormalizationProfile(name: "custom", steps: set, bidi: p.bidi)
        }
        if let bidi { p.bidi = bidi }
        return p
    }

    func run() throws {
        let sink = OutputSink()
        if report {
            let f = format == .text && !sink.isTerminal ? OutputFormat.text : format
            try runPipeline(input, framing: f == .json ? .jsonArray : .lines) {
                BidiReportProcessor(format: f, unit: offsets)
            }
            return
        }
        let normalizer = Normalizer(profile: try resolvedProfile())
        try runPipeline(input, framing: format == .json ? .jsonArray : .lines) {
            NormalizeProcessor(normalizer: normalizer, format: format, withMap: map, unit: offsets)
        }
    }
}

struct NormalizeProcessor: LineProcessor {
    let normalizer: Normalizer
    let format: OutputFormat
    let withMap: Bool
    let unit: OffsetUnit
    var scratch: [UInt8] = []

    mutating func processUnchecked(line: UnsafeBufferPointer<UInt8>, context: LineContext, into out: inout OutputBuffer) -> Bool {
        guard format == .text || format == .auto else {
            if UTF8Validation.firstError(in: line) != nil { return false }
            process(line: line, context: context, into: &out)
            return true
        }
        // The normalizer checks UTF-8 as it reads, so text output needs no separate pass.
        do {
            try normalizer.normalize(utf8: line, into: &out.bytes)
        } catch {
            return false
        }
        appendTerminator(context, &out)
        return true
    }

    func appendTerminator(_ context: LineContext, _ out: inout OutputBuffer) {
        switch context.terminator {
        case .none: break
        case .lf: out.append(byte: 0x0A)
        case .crlf: out.append("\r\n")
        }
    }

    mutating func process(line: UnsafeBufferPointer<UInt8>, context: LineContext, into out: inout OutputBuffer) {
        switch format {
        case .text, .auto:
            _ = try? normalizer.normalize(utf8: line, into: &out.bytes)
            appendTerminator(context, &out)
        case .tsv:
            // TSV cannot hold tabs or newlines inside a field: they are escaped as \t, \n, \\.
            scratch.removeAll(keepingCapacity: true)
            _ = try? normalizer.normalize(utf8: line, into: &scratch)
            for b in scratch {
                switch b {
                case 0x09: out.append("\\t")
                case 0x0A: out.append("\\n")
                case 0x0D: out.append("\\r")
                case 0x5C: out.append("\\\\")
                default: out.append(byte: b)
                }
            }
            out.append("\n")
        case .json, .jsonl:
            scratch.removeAll(keepingCapacity: true)
            let map = (try? normalizer.normalize(utf8: line, into: &scratch, offsets: withMap)) ?? nil
            out.append("{\"text\": ")
            scratch.withUnsafeBufferPointer { out.appendJSONString(utf8: $0) }
            if let map {
                let inIndex = unit == .scalar ? nil : TextOffsetIndex(utf8: Array(line))
                let outIndex = unit == .scalar ? nil : TextOffsetIndex(utf8: scratch)
                func i(_ v: Int) -> Int { inIndex?.offset(ofScalar: v, in: unit) ?? v }
                func o(_ v: Int) -> Int { outIndex?.offset(ofScalar: v, in: unit) ?? v }
                out.append(", \"map\": [")
                for (k, c) in map.chunks.enumerated() {
                    out.append(k == 0 ? "[" : ", [")
                    out.append(int: o(c.outStart))
                    out.append(", ")
                    out.append(int: o(c.outEnd))
                    out.append(", ")
                    out.append(int: i(c.inStart))
                    out.append(", ")
                    out.append(int: i(c.inEnd))
                    out.append("]")
                }
                out.append("]")
            }
            out.append("}\n")
        }
    }
}

struct BidiReportProcessor: LineProcessor {
    let format: OutputFormat
    let unit: OffsetUnit

    mutating func process(line: UnsafeBufferPointer<UInt8>, context: LineContext, into out: inout OutputBuffer) {
        let text = String(decoding: line, as: UTF8.self)
        let r = BidiReport(text)
        let index = unit == .scalar ? nil : TextOffsetIndex(utf8: Array(line))
        func off(_ s: Int) -> Int { index?.offset(ofScalar: s, in: unit) ?? s }
        switch format {
        case .text, .auto, .tsv:
            // Only lines with controls; one line each.
            guard !r.controls.isEmpty else { return }
            out.append(string: context.source)
            out.append(":")
            out.append(int: context.line)
            out.append(": ")
            out.append(string: r.controls.map { "\($0.control)@\(off($0.offset))" }.joined(separator: " "))
            if !r.issues.isEmpty {
                out.append("  ")
                out.append(string: r.isSuspicious ? "SUSPICIOUS: " : "")
                out.append(string: r.issues.map { "\($0.kind.rawValue) \($0.control)@\(off($0.offset))" }.joined(separator: ", "))
            }
            out.append("\n")
        case .json, .jsonl:
            out.append("{\"controls\": [")
            for (k, c) in r.controls.enumerated() {
                out.append(k == 0 ? "{\"offset\": " : ", {\"offset\": ")
                out.append(int: off(c.offset))
                out.append(", \"control\": \"")
                out.append(string: c.control.description)
                out.append("\"}")
            }
            out.append("], \"issues\": [")
            for (k, i) in r.issues.enumerated() {
                out.append(k == 0 ? "{\"kind\": \"" : ", {\"kind\": \"")
                out.append(string: i.kind.rawValue)
                out.append("\", \"offset\": ")
                out.append(int: off(i.offset))
                out.append(", \"control\": \"")
                out.append(string: i.control.description)
                out.append("\"}")
            }
            out.append("], \"suspicious\": ")
            out.append(r.isSuspicious ? "true" : "false")
            out.append("}\n")
        }
    }
}
