// MatchCommand.swift — `bitext match`: gazetteer mentions in both scripts.
import ArgumentParser
import BitextIO
import BitextKit
import BitextLexicon
import BitextMatch

#if canImport(Glibc)
import Glibc
#endif

extension MatchKind: ExpressibleByArgument {}
extension CaseMode: ExpressibleByArgument {}

struct MatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: "Find mentions of known people, places and organizations, in Arabic and English.",
        discussion: """
            Matching runs on the text as the `search` normalization sees it (diacritics, tatweel, \
            hamza seats, ة/ه, ى/ي, Persian look-alikes and bidi controls do not matter), on word \
            boundaries (مصر is not found in مصرف), through Arabic proclitics (وبنغازي، بالقاهرة، \
            للقاهرة، لليبيا) and English possessives and compounds (Libya's, Tripoli-based). \
            Demonyms and nisba forms name their country (Libyan, الليبيون → Libya). Offsets are \
            Unicode scalar offsets into the line as read, end exclusive.

            Per line (jsonl): {"mentions": [{"start": 8, "end": 14, "text": "بنغازي", \
            "entity": "geonames:88319", "type": "place", "canonical": {"en": "Benghazi", "ar": "بنغازي"}}]}
            A mention through a demonym adds "form": "demonym". When several entities share the \
            spelling, "entity" is the best by rank (population, prominence) and "candidates" lists \
            them all, best first; --prefer-country and --prefer-type change the order. \
            --format text is for reading; --format tsv writes one row per mention: line, start, \
            end, text, entity, type, en, ar, candidates.

            Lexicons: the embedded default (no flags needed); --lexicon DIR adds a lexicon directory \
            (an entity with the same id replaces the default one), and so do the directories in \
            $BITEXT_LEXICON (separated by ':') when no --lexicon is given; --no-default-lexicon uses \
            only those directories; --names FILE matches an ad-hoc list, one name per line, \
            entity id names:<0-based line>.

            Examples:
              echo 'وصل الوفد إلى بنغازي' | bitext match
              bitext match --names people.txt --format jsonl < news.txt
              bitext match --overlapping --format jsonl < news.txt
            """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var output: FormatOptions

    @Option(name: .customLong("names"), help: "Match the names in this file (one per line) instead of the lexicons.")
    var namesFile: String?

    @Option(name: .customLong("lexicon"), help: "A lexicon directory to add (repeatable).")
    var lexiconDirs: [String] = []

    @Flag(help: "Do not load the embedded default lexicon (use only --lexicon directories).")
    var noDefaultLexicon = false

    @Flag(help: "Report every match, overlapping ones too (default: leftmost-longest).")
    var overlapping = false

    @Option(name: .customLong("case"), help: "Letter case: smart (default), sensitive or insensitive.")
    var caseMode: CaseMode = .smart

    @Flag(help: "Do not strip Arabic proclitics (و ف ب ك ل, ل + ال).")
    var noClitics = false

    @Option(help: "Prefer entities of this country (ISO code) when a spelling is shared (repeatable).")
    var preferCountry: [String] = []

    @Option(help: "Prefer entities of this type (person, place, org) when a spelling is shared (repeatable).")
    var preferType: [String] = []

    @Option(help: "Offset unit: scalar (default), utf8 or utf16.")
    var offsets: OffsetUnit = .scalar

    func validate() throws {
        for t in preferType where EntityType(name: t) == nil {
            throw ValidationError("unknown entity type '\(t)' (person, place, org)")
        }
        if namesFile != nil && (!lexiconDirs.isEmpty || noDefaultLexicon) {
            throw ValidationError("--names replaces the lexicons: do not combine it with --lexicon or --no-default-lexicon")
        }
    }

    /// Lexicon directories from `$BITEXT_LEXICON` (colon-separated).
    static var environmentLexicons: [String] {
        guard let v = getenv("BITEXT_LEXICON") else { return [] }
        return String(cString: v).split(separator: ":").map(String.init)
    }

    func run() throws {
        let format = output.resolved(OutputSink())
        let dirs = lexiconDirs.isEmpty ? Self.environmentLexicons : lexiconDirs
        if noDefaultLexicon && dirs.isEmpty {
            throw ValidationError("--no-default-lexicon needs at least one --lexicon DIR")
        }
        let gazetteer = try reportingLexiconErrors {
            if let namesFile { return try NameList.gazetteer(path: namesFile) }
            return try Lexicon.gazetteer(directories: dirs, includeDefault: !noDefaultLexicon)
        }
        let options = MatchOptions(kind: overlapping ? .overlapping : .leftmostLongest, caseMode: caseMode,
                                   arabicClitics: !noClitics)
        let order = CandidateOrder(preferCountries: preferCountry, preferTypes: preferType.compactMap(EntityType.init(name:)))
        try runPipeline(input, framing: format == .json ? .jsonArray : .lines) {
            MatchProcessor(searcher: GazetteerSearcher(gazetteer: gazetteer, options: options, order: order),
                           format: format, unit: offsets)
        }
    }
}

