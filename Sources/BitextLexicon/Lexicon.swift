// Lexicon.swift — a lexicon directory loaded and checked, and compiled into a gazetteer.
import BitextCore
import BitextData
import BitextIO
import BitextMatch
import BitextNormalize

#if canImport(Glibc)
import Glibc
#endif

/// A lexicon directory, loaded whole or not at all: entity tables and demonym tables, and
/// the manifest that lists them with their checksums (see `Lexicons/README.md`).
///
///     let lex = try Lexicon.load(directory: "Lexicons")
///     lex.entities.count                 // every person, place, organization
///     let g = try lex.gazetteer()        // ready to search
///     try Lexicon.defaultGazetteer()     // the embedded default, compiled at build time
public struct Lexicon: Sendable {
    public var directory: String
    /// nil for a directory without `MANIFEST.tsv` (then every `*.tsv` in it is read).
    public var manifest: LexiconManifest?
    public var entities: [LexiconEntity]
    public var demonyms: [LexiconDemonym]
    /// Where each entity and demonym row came from, for error messages.
    var entityRows: [(file: String, line: Int)]
    var demonymRows: [(file: String, line: Int)]

    /// Loads and checks a lexicon directory. With a manifest, each file must have the
    /// SHA-256 and row count the manifest gives. Any malformed row stops the load with
    /// `file:line: what is wrong`; nothing is half-loaded.
    public static func load(directory: String) throws(LexiconError) -> Lexicon {
        let dir = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        var lex = Lexicon(directory: dir, manifest: nil, entities: [], demonyms: [], entityRows: [], demonymRows: [])
        let manifestPath = dir + "/" + LexiconManifest.fileName
        var files: [(name: String, kind: String, expected: LexiconManifest.File?)] = []
        if let bytes = try readIfExists(manifestPath) {
            let m = try LexiconManifest.parse(bytes, source: manifestPath)
            lex.manifest = m
            files = m.files.map { ($0.name, $0.kind, $0) }
        } else {
            guard let names = listTSV(dir) else { throw LexiconError(file: dir, "cannot read the directory") }
            for name in names where name != LexiconManifest.fileName {
                guard let bytes = try readIfExists(dir + "/" + name) else { continue }
                guard let kind = TSV.kind(ofHeader: bytes) else {
                    throw LexiconError(file: dir + "/" + name, line: 1, "unknown header: an entity table starts with `"
                                       + LexiconEntity.header.joined(separator: " ") + "`, a demonym table with `entity en ar`")
                }
                files.append((name, kind, nil))
            }
            if files.isEmpty { throw LexiconError(file: dir, "no lexicon tables (*.tsv) and no \(LexiconManifest.fileName)") }
        }
        var seen: [String: (String, Int)] = [:]
        for f in files {
            let path = dir + "/" + f.name
            guard let bytes = try readIfExists(path) else { throw LexiconError(file: path, "listed in the manifest but missing") }
            if let e = f.expected {
                let sum = SHA256.hex(bytes)
                if sum != e.sha256 {
                    throw LexiconError(file: path, "checksum \(sum) differs from the manifest's \(e.sha256)")
                }
            }
            var rows = 0
            if f.kind == "entities" {
                for (n, e) in try TSV.parseEntities(bytes, source: path) {
                    if let first = seen[e.id] {
                        throw LexiconError(file: path, line: n, "duplicate id \(e.id) (first at \(first.0):\(first.1))")
                    }
                    seen[e.id] = (path, n)
                    lex.entities.append(e)
                    lex.entityRows.append((path, n))
                    rows += 1
                }
            } else {
                for (n, d) in try TSV.parseDemonyms(bytes, source: path) {
                    lex.demonyms.append(d)
                    lex.demonymRows.append((path, n))
                    rows += 1
                }
            }
            if let e = f.expected, e.rows != rows {
                throw LexiconError(file: path, "\(rows) rows, the manifest says \(e.rows)")
            }
        }
        return lex
    }

    /// Compiles this lexicon alone into a gazetteer. A demonym row naming an unknown entity
    /// is an error.
    public func gazetteer() throws(LexiconError) -> Gazetteer {
        var c = GazetteerCompiler()
        try c.add(self)
        return c.build()
    }

    /// The embedded default lexicon (compiled when bitext was built).
    public static func defaultGazetteer() throws(LexiconError) -> Gazetteer {
        try DefaultLexicon.shared.get()
    }

    /// The gazetteer for `bitext match`: the default lexicon (unless excluded) with the
    /// directories added in order; an entity whose id is already known replaces it.
    public static func gazetteer(directories: [String], includeDefault: Bool = true) throws(LexiconError) -> Gazetteer {
        if directories.isEmpty && includeDefault { return try defaultGazetteer() }
        let lexicons = try directories.map { (d) throws(LexiconError) -> Lexicon in try load(directory: d) }
        var replaced = Set<String>()
        for l in lexicons { for e in l.entities { replaced.insert(e.id) } }
        var c = GazetteerCompiler()
        if includeDefault { c.add(try defaultGazetteer(), except: replaced) }
        for l in lexicons { try c.add(l) }
        return c.build()
    }

