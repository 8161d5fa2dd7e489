// LexiconFormat.swift — the files of a lexicon directory: manifest, entity and demonym tables.
import BitextCore
import BitextIO

/// The version of the lexicon file format this bitext reads and writes.
public let lexiconSchemaVersion = 1

/// `MANIFEST.tsv`: the schema version, the data version, and for each file its kind, row
/// count, SHA-256, source and license. Lines starting with `#` are comments.
///
///     schema-version	1
///     data-version	2026.11.24
///     file	kind	rows	sha256	source	license
///     places.tsv	entities	38211	5d0c…	GeoNames cities15000 …	CC-BY-4.0
public struct LexiconManifest: Equatable, Sendable {
    public struct File: Equatable, Sendable {
        public var name: String
        /// `entities` or `demonyms`.
        public var kind: String
        public var rows: Int
        public var sha256: String
        public var source: String
        public var license: String
    }

    public var schemaVersion: Int
    public var dataVersion: String
    public var files: [File]

    public static let fileName = "MANIFEST.tsv"
    static let fileHeader = ["file", "kind", "rows", "sha256", "source", "license"]

    /// Parses a manifest; errors name `source` and the line.
    public static func parse(_ bytes: [UInt8], source: String) throws(LexiconError) -> LexiconManifest {
        var schema: Int? = nil
        var data: String? = nil
        var files: [File] = []
        var sawHeader = false
        for (n, line) in try TSV.lines(bytes, source: source) {
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            if !sawHeader {
                switch cols[0] {
                case "schema-version":
                    guard cols.count == 2, let v = Int(cols[1]) else {
                        throw LexiconError(file: source, line: n, "schema-version needs one integer")
                    }
                    schema = v
                case "data-version":
                    guard cols.count == 2, !cols[1].isEmpty else { throw LexiconError(file: source, line: n, "data-version needs a value") }
                    data = cols[1]
                case "file":
                    guard cols == fileHeader else {
                        throw LexiconError(file: source, line: n, "file header must be: " + fileHeader.joined(separator: " "))
                    }
                    sawHeader = true
                default:
                    throw LexiconError(file: source, line: n, "unknown manifest key '\(cols[0])'")
                }
                continue
            }
            guard cols.count == fileHeader.count else {
                throw LexiconError(file: source, line: n, "expected \(fileHeader.count) tab-separated columns, found \(cols.count)")
            }
            guard !cols[0].isEmpty, !cols[0].contains("/"), cols[0].hasSuffix(".tsv") else {
                throw LexiconError(file: source, line: n, "file name must be a .tsv file in the same directory: '\(cols[0])'")
            }
            guard ["entities", "demonyms"].contains(cols[1]) else {
                throw LexiconError(file: source, line: n, "kind must be entities or demonyms, not '\(cols[1])'")
            }
            guard let rows = Int(cols[2]), rows >= 0 else { throw LexiconError(file: source, line: n, "rows must be a count: '\(cols[2])'") }
            guard cols[3].utf8.count == 64, cols[3].utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }) else {
                throw LexiconError(file: source, line: n, "sha256 must be 64 lowercase hex digits")
            }
            guard !cols[4].isEmpty, !cols[5].isEmpty else { throw LexiconError(file: source, line: n, "every file needs a source and a license") }
            if files.contains(where: { $0.name == cols[0] }) { throw LexiconError(file: source, line: n, "\(cols[0]) listed twice") }
            files.append(File(name: cols[0], kind: cols[1], rows: rows, sha256: cols[3], source: cols[4], license: cols[5]))
        }
        guard let schema else { throw LexiconError(file: source, "no schema-version") }
        guard schema == lexiconSchemaVersion else {
            throw LexiconError(file: source, "schema version \(schema); this bitext reads version \(lexiconSchemaVersion)")
        }
        guard let data else { throw LexiconError(file: source, "no data-version") }
        guard sawHeader else { throw LexiconError(file: source, "no file table") }
        return LexiconManifest(schemaVersion: schema, dataVersion: data, files: files)
    }

    /// The manifest as text.
    public func serialized() -> String {
        var s = "# bitext lexicon manifest (see Lexicons/README.md). Checked by `bitext lexicon verify`.\n"
        s += "schema-version\t\(schemaVersion)\ndata-version\t\(dataVersion)\n"
        s += Self.fileHeader.joined(separator: "\t") + "\n"
        for f in files { s += [f.name, f.kind, String(f.rows), f.sha256, f.source, f.license].joined(separator: "\t") + "\n" }
        return s
    }
}

