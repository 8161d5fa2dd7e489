// NameModel.swift — a read-only view of a compiled name model (the bytes of names.bin).
import BitextCore

/// A failure to read a compiled name model.
public struct NameModelError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What is wrong, with the section and offset when known.
    public var message: String
    /// An error with a message.
    public init(_ message: String) { self.message = message }
    /// "name model: " and the message.
    public var description: String { "name model: \(message)" }
}

/// A compiled name model: the word lexicon (Arabic name units with their attested Latin
/// spellings and counts per country), the reverse lexicon, particle forms, and the
/// character-level joint n-gram model. Built by `Scripts/names/build_names_model.py`;
/// the format is described there and in `Lexicons/names/README.md`.
///
/// The model reads the bytes where they are (no copy, no parsing beyond checking the
/// section table), so opening one is instant. It is immutable and thread-safe.
///
///     let model = try NameModel(bytes: blob)          // e.g. EmbeddedData.blob(named: "names")
///     model.unitIndex(of: "القذافي")                   // the lexicon entry, if known
///
/// The bytes must stay valid and unchanged while the model is in use (an embedded blob,
/// or an array the caller keeps alive with ``NameModel/init(owning:)``).
public final class NameModel: @unchecked Sendable {
    let base: UnsafeRawPointer
    let size: Int
    private let owned: UnsafeMutableRawPointer?

    // Sections (byte offsets into `base`) and element counts.
    let strs: Int
    let regn: Int, regionCount: Int
    let unit: Int, unitCount: Int
    let spel: Int, spellingCount: Int
    let rcnt: Int, regionCountCount: Int
    let revk: Int, reverseCount: Int
    let reve: Int, reverseEntryCount: Int
    let form: Int, formCount: Int
    let grph: Int, graphoneCount: Int
    let node: Int, nodeCount: Int
    let nent: Int, entryCount: Int
    let argl: Int, letterListCount: Int
    let ltgl: Int, chunkListCount: Int
    let glst: Int, graphoneListCount: Int

    /// n-gram order of the character model.
    public let order: Int
    /// The history node a name starts in, and the end-of-name graphone.
    let startNode: UInt32
    let endGraphone: UInt16
    /// Region (country) names, index 0 is "world".
    public let regions: [String]
    /// Total count per region (all spellings of all units).
    let regionTotals: [Double]
    let grandTotal: Double

    /// Opens a model over bytes that outlive it (an embedded blob).
    public convenience init(bytes: UnsafeRawBufferPointer) throws(NameModelError) {
        try self.init(base: bytes.baseAddress, size: bytes.count, owned: nil)
    }

    /// Opens a model over a copy of `bytes` that the model keeps.
    public convenience init(owning bytes: [UInt8]) throws(NameModelError) {
        let p = UnsafeMutableRawPointer.allocate(byteCount: max(bytes.count, 1), alignment: 16)
        bytes.withUnsafeBytes { if let b = $0.baseAddress { p.copyMemory(from: b, byteCount: bytes.count) } }
        do {
            try self.init(base: UnsafeRawPointer(p), size: bytes.count, owned: p)
        } catch {
            p.deallocate()
            throw error
        }
    }

    deinit {
        owned?.deallocate()
        lmSlots?.deallocate()
    }

