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
    /// The JSON of the line being written.
    let json = JSONScratch()

    init(searcher: GazetteerSearcher, format: OutputFormat, unit: OffsetUnit) {
        self.searcher = searcher
        self.format = format
        self.unit = unit
    }

    mutating func process(line: UnsafeBufferPointer<UInt8>, context: LineContext, into out: inout OutputBuffer) {
        searcher.find(utf8: line)
        write(line: line, context: context, into: &out)
    }

    /// Searches while checking the UTF-8 (no separate validation pass).
    mutating func processUnchecked(line: UnsafeBufferPointer<UInt8>, context: LineContext, into out: inout OutputBuffer) -> Bool {
        guard searcher.find(unvalidatedUTF8: line) else { return false }
        write(line: line, context: context, into: &out)
        return true
    }

    func write(line: UnsafeBufferPointer<UInt8>, context: LineContext, into out: inout OutputBuffer) {
        let ms = searcher.mentions
        let es = searcher.gazetteer.entities
        let index = unit == .scalar || ms.isEmpty ? nil : TextOffsetIndex(utf8: Array(line))
        func off(_ s: Int) -> Int { index?.offset(ofScalar: s, in: unit) ?? s }
        switch format {
        case .json, .jsonl:
            if ms.isEmpty {
                out.append("{\"mentions\": []}\n")
                return
            }
            json.writeLine(ms, searcher: searcher, entities: es, line: line, offset: index == nil ? nil : off, into: &out)
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

/// The JSON of one line of `match` output, written into raw memory (one capacity check
/// per mention), then appended to the output at once.
final class JSONScratch {
    @exclusivity(unchecked) private var base = UnsafeMutablePointer<UInt8>.allocate(capacity: 4096)
    @exclusivity(unchecked) private var capacity = 4096
    /// The id prefix of the entity store last written from, as UTF-8.
    @exclusivity(unchecked) private var prefixOf: EntityStore? = nil
    @exclusivity(unchecked) private var prefixBytes: [UInt8]? = nil

    /// Each entity's JSON from `, "entity"` to the end of `"canonical"`, as written the first
    /// time (many mentions name the same entities): the bytes, and per entity where they start
    /// and end in them (end 0: not written yet).
    @exclusivity(unchecked) private var tails: [UInt8] = []
    @exclusivity(unchecked) private var tailStart: [UInt32] = []
    @exclusivity(unchecked) private var tailEnd: [UInt32] = []
    /// Tails are kept up to this many bytes in all, then written afresh each time.
    static let tailLimit = 32 << 20

    deinit { base.deallocate() }

    private func withPrefix(_ body: (UnsafeBufferPointer<UInt8>?) -> Void) {
        if let prefixBytes { prefixBytes.withUnsafeBufferPointer { body($0) } } else { body(nil) }
    }

    /// Writes `{"mentions": [...]}` and a newline.
    func writeLine(_ ms: [Mention], searcher: GazetteerSearcher, entities es: EntityStore, line: UnsafeBufferPointer<UInt8>,
                   offset: ((Int) -> Int)?, into out: inout OutputBuffer) {
        var w = RawJSON(base: base, count: 0)
        if prefixOf !== es {
            prefixOf = es
            prefixBytes = es.idPrefix.map { Array($0.utf8) }
            tails.removeAll()
            tailStart.removeAll()
            tailEnd.removeAll()
        }
        w.put("{\"mentions\": [")
        let cands = searcher.candidates
        withPrefix { prefix in
        cands.withUnsafeBufferPointer { cands in
            for (k, m) in ms.enumerated() {
                let e = Int(cands[m.candidatesStart])
                let text = UnsafeBufferPointer(rebasing: line[m.startByte..<m.endByte])
                let en = es.englishUTF8(e), ar = es.arabicUTF8(e)
                let idBound = prefix.map { $0.count + 24 } ?? 0
                var bound = 200 + 6 * (text.count + en.count + ar.count) + m.candidatesCount * (idBound + 4)
                for j in 0..<m.candidatesCount where prefix == nil {
                    bound += 6 * es.idUTF8(Int(cands[m.candidatesStart + j])).count
                }
                if w.count + bound > capacity {
                    grow(w.count + bound)
                    w.base = base
                }
                w.put(k == 0 ? "{\"start\": " : ", {\"start\": ")
                w.put(int: offset?(m.start) ?? m.start)
                w.put(", \"end\": ")
                w.put(int: offset?(m.end) ?? m.end)
                w.put(", \"text\": ")
                w.putJSONString(text)
                if e < tailEnd.count && tailEnd[e] != 0 {
                    let a = Int(tailStart[e])
                    let n = Int(tailEnd[e]) - a
                    tails.withUnsafeBufferPointer { w.put(bytes: $0.baseAddress! + a, n) }
                } else {
                    let from = w.count
                    w.put(", \"entity\": ")
                    w.putID(es, e, prefix)
                    w.put(", \"type\": ")
                    switch es.type(e) {
                    case .person: w.put("\"person\"")
                    case .place: w.put("\"place\"")
                    case .org: w.put("\"org\"")
                    case .name: w.put("\"name\"")
                    }
                    w.put(", \"canonical\": {\"en\": ")
                    if en.isEmpty { w.put("null") } else { w.putJSONString(en) }
                    w.put(", \"ar\": ")
                    if ar.isEmpty { w.put("null") } else { w.putJSONString(ar) }
                    w.put("}")
                    if tails.count + (w.count - from) <= Self.tailLimit {
                        if e >= tailEnd.count {
                            let more = max(e + 1 - tailEnd.count, tailEnd.count)
                            tailStart.append(contentsOf: repeatElement(0, count: more))
                            tailEnd.append(contentsOf: repeatElement(0, count: more))
                        }
                        tailStart[e] = UInt32(tails.count)
                        tails.append(contentsOf: UnsafeBufferPointer(start: w.base + from, count: w.count - from))
                        tailEnd[e] = UInt32(tails.count)
                    }
                }
                if m.viaDemonym { w.put(", \"form\": \"demonym\"") }
                if m.candidatesCount > 1 {
                    w.put(", \"candidates\": [")
                    for j in 0..<m.candidatesCount {
                        if j > 0 { w.put(", ") }
                        w.putID(es, Int(cands[m.candidatesStart + j]), prefix)
                    }
                    w.put("]")
                }
                w.put("}")
            }
        }}
        if w.count + 4 > capacity {
            grow(w.count + 4)
            w.base = base
        }
        w.put("]}\n")
        out.append(bytes: UnsafeBufferPointer(start: base, count: w.count))
    }

    private func grow(_ needed: Int) {
        let cap = max(needed, capacity * 2)
        let b = UnsafeMutablePointer<UInt8>.allocate(capacity: cap)
        b.update(from: base, count: capacity)
        base.deallocate()
        base = b
        capacity = cap
    }
}

/// Writes into memory the caller has made room in.
struct RawJSON {
    var base: UnsafeMutablePointer<UInt8>
    var count: Int

    @inline(__always)
    mutating func put(_ s: StaticString) {
        (base + count).update(from: s.utf8Start, count: s.utf8CodeUnitCount)
        count += s.utf8CodeUnitCount
    }

    @inline(__always)
    mutating func put(bytes p: UnsafePointer<UInt8>, _ n: Int) {
        (base + count).update(from: p, count: n)
        count += n
    }

    @inline(__always)
    mutating func put(int v: Int) {
        if v >= 0 && v < 10 {
            base[count] = UInt8(truncatingIfNeeded: 48 &+ v)
            count += 1
            return
        }
        if v < 0 {
            base[count] = UInt8(ascii: "-")
            count += 1
            put(int: 0 &- v)
            return
        }
        var digits = 0
        var x = v
        while x > 0 {
            digits += 1
            x /= 10
        }
        x = v
        var k = count + digits - 1
        while x > 0 {
            base[k] = UInt8(truncatingIfNeeded: 48 &+ x % 10)
            x /= 10
            k -= 1
        }
        count += digits
    }

    @inline(__always)
    mutating func putID(_ es: EntityStore, _ e: Int, _ prefix: UnsafeBufferPointer<UInt8>?) {
        if let prefix {
            put("\"")
            put(bytes: prefix.baseAddress!, prefix.count)
            put(int: e)
            put("\"")
        } else {
            putJSONString(es.idUTF8(e))
        }
    }

    /// A JSON string literal of valid UTF-8, escaped exactly as ``OutputBuffer/appendJSONString(utf8:)``
    /// does (at most 6 bytes per input byte, quotes included).
    @inline(__always)
    mutating func putJSONString(_ s: UnsafeBufferPointer<UInt8>) {
        base[count] = 0x22
        count += 1
        JSONStringScan.scan(s, run: { p, n in put(bytes: p, n) }, escape: { c in
            if let e = JSONStringScan.shortEscape(c) { put(e) } else { putUnicodeEscape(c) }
        })
        base[count] = 0x22
        count += 1
    }

    mutating func putUnicodeEscape(_ c: UInt32) {
        let hex: StaticString = "0123456789abcdef"
        let h = hex.utf8Start
        put("\\u")
        base[count] = h[Int((c >> 12) & 0xF)]
        base[count + 1] = h[Int((c >> 8) & 0xF)]
        base[count + 2] = h[Int((c >> 4) & 0xF)]
        base[count + 3] = h[Int(c & 0xF)]
        count += 4
    }
}