/// One entity row: `id type kind en ar en_variants ar_variants country rank`.
///
///     geonames:88319	place	city	Benghazi	بنغازي	Banghazi|Bengasi	بنغازى		LY	757490
public struct LexiconEntity: Equatable, Sendable {
    public var id: String
    public var type: EntityType
    public var kind: String
    public var english: String
    public var arabic: String
    public var englishVariants: [String]
    public var arabicVariants: [String]
    public var country: String
    public var rank: Int

    public init(id: String, type: EntityType, kind: String = "", english: String, arabic: String,
                englishVariants: [String] = [], arabicVariants: [String] = [], country: String = "", rank: Int = 0) {
        self.id = id
        self.type = type
        self.kind = kind
        self.english = english
        self.arabic = arabic
        self.englishVariants = englishVariants
        self.arabicVariants = arabicVariants
        self.country = country
        self.rank = rank
    }

    static let header = ["id", "type", "kind", "en", "ar", "en_variants", "ar_variants", "country", "rank"]
}

/// One demonym row: `entity en ar`, the English and Arabic forms (`|`-separated) that
/// name the entity — its people or what belongs to it.
///
///     geonames:2215636	Libyan|Libyans	ليبي|ليبية|الليبي|الليبية|الليبيون|الليبيين
public struct LexiconDemonym: Equatable, Sendable {
    public var entity: String
    public var english: [String]
    public var arabic: [String]

    static let header = ["entity", "en", "ar"]
}