    private init(base: UnsafeRawPointer?, size: Int, owned: UnsafeMutableRawPointer?) throws(NameModelError) {
        guard let base, size >= 16 else { throw NameModelError("too short (\(size) bytes)") }
        self.base = base
        self.size = size
        self.owned = owned
        let magic = Array(UnsafeRawBufferPointer(start: base, count: 8))
        guard magic == Array("BXNAMES1".utf8) else { throw NameModelError("not a bitext name model (bad magic)") }
        let version = base.loadUnaligned(fromByteOffset: 8, as: UInt32.self)
        guard version == 1 else { throw NameModelError("unsupported format version \(version)") }
        let n = Int(base.loadUnaligned(fromByteOffset: 12, as: UInt32.self))
        guard n < 64, 16 + 12 * n <= size else { throw NameModelError("bad section table") }
        var table: [String: (Int, Int)] = [:]
        for i in 0..<n {
            let at = 16 + 12 * i
            let tag = String(decoding: UnsafeRawBufferPointer(start: base + at, count: 4), as: UTF8.self)
            let off = Int(base.loadUnaligned(fromByteOffset: at + 4, as: UInt32.self))
            let len = Int(base.loadUnaligned(fromByteOffset: at + 8, as: UInt32.self))
            guard off % 8 == 0, off + len <= size else {
                throw NameModelError("section \(tag) at \(off)+\(len) is outside the \(size) bytes")
            }
            table[tag] = (off, len)
        }
        func section(_ tag: String, _ stride: Int) throws(NameModelError) -> (Int, Int) {
            guard let (off, len) = table[tag] else { throw NameModelError("missing section \(tag)") }
            guard len % stride == 0 else { throw NameModelError("section \(tag): \(len) bytes is not a multiple of \(stride)") }
            return (off, len / stride)
        }
        var c = 0
        (strs, c) = try section("STRS", 1)
        let stringBytes = c
        var meta = 0
        (meta, c) = try section("META", 16)
        guard c == 1 else { throw NameModelError("section META: expected 16 bytes") }
        (regn, regionCount) = try section("REGN", 12)
        (unit, unitCount) = try section("UNIT", 12)
        (spel, spellingCount) = try section("SPEL", 12)
        (rcnt, regionCountCount) = try section("RCNT", 4)
        (revk, reverseCount) = try section("REVK", 12)
        (reve, reverseEntryCount) = try section("REVE", 8)
        (form, formCount) = try section("FORM", 24)
        (grph, graphoneCount) = try section("GRPH", 12)
        (node, nodeCount) = try section("NODE", 12)
        (nent, entryCount) = try section("NENT", 8)
        (argl, letterListCount) = try section("ARGL", 12)
        (ltgl, chunkListCount) = try section("LTGL", 16)
        (glst, graphoneListCount) = try section("GLST", 4)
        order = Int(base.loadUnaligned(fromByteOffset: meta, as: UInt32.self))
        startNode = base.loadUnaligned(fromByteOffset: meta + 4, as: UInt32.self)
        endGraphone = UInt16(truncatingIfNeeded: base.loadUnaligned(fromByteOffset: meta + 8, as: UInt32.self))
        let metaRegions = Int(base.loadUnaligned(fromByteOffset: meta + 12, as: UInt32.self))
        guard order >= 1, order <= 8, metaRegions == regionCount, regionCount >= 1, regionCount < 256,
              nodeCount >= 2, Int(startNode) < nodeCount - 1, Int(endGraphone) < graphoneCount
        else { throw NameModelError("inconsistent header values") }

        // Check every reference once, so that lookups never need to.
        // (the message is made only when a check fails: the tables have a million rows)
        func checkString(_ off: UInt32, _ len: Int, _ what: @autoclosure () -> String) throws(NameModelError) {
            guard Int(off) + len <= stringBytes else { throw NameModelError("\(what()): string outside the pool") }
        }
        var regs: [String] = []
        var totals: [Double] = []
        for i in 0..<regionCount {
            let at = regn + 12 * i
            let o = base.loadUnaligned(fromByteOffset: at, as: UInt32.self)
            let l = Int(base.loadUnaligned(fromByteOffset: at + 4, as: UInt32.self))
            try checkString(o, l, "region \(i)")
            regs.append(String(decoding: UnsafeRawBufferPointer(start: base + strs + Int(o), count: l), as: UTF8.self))
            totals.append(Double(base.loadUnaligned(fromByteOffset: at + 8, as: UInt32.self)))
        }
        regions = regs
        regionTotals = totals
        grandTotal = max(1, totals.reduce(0, +))
        // rows of (u32 string offset, u16 length, u16 count, u32 first): units, spellings, reverse keys
        func checkRows(_ table: Int, _ count: Int, _ what: String, refersTo limit: Int) throws(NameModelError) {
            for i in 0..<count {
                let at = table + 12 * i
                try checkString(base.loadUnaligned(fromByteOffset: at, as: UInt32.self),
                                Int(base.loadUnaligned(fromByteOffset: at + 4, as: UInt16.self)), "\(what) \(i)")
                let n = Int(base.loadUnaligned(fromByteOffset: at + 6, as: UInt16.self))
                let first = Int(base.loadUnaligned(fromByteOffset: at + 8, as: UInt32.self))
                guard first + n <= limit else { throw NameModelError("\(what) \(i): entries out of range") }
            }
        }
        try checkRows(unit, unitCount, "unit", refersTo: spellingCount)
        try checkRows(spel, spellingCount, "spelling", refersTo: regionCountCount)
        try checkRows(revk, reverseCount, "reverse key", refersTo: reverseEntryCount)
        for i in 0..<regionCountCount {
            let v = base.loadUnaligned(fromByteOffset: rcnt + 4 * i, as: UInt32.self)
            guard Int(v >> 24) < regionCount else { throw NameModelError("region count \(i): bad region") }
        }
        for i in 0..<reverseEntryCount {
            guard Int(base.loadUnaligned(fromByteOffset: reve + 8 * i, as: UInt32.self)) < unitCount else {
                throw NameModelError("reverse entry \(i): unit out of range")
            }
        }
        for i in 0..<formCount {
            let at = form + 24 * i
            guard base.loadUnaligned(fromByteOffset: at, as: UInt32.self) <= 1,
                  Int(base.loadUnaligned(fromByteOffset: at + 4, as: UInt32.self)) < regionCount
            else { throw NameModelError("form \(i): bad kind or region") }
            try checkString(base.loadUnaligned(fromByteOffset: at + 12, as: UInt32.self),
                            Int(base.loadUnaligned(fromByteOffset: at + 16, as: UInt32.self)), "form \(i)")
        }
        for i in 0..<graphoneCount {
            let at = grph + 12 * i
            try checkString(base.loadUnaligned(fromByteOffset: at + 4, as: UInt32.self),
                            Int(base.loadUnaligned(fromByteOffset: at + 8, as: UInt32.self)), "graphone \(i)")
        }
        var previous = 0
        for i in 0..<nodeCount {
            let at = node + 12 * i
            let first = Int(base.loadUnaligned(fromByteOffset: at, as: UInt32.self))
            guard first >= previous, first <= entryCount else { throw NameModelError("node \(i): entries out of order") }
            previous = first
            guard Int(base.loadUnaligned(fromByteOffset: at + 8, as: UInt32.self)) < nodeCount else {
                throw NameModelError("node \(i): parent out of range")
            }
        }
        guard previous == entryCount else { throw NameModelError("the node table does not close the entries") }
        for i in 0..<entryCount {
            let at = nent + 8 * i
            guard Int(base.loadUnaligned(fromByteOffset: at, as: UInt16.self)) < graphoneCount,
                  Int(base.loadUnaligned(fromByteOffset: at + 4, as: UInt32.self)) < nodeCount - 1
            else { throw NameModelError("n-gram entry \(i) out of range") }
        }
        for i in 0..<letterListCount {
            let at = argl + 12 * i
            let first = Int(base.loadUnaligned(fromByteOffset: at + 4, as: UInt32.self))
            let n = Int(base.loadUnaligned(fromByteOffset: at + 8, as: UInt32.self))
            guard first + n <= graphoneListCount else { throw NameModelError("letter list \(i) out of range") }
        }
        for i in 0..<chunkListCount {
            let at = ltgl + 16 * i
            try checkString(base.loadUnaligned(fromByteOffset: at, as: UInt32.self),
                            Int(base.loadUnaligned(fromByteOffset: at + 4, as: UInt32.self)), "chunk \(i)")
            let first = Int(base.loadUnaligned(fromByteOffset: at + 8, as: UInt32.self))
            let n = Int(base.loadUnaligned(fromByteOffset: at + 12, as: UInt32.self))
            guard first + n <= graphoneListCount else { throw NameModelError("chunk list \(i) out of range") }
        }
        for i in 0..<graphoneListCount {
            guard Int(base.loadUnaligned(fromByteOffset: glst + 4 * i, as: UInt32.self)) < graphoneCount else {
                throw NameModelError("graphone list entry \(i) out of range")
            }
        }
        letterTable = Self.buildLetterTable(base: base, argl: argl, count: letterListCount, glst: glst)
        particleForms = Self.readForms(self)
        rootTable = Self.buildRootTable(self)
        (lmSlots, lmMask, lmShift, lmGraphoneBits, lmNodeBits) = Self.buildEntryIndex(self)
    }

