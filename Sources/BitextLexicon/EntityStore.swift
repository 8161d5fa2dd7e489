// EntityStore.swift — the entities a gazetteer knows: ids, types, canonical spellings.

/// What kind of thing an entity is. Countries are places (their `kind` says `country`).
public enum EntityType: UInt8, Sendable, CaseIterable, CustomStringConvertible {
    case person = 1
    case place = 2
    case org = 3
    /// A line of an ad-hoc `--names` list.
    case name = 4

    public var description: String {
        switch self {
        case .person: "person"
        case .place: "place"
        case .org: "org"
        case .name: "name"
        }
    }

    public init?(name: String) {
        guard let t = Self.allCases.first(where: { $0.description == name }) else { return nil }
        self = t
    }
}

/// A table of entities stored as fixed-size records over one string pool — the same
/// layout in memory and in a compiled lexicon, so an embedded lexicon is used in place.
///
///     store.id(17)          // "geonames:88319"
///     store.english(17)     // "Benghazi"
///     store.arabic(17)      // "بنغازي"
///     store.type(17)        // .place
public final class EntityStore: @unchecked Sendable {
    public let count: Int
    /// `wordsPerRecord` UInt32 words per entity: id, en, ar, kind (offset and length each),
    /// type | country << 16, rank.
    let records: UnsafePointer<UInt32>
    let pool: UnsafePointer<UInt8>
    let poolCount: Int
    /// When set, entity `i` has the id `prefix` + `i` and no stored id.
    public let idPrefix: String?
    private let keepAlive: AnyObject?

    static let wordsPerRecord = 10

    init(count: Int, records: UnsafePointer<UInt32>, pool: UnsafePointer<UInt8>, poolCount: Int,
         idPrefix: String?, keepAlive: AnyObject?) {
        self.count = count
        self.records = records
        self.pool = pool
        self.poolCount = poolCount
        self.idPrefix = idPrefix
        self.keepAlive = keepAlive
    }

    @inline(__always)
    func word(_ i: Int, _ k: Int) -> Int { Int(records[i * Self.wordsPerRecord + k]) }

    @inline(__always)
    func field(_ i: Int, _ k: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: pool + word(i, 2 * k), count: word(i, 2 * k + 1))
    }

    /// UTF-8 of the stored id (empty when ids are generated from a prefix).
    public func idUTF8(_ i: Int) -> UnsafeBufferPointer<UInt8> { field(i, 0) }
    /// UTF-8 of the canonical English name (empty: none).
    public func englishUTF8(_ i: Int) -> UnsafeBufferPointer<UInt8> { field(i, 1) }
    /// UTF-8 of the canonical Arabic name (empty: none).
    public func arabicUTF8(_ i: Int) -> UnsafeBufferPointer<UInt8> { field(i, 2) }
    func kindUTF8(_ i: Int) -> UnsafeBufferPointer<UInt8> { field(i, 3) }

    public func id(_ i: Int) -> String {
        if let idPrefix { return idPrefix + String(i) }
        return String(decoding: idUTF8(i), as: UTF8.self)
    }
    public func english(_ i: Int) -> String? {
        let f = englishUTF8(i)
        return f.isEmpty ? nil : String(decoding: f, as: UTF8.self)
    }
    public func arabic(_ i: Int) -> String? {
        let f = arabicUTF8(i)
        return f.isEmpty ? nil : String(decoding: f, as: UTF8.self)
    }
    /// A finer kind: `city`, `country`, `subdivision`, `armed-group` … (empty: none).
    public func kind(_ i: Int) -> String { String(decoding: kindUTF8(i), as: UTF8.self) }
    public func type(_ i: Int) -> EntityType { EntityType(rawValue: UInt8(word(i, 8) & 0xFF)) ?? .name }
    /// ISO 3166-1 alpha-2 code of the entity's country, or nil.
    public func country(_ i: Int) -> String? {
        let c = word(i, 8) >> 16
        if c == 0 { return nil }
        return String(decoding: [UInt8(c >> 8), UInt8(c & 0xFF)], as: UTF8.self)
    }
    /// Prominence, for choosing among entities that share a spelling (higher first).
    public func rank(_ i: Int) -> Int { Int(Int32(bitPattern: records[i * Self.wordsPerRecord + 9])) }
}

/// Builds an ``EntityStore`` in memory.
struct EntityStoreBuilder {
    var records: [UInt32] = []
    var pool: [UInt8] = []
    var count: Int { records.count / EntityStore.wordsPerRecord }

    mutating func addString(_ s: String) -> (UInt32, UInt32) {
        var s = s
        let off = UInt32(pool.count)
        s.withUTF8 { pool.append(contentsOf: $0) }
        return (off, UInt32(pool.count) - off)
    }

    @discardableResult
    mutating func add(id: String, type: EntityType, kind: String, english: String?, arabic: String?,
                      country: String?, rank: Int) -> Int {
        let i = addString(id), e = addString(english ?? ""), a = addString(arabic ?? ""), k = addString(kind)
        var cc: UInt32 = 0
        if let country, country.utf8.count == 2 {
            let b = Array(country.utf8)
            cc = UInt32(b[0]) << 8 | UInt32(b[1])
        }
        records += [i.0, i.1, e.0, e.1, a.0, a.1, k.0, k.1, UInt32(type.rawValue) | cc << 16,
                    UInt32(bitPattern: Int32(clamping: rank))]
        return count - 1
    }

    func build(idPrefix: String? = nil) -> EntityStore {
        let r = UnsafeMutablePointer<UInt32>.allocate(capacity: max(records.count, 1))
        records.withUnsafeBufferPointer { if $0.count > 0 { r.initialize(from: $0.baseAddress!, count: $0.count) } }
        let p = UnsafeMutablePointer<UInt8>.allocate(capacity: max(pool.count, 1))
        pool.withUnsafeBufferPointer { if $0.count > 0 { p.initialize(from: $0.baseAddress!, count: $0.count) } }
        return EntityStore(count: count, records: r, pool: p, poolCount: pool.count, idPrefix: idPrefix,
                           keepAlive: OwnedBuffers(r, p))
    }
}

final class OwnedBuffers {
    let a: UnsafeMutablePointer<UInt32>
    let b: UnsafeMutablePointer<UInt8>
    init(_ a: UnsafeMutablePointer<UInt32>, _ b: UnsafeMutablePointer<UInt8>) {
        self.a = a
        self.b = b
    }
    deinit {
        a.deallocate()
        b.deallocate()
    }
}