    static func readIfExists(_ path: String) throws(LexiconError) -> [UInt8]? {
        do {
            return try LineReader(path: path).readAll()
        } catch {
            if case .cannotOpen(let e) = error.kind, e == ENOENT { return nil }
            throw LexiconError(file: path, "\(error)")
        }
    }

    static func listTSV(_ dir: String) -> [String]? {
        guard let d = opendir(dir) else { return nil }
        defer { closedir(d) }
        var names: [String] = []
        while let ent = readdir(d) {
            let name = withUnsafeBytes(of: ent.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name.hasSuffix(".tsv") { names.append(name) }
        }
        return names.sorted()
    }
}

/// Turns entities and their surface forms into a ``Gazetteer``.
struct GazetteerCompiler {
    var store = EntityStoreBuilder()
    var builder = AutomatonBuilder()
    var info: [UInt32] = []
    var index: [String: Int] = [:]
    let fold = FoldCache(folding: SearchFoldTable.best)
    var scratch: [UInt32] = []
    var seenForEntity: Set<[UInt32]> = []
    var lastEntity = -1

    mutating func addEntity(_ e: LexiconEntity) -> Int {
        let i = store.add(id: e.id, type: e.type, kind: e.kind, english: e.english.isEmpty ? nil : e.english,
                          arabic: e.arabic.isEmpty ? nil : e.arabic, country: e.country.isEmpty ? nil : e.country, rank: e.rank)
        index[e.id] = i
        return i
    }

    mutating func addSurface(_ s: String, entity: Int, demonym: Bool) {
        scratch.removeAll(keepingCapacity: true)
        if !fold.fold(s, into: &scratch) {
            scratch = SearchFolding.shared.normalize(s).unicodeScalars.map(\.value)
        }
        addFolded(scratch, entity: entity, demonym: demonym)
    }

    mutating func addFolded(_ scalars: [UInt32], entity: Int, demonym: Bool) {
        if entity != lastEntity {
            seenForEntity.removeAll(keepingCapacity: true)
            lastEntity = entity
        }
        if !seenForEntity.insert(scalars).inserted { return }
        if builder.add(scalars: scalars) != nil {
            info.append(UInt32(entity) | (demonym ? Gazetteer.demonymFlag : 0))
        }
    }

    mutating func add(_ lex: Lexicon) throws(LexiconError) {
        var first = store.count
        for e in lex.entities {
            let i = addEntity(e)
            for s in [e.english, e.arabic] + e.englishVariants + e.arabicVariants where !s.isEmpty {
                addSurface(s, entity: i, demonym: false)
            }
        }
        _ = first
        first = 0
        for (k, d) in lex.demonyms.enumerated() {
            guard let i = index[d.entity] else {
                let r = lex.demonymRows[k]
                throw LexiconError(file: r.file, line: r.line, "unknown entity \(d.entity)")
            }
            for s in d.english + d.arabic { addSurface(s, entity: i, demonym: true) }
        }
    }

    /// Adds a compiled gazetteer's entities and surfaces, except the entities with the given ids.
    mutating func add(_ g: Gazetteer, except: Set<String>) {
        let es = g.entities
        var map = [Int](repeating: -1, count: es.count)
        for i in 0..<es.count where !except.contains(es.id(i)) {
            map[i] = store.add(id: es.id(i), type: es.type(i), kind: es.kind(i), english: es.english(i), arabic: es.arabic(i),
                               country: es.country(i), rank: es.rank(i))
            index[es.id(i)] = map[i]
        }
        for p in 0..<g.automaton.patternCount {
            let e = map[g.entity(ofPattern: p)]
            if e < 0 { continue }
            addFolded(g.automaton.pattern(p).unicodeScalars.map(\.value), entity: e, demonym: g.isDemonym(pattern: p))
        }
    }

    func build() -> Gazetteer {
        Gazetteer(automaton: builder.build(), entities: store.build(), patternInfo: info)
    }
}

extension Lexicon {
    /// The embedded default lexicon with its versions and manifest.
    public static func defaultCompiled() throws(LexiconError) -> CompiledLexicon {
        try DefaultLexicon.shared.compiled()
    }
}

/// The embedded lexicon, loaded once.
final class DefaultLexicon: @unchecked Sendable {
    static let shared = DefaultLexicon()
    private let result: Result<CompiledLexicon, LexiconError>

    private init() {
        guard let blob = EmbeddedData.blob(named: CompiledLexicon.blobName) else {
            result = .failure(LexiconError(file: "<embedded>", "this bitext was built without its default lexicon"))
            return
        }
        do {
            result = .success(try CompiledLexicon.load(blob, owner: nil, source: "<embedded lexicon>"))
        } catch {
            result = .failure(error)
        }
    }

    func get() throws(LexiconError) -> Gazetteer { try result.get().gazetteer }
    func compiled() throws(LexiconError) -> CompiledLexicon { try result.get() }
}