    /// The n-gram entries of the nodes with many (more than ``lmIndexedFanout``), by
    /// (history node, graphone), for ``lmEntry(_:_:)``: open addressing, about a quarter
    /// full. A slot packs the key + 1 (0: empty), the entry's quantized log probability and
    /// the node it leads to, so a lookup reads one slot instead of searching hundreds of
    /// entries; nil when they do not fit in 64 bits. (A node with few entries is searched:
    /// they share a cache line or two.)
    private(set) var lmSlots: UnsafeMutablePointer<UInt64>? = nil
    private(set) var lmMask = 0
    private(set) var lmShift: UInt64 = 0
    private(set) var lmGraphoneBits: UInt64 = 0
    private(set) var lmNodeBits: UInt64 = 0
    static let lmIndexedFanout = 16

    private static func bits(for n: UInt64) -> UInt64 {
        var b: UInt64 = 1
        while (1 << b) <= n { b += 1 }
        return b
    }

    private static func buildEntryIndex(_ m: NameModel) -> (UnsafeMutablePointer<UInt64>?, Int, UInt64, UInt64, UInt64) {
        let gBits = bits(for: UInt64(m.graphoneCount))
        let nodeBits = bits(for: UInt64(m.nodeCount))
        let keyBits = bits(for: UInt64(m.nodeCount) << gBits + 1)
        guard m.entryCount > 0, keyBits + 16 + nodeBits <= 64 else { return (nil, 0, 0, 0, 0) }
        var indexed = 0
        for n in 0..<(m.nodeCount - 1) {
            let count = Int(m.u32(m.node + 12 * n + 12)) - Int(m.u32(m.node + 12 * n))
            if count > lmIndexedFanout { indexed += count }
        }
        guard indexed > 0 else { return (nil, 0, 0, 0, 0) }
        var tableBits: UInt64 = 4
        while (1 << tableBits) < 3 * indexed { tableBits += 1 }
        let capacity = 1 << Int(tableBits)
        let slots = UnsafeMutablePointer<UInt64>.allocate(capacity: capacity)
        slots.initialize(repeating: 0, count: capacity)
        let mask = capacity - 1
        for n in 0..<(m.nodeCount - 1) {
            let at = m.node + 12 * n
            let entries = Int(m.u32(at))..<Int(m.u32(at + 12))
            if entries.count <= lmIndexedFanout { continue }
            for e in entries {
                let entry = m.nent + 8 * e
                let key = UInt64(n) << gBits | UInt64(m.u16(entry))
                var h = Int(truncatingIfNeeded: ((key &+ 1) &* 0x9E37_79B9_7F4A_7C15) >> (64 - tableBits))
                while slots[h] != 0 { h = (h + 1) & mask }
                slots[h] = (key + 1) << (16 + nodeBits) | UInt64(m.u16(entry + 2)) << nodeBits | UInt64(m.u32(entry + 4))
            }
        }
        return (slots, mask, 64 - tableBits, gBits, nodeBits)
    }