/// Reading tab-separated lexicon files.
enum TSV {
    /// The non-empty, non-comment lines with their 1-based numbers. Invalid UTF-8, NUL and
    /// other control characters (except tab) are errors naming the line.
    static func lines(_ bytes: [UInt8], source: String) throws(LexiconError) -> [(Int, Substring)] {
        if let e = UTF8Validation.firstError(in: bytes) {
            let line = bytes[..<e.byteOffset].reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
            throw LexiconError(file: source, line: line, "invalid UTF-8 at file offset \(e.byteOffset): \(e.reason.rawValue)")
        }
        let text = String(decoding: bytes, as: UTF8.self)
        var out: [(Int, Substring)] = []
        var n = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            n += 1
            var line = raw
            if line.hasSuffix("\r") { line = line.dropLast() }
            if line.isEmpty || line.hasPrefix("#") { continue }
            if let bad = line.unicodeScalars.first(where: { ($0.value < 0x20 && $0.value != 0x09) || $0.value == 0x7F }) {
                throw LexiconError(file: source, line: n, "control character U+\(String(bad.value, radix: 16, uppercase: true)) in the line")
            }
            out.append((n, line))
        }
        return out
    }

    /// Splits a `|`-separated list; empty items are errors.
    static func list(_ s: String, column: String, source: String, line: Int) throws(LexiconError) -> [String] {
        if s.isEmpty { return [] }
        let items = s.split(separator: "|", omittingEmptySubsequences: false).map { String($0) }
        for i in items where i.trimmingSpaces.isEmpty {
            throw LexiconError(file: source, line: line, "empty item in \(column) '\(s)'")
        }
        return items.map(\.trimmingSpaces)
    }

    /// The data rows of a table as fields, after its header line, which must be `header`;
    /// each row must have as many fields as the header.
    static func rows(_ bytes: [UInt8], source: String, header: [String]) throws(LexiconError) -> [(Int, [String])] {
        var out: [(Int, [String])] = []
        var sawHeader = false
        for (n, line) in try lines(bytes, source: source) {
            let c = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            if !sawHeader {
                guard c == header else {
                    throw LexiconError(file: source, line: n, "header must be: " + header.joined(separator: " "))
                }
                sawHeader = true
                continue
            }
            guard c.count == header.count else {
                throw LexiconError(file: source, line: n, "expected \(header.count) tab-separated columns, found \(c.count)")
            }
            out.append((n, c))
        }
        if !sawHeader { throw LexiconError(file: source, "no header line") }
        return out
    }

    static func parseEntities(_ bytes: [UInt8], source: String) throws(LexiconError) -> [(Int, LexiconEntity)] {
        var out: [(Int, LexiconEntity)] = []
        for (n, c) in try rows(bytes, source: source, header: LexiconEntity.header) {
            let id = c[0]
            guard !id.isEmpty, !id.contains(" "), id.contains(":") else {
                throw LexiconError(file: source, line: n, "id must be prefix:value with no spaces: '\(id)'")
            }
            guard let type = EntityType(name: c[1]), type != .name else {
                throw LexiconError(file: source, line: n, "type must be person, place or org, not '\(c[1])'")
            }
            let en = c[3].trimmingSpaces, ar = c[4].trimmingSpaces
            guard !en.isEmpty || !ar.isEmpty else { throw LexiconError(file: source, line: n, "\(id) has neither an en nor an ar name") }
            let ev = try list(c[5], column: "en_variants", source: source, line: n)
            let av = try list(c[6], column: "ar_variants", source: source, line: n)
            let cc = c[7]
            guard cc.isEmpty || (cc.utf8.count == 2 && cc.utf8.allSatisfy { $0 >= 0x41 && $0 <= 0x5A }) else {
                throw LexiconError(file: source, line: n, "country must be an ISO 3166-1 alpha-2 code, not '\(cc)'")
            }
            guard let rank = c[8].isEmpty ? 0 : Int(c[8]), rank >= Int(Int32.min), rank <= Int(Int32.max) else {
                throw LexiconError(file: source, line: n, "rank must be an integer, not '\(c[8])'")
            }
            out.append((n, LexiconEntity(id: id, type: type, kind: c[2], english: en, arabic: ar, englishVariants: ev,
                                         arabicVariants: av, country: cc, rank: rank)))
        }
        return out
    }

    static func parseDemonyms(_ bytes: [UInt8], source: String) throws(LexiconError) -> [(Int, LexiconDemonym)] {
        var out: [(Int, LexiconDemonym)] = []
        for (n, c) in try rows(bytes, source: source, header: LexiconDemonym.header) {
            let en = try list(c[1], column: "en", source: source, line: n)
            let ar = try list(c[2], column: "ar", source: source, line: n)
            guard !c[0].isEmpty else { throw LexiconError(file: source, line: n, "no entity id") }
            guard !en.isEmpty || !ar.isEmpty else { throw LexiconError(file: source, line: n, "no demonym forms for \(c[0])") }
            out.append((n, LexiconDemonym(entity: c[0], english: en, arabic: ar)))
        }
        return out
    }

    /// The kind of a table, from its header line: `entities`, `demonyms`, or nil.
    static func kind(ofHeader bytes: [UInt8]) -> String? {
        let text = String(decoding: bytes.prefix(4096), as: UTF8.self)
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let c = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            if c == LexiconEntity.header { return "entities" }
            if c == LexiconDemonym.header { return "demonyms" }
            return nil
        }
        return nil
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " { s = s.dropFirst() }
        while let l = s.last, l == " " { s = s.dropLast() }
        return String(s)
    }
}