struct MatchProcessor: LineProcessor {
    let searcher: GazetteerSearcher
    let format: OutputFormat
    let unit: OffsetUnit

    mutating func process(line: UnsafeBufferPointer<UInt8>, context: LineContext, into out: inout OutputBuffer) {
        searcher.find(utf8: line)
        let ms = searcher.mentions
        let es = searcher.gazetteer.entities
        let index = unit == .scalar || ms.isEmpty ? nil : TextOffsetIndex(utf8: Array(line))
        func off(_ s: Int) -> Int { index?.offset(ofScalar: s, in: unit) ?? s }
        switch format {
        case .json, .jsonl:
            out.append("{\"mentions\": [")
            for (k, m) in ms.enumerated() {
                let e = Int(searcher.candidates[m.candidatesStart])
                out.append(k == 0 ? "{\"start\": " : ", {\"start\": ")
                out.append(int: off(m.start))
                out.append(", \"end\": ")
                out.append(int: off(m.end))
                out.append(", \"text\": ")
                out.appendJSONString(utf8: UnsafeBufferPointer(rebasing: line[m.startByte..<m.endByte]))
                out.append(", \"entity\": ")
                appendID(es, e, &out)
                out.append(", \"type\": ")
                appendType(es.type(e), &out)
                out.append(", \"canonical\": {\"en\": ")
                appendName(es.englishUTF8(e), &out)
                out.append(", \"ar\": ")
                appendName(es.arabicUTF8(e), &out)
                out.append("}")
                if m.viaDemonym { out.append(", \"form\": \"demonym\"") }
                if m.candidatesCount > 1 {
                    out.append(", \"candidates\": [")
                    for (j, c) in searcher.candidates(of: m).enumerated() {
                        if j > 0 { out.append(", ") }
                        appendID(es, Int(c), &out)
                    }
                    out.append("]")
                }
                out.append("}")
            }
            out.append("]}\n")
        case .tsv:
            // One row per mention: line, start, end, text, entity, type, en, ar, candidates.
            for m in ms {
                let e = Int(searcher.candidates[m.candidatesStart])
                out.append(int: context.line)
                out.append("\t")
                out.append(int: off(m.start))
                out.append("\t")
                out.append(int: off(m.end))
                out.append("\t")
                appendTSV(UnsafeBufferPointer(rebasing: line[m.startByte..<m.endByte]), &out)
                out.append("\t")
                out.append(string: es.id(e))
                out.append("\t")
                out.append(string: es.type(e).description)
                out.append("\t")
                out.append(string: es.english(e) ?? "")
                out.append("\t")
                out.append(string: es.arabic(e) ?? "")
                out.append("\t")
                out.append(string: searcher.candidates(of: m).map { es.id(Int($0)) }.joined(separator: ","))
                out.append("\n")
            }
        case .text, .auto:
            guard !ms.isEmpty else { return }
            out.append("line ")
            out.append(int: context.line)
            out.append(":\n")
            for m in ms {
                let e = Int(searcher.candidates[m.candidatesStart])
                out.append("  ")
                out.append(int: off(m.start))
                out.append("..<")
                out.append(int: off(m.end))
                out.append("  ")
                out.appendVisible(utf8: UnsafeBufferPointer(rebasing: line[m.startByte..<m.endByte]))
                out.append("  → ")
                out.append(string: es.english(e) ?? "—")
                out.append(" / ")
                out.append(string: es.arabic(e) ?? "—")
                out.append("  (")
                out.append(string: es.type(e).description)
                let kind = es.kind(e)
                if !kind.isEmpty {
                    out.append(", ")
                    out.append(string: kind)
                }
                if m.viaDemonym { out.append(", demonym") }
                out.append(", ")
                out.append(string: es.id(e))
                out.append(")")
                if m.candidatesCount > 1 {
                    out.append("  also: ")
                    out.append(string: searcher.candidates(of: m).dropFirst().map { es.id(Int($0)) }.joined(separator: ", "))
                }
                out.append("\n")
            }
        }
    }

    func appendID(_ es: EntityStore, _ e: Int, _ out: inout OutputBuffer) {
        if let prefix = es.idPrefix {
            out.append("\"")
            out.append(string: prefix)
            out.append(int: e)
            out.append("\"")
        } else {
            out.appendJSONString(utf8: es.idUTF8(e))
        }
    }

    /// A canonical name, or null when the entity has none in that script.
    func appendName(_ s: UnsafeBufferPointer<UInt8>, _ out: inout OutputBuffer) {
        if s.isEmpty { out.append("null") } else { out.appendJSONString(utf8: s) }
    }

    func appendType(_ t: EntityType, _ out: inout OutputBuffer) {
        switch t {
        case .person: out.append("\"person\"")
        case .place: out.append("\"place\"")
        case .org: out.append("\"org\"")
        case .name: out.append("\"name\"")
        }
    }

    func appendTSV(_ b: UnsafeBufferPointer<UInt8>, _ out: inout OutputBuffer) {
        for x in b {
            switch x {
            case 0x09: out.append("\\t")
            case 0x5C: out.append("\\\\")
            default: out.append(byte: x)
            }
        }
    }
}