    /// Particle forms by (kind, region, sun); see ``forms(kind:region:sun:)``.
    private(set) var particleForms: [[(form: String, count: Double)]] = []
    /// log P(g) and the next node for every graphone at the root (no history): a dense table,
    /// since the root is where most backoffs end.
    private(set) var rootTable: [(logp: Float, next: UInt32)] = []

    /// Graphone lists by Arabic letter, for the letters U+0600–U+06FF (index scalar - 0x600).
    let letterTable: [(first: Int32, count: Int32)]

    private static func buildLetterTable(base: UnsafeRawPointer, argl: Int, count: Int, glst: Int) -> [(first: Int32, count: Int32)] {
        var t = [(first: Int32, count: Int32)](repeating: (0, 0), count: 0x100)
        for i in 0..<count {
            let at = argl + 12 * i
            let scalar = base.loadUnaligned(fromByteOffset: at, as: UInt32.self)
            guard (0x600..<0x700).contains(scalar) else { continue }
            t[Int(scalar - 0x600)] = (Int32(base.loadUnaligned(fromByteOffset: at + 4, as: UInt32.self)),
                                      Int32(base.loadUnaligned(fromByteOffset: at + 8, as: UInt32.self)))
        }
        return t
    }

    // MARK: - Raw access

    @inline(__always) func u32(_ at: Int) -> UInt32 { base.loadUnaligned(fromByteOffset: at, as: UInt32.self) }
    @inline(__always) func u16(_ at: Int) -> UInt16 { base.loadUnaligned(fromByteOffset: at, as: UInt16.self) }
    @inline(__always) func f32(_ at: Int) -> Float { base.loadUnaligned(fromByteOffset: at, as: Float.self) }

    @inline(__always) func bytes(_ off: UInt32, _ len: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: base + strs + Int(off), count: len)
    }

    func string(_ off: UInt32, _ len: Int) -> String {
        String(decoding: bytes(off, len), as: UTF8.self)
    }
}

/// Lexicographic comparison of UTF-8 bytes (the order the builder sorts keys in).
@inline(__always)
func compareBytes(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
    let n = min(a.count, b.count)
    if n > 0 {
        let c = memcmpBytes(a.baseAddress!, b.baseAddress!, n)
        if c != 0 { return c }
    }
    return a.count - b.count
}

@inline(__always)
private func memcmpBytes(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ n: Int) -> Int {
    var i = 0
    while i < n {
        let x = a.load(fromByteOffset: i, as: UInt8.self)
        let y = b.load(fromByteOffset: i, as: UInt8.self)
        if x != y { return Int(x) - Int(y) }
        i += 1
    }
    return 0
}
