// Automaton.swift — the compiled pattern trie: flat arrays in one aligned buffer.
import BitextCore

/// A set of patterns compiled into a trie over match keys (see ``MatchKey``), searched from
/// each word start by a ``Searcher``.
///
/// The trie is stored as flat arrays in one buffer — the same bytes whether it was just
/// built or loaded from a file or an embedded blob (``serialized``, ``init(serialized:)``),
/// so a compiled gazetteer loads without parsing. Nodes are numbered breadth-first, so
/// the children of a node are consecutive and sorted by key code; the root has a dense
/// table. Immutable and thread-safe.
///
///     let a = Automaton(patterns: ["Benghazi", "بنغازي", "Fajr Libya", "Libya"])
///     a.find(in: "From Benghazi to وبنغازي")          // [5..<13 → [0], 17..<23 → [1]]
///     a.find(in: "Fajr Libya's leaders")               // [0..<10 → [2]]
///
/// - Complexity: building is O(total pattern length); a search is O(text length × the
///   longest walk from a word start), in practice linear.
public final class Automaton: @unchecked Sendable {
    public let nodeCount: Int
    public let patternCount: Int
    let alphabetSize: Int
    let outputCount: Int
    let suppCount: Int
    let patBytesCount: Int

    /// Per node, interleaved: the first child (children are consecutive) and the first
    /// output, so one cache line serves a step; node `s`'s ranges end where `s + 1`'s begin.
    let nodes: UnsafePointer<UInt32>
    /// The key code of the edge into each node, and in bit 31 whether the node has outputs
    /// (read with the code during a step, so a step costs one cache line less).
    let codes: UnsafePointer<UInt32>
    let outIds: UnsafePointer<UInt32>
    let rootNext: UnsafePointer<UInt32>
    let bmpCodes: UnsafePointer<UInt16>
    let suppKeys: UnsafePointer<UInt32>
    let suppCodes: UnsafePointer<UInt16>
    let patStart: UnsafePointer<UInt32>
    let patBytes: UnsafePointer<UInt8>
    /// The code of the separator key (0 when no pattern has one).
    let separatorCode: UInt16

    /// Dense transitions of the root's children (nodes 1...rootChildren, breadth-first):
    /// `depth1[(s - 1) * (alphabetSize + 1) + code]`, the step most walks take after the root.
    /// Empty when it would be too large.
    let depth1: UnsafeMutablePointer<UInt32>?
    let rootChildren: Int

    /// The serialized form: exactly the bytes the arrays live in.
    public let serialized: UnsafeRawBufferPointer
    private let keepAlive: AnyObject?

    static let magic: UInt32 = 0x4341_5842  // "BXAC"
    static let formatVersion: UInt32 = 3
    static let outputFlag: UInt32 = 1 << 31
    static let headerWords = 8

    /// Compiles `patterns` as they are (no normalization besides the match key).
    /// Empty patterns are skipped; pattern `i` of the result is `patterns[i]` when none is.
    public convenience init(patterns: [String]) {
        var b = AutomatonBuilder()
        for p in patterns { b.add(p) }
        self.init(built: b.serializedBytes())
    }

    convenience init(built bytes: UnsafeMutableRawBufferPointer) {
        // Built by us: trusted layout.
        try! self.init(raw: UnsafeRawBufferPointer(bytes), keepAlive: RawMemory(bytes.baseAddress!), validate: false)
    }

    /// Loads a serialized automaton without copying it; `owner` keeps the memory alive
    /// (nil for memory that lives as long as the process, such as an embedded blob).
    /// The layout is checked, so corrupt bytes give an error, never a crash.
    public convenience init(serialized bytes: UnsafeRawBufferPointer, owner: AnyObject?) throws(AutomatonFormatError) {
        try self.init(raw: bytes, keepAlive: owner, validate: true)
    }

    /// Loads a copy of serialized bytes.
    public convenience init(copying bytes: [UInt8]) throws(AutomatonFormatError) {
        let m = UnsafeMutableRawPointer.allocate(byteCount: max(bytes.count, 1), alignment: 16)
        bytes.withUnsafeBytes { if $0.count > 0 { m.copyMemory(from: $0.baseAddress!, byteCount: $0.count) } }
        // The memory belongs to `RawMemory`, released with it whether or not the init succeeds.
        try self.init(raw: UnsafeRawBufferPointer(start: m, count: bytes.count), keepAlive: RawMemory(m), validate: true)
    }

    private init(raw: UnsafeRawBufferPointer, keepAlive: AnyObject?, validate: Bool) throws(AutomatonFormatError) {
        guard let base = raw.baseAddress, raw.count >= Self.headerWords * 4,
              Int(bitPattern: base) % 8 == 0
        else { throw AutomatonFormatError("too short or misaligned (\(raw.count) bytes)") }
        func word(_ k: Int) -> Int { Int(base.load(fromByteOffset: k * 4, as: UInt32.self)) }
        guard word(0) == Int(Self.magic) else { throw AutomatonFormatError("not a bitext automaton (bad magic)") }
        guard word(1) == Int(Self.formatVersion) else {
            throw AutomatonFormatError("automaton format \(word(1)), this bitext reads \(Self.formatVersion)")
        }
        let layout = Layout(nodes: word(2), patterns: word(3), alphabet: word(4), outputs: word(5),
                            supp: word(6), patBytes: word(7))
        guard layout.nodes >= 1, layout.alphabet <= 0xFFFF, layout.totalBytes == raw.count else {
            throw AutomatonFormatError("inconsistent sizes")
        }
        nodeCount = layout.nodes
        patternCount = layout.patterns
        alphabetSize = layout.alphabet
        outputCount = layout.outputs
        suppCount = layout.supp
        patBytesCount = layout.patBytes
        nodes = (base + layout.nodesOffset).assumingMemoryBound(to: UInt32.self)
        codes = (base + layout.codes).assumingMemoryBound(to: UInt32.self)
        outIds = (base + layout.outIds).assumingMemoryBound(to: UInt32.self)
        rootNext = (base + layout.rootNext).assumingMemoryBound(to: UInt32.self)
        bmpCodes = (base + layout.bmpCodes).assumingMemoryBound(to: UInt16.self)
        suppKeys = (base + layout.suppKeys).assumingMemoryBound(to: UInt32.self)
        suppCodes = (base + layout.suppCodes).assumingMemoryBound(to: UInt16.self)
        patStart = (base + layout.patStart).assumingMemoryBound(to: UInt32.self)
        patBytes = (base + layout.patBytes_).assumingMemoryBound(to: UInt8.self)
        serialized = raw
        self.keepAlive = keepAlive
        separatorCode = MatchKey.separator < 0x10000 ? bmpCodes[Int(MatchKey.separator)] : 0
        rootChildren = nodeCount > 1 ? Int(nodes[2]) - 1 : 0  // node 1's children start after the root's
        let width = alphabetSize + 1
        if rootChildren > 0 && rootChildren * width <= 4 << 20 {
            depth1 = .allocate(capacity: rootChildren * width)
        } else {
            depth1 = nil
        }
        if validate { try check() }
        if let d = depth1 {
            d.initialize(repeating: 0, count: rootChildren * width)
            for s in 1...rootChildren {
                for k in Int(nodes[2 * s])..<Int(nodes[2 * s + 2]) {
                    d[(s - 1) * width + Int(codes[k] & 0xFFFF)] = UInt32(k)
                }
            }
        }
    }

    /// Checks every index, so a search can never read out of bounds.
    private func check() throws(AutomatonFormatError) {
        let n = nodeCount
        guard childBase(0) == 1, Int(childBase(n)) == n else { throw AutomatonFormatError("bad node table") }
        for s in 0..<n {
            let lo = Int(childBase(s)), hi = Int(childBase(s + 1))
            guard lo <= hi, hi <= n, lo > s || lo == hi else { throw AutomatonFormatError("node \(s): bad child range") }
            var prev = 0
            for k in lo..<hi {
                let c = Int(codes[k] & 0xFFFF)
                guard c > prev, c <= alphabetSize, codes[k] & 0x7FFF_0000 == 0 else {
                    throw AutomatonFormatError("node \(s): bad child codes")
                }
                guard (codes[k] & Self.outputFlag != 0) == (outBase(k) != outBase(k + 1)) else {
                    throw AutomatonFormatError("node \(k): output flag disagrees with its outputs")
                }
                prev = c
            }
            guard outBase(s) <= outBase(s + 1), Int(outBase(s + 1)) <= outputCount else {
                throw AutomatonFormatError("node \(s): bad outputs")
            }
        }
        guard outBase(0) == 0 else { throw AutomatonFormatError("bad output table") }
        for k in 0..<outputCount where Int(outIds[k]) >= patternCount { throw AutomatonFormatError("bad output id") }
        for c in 0...alphabetSize where Int(rootNext[c]) >= n { throw AutomatonFormatError("bad root table") }
        for k in 0..<0x10000 where Int(bmpCodes[k]) > alphabetSize { throw AutomatonFormatError("bad alphabet") }
        for k in 0..<suppCount {
            guard Int(suppCodes[k]) <= alphabetSize, k == 0 || suppKeys[k] > suppKeys[k - 1] else {
                throw AutomatonFormatError("bad supplementary alphabet")
            }
        }
        guard patStart[0] == 0 else { throw AutomatonFormatError("bad pattern table") }
        for k in 0..<patternCount where patStart[k] > patStart[k + 1] { throw AutomatonFormatError("bad pattern table") }
        guard Int(patStart[patternCount]) == patBytesCount else { throw AutomatonFormatError("bad pattern table end") }
        if UTF8Validation.firstError(in: UnsafeBufferPointer(start: patBytes, count: patBytesCount)) != nil {
            throw AutomatonFormatError("patterns are not valid UTF-8")
        }
    }

    // MARK: - Lookups

    /// The code of a match key (0: no pattern uses it).
    @inline(__always)
    func code(forKey k: UInt32) -> UInt16 {
        if k < 0x10000 { return bmpCodes[Int(k)] }
        var lo = 0, hi = suppCount
        while lo < hi {
            let mid = (lo + hi) >> 1
            if suppKeys[mid] < k { lo = mid + 1 } else { hi = mid }
        }
        return lo < suppCount && suppKeys[lo] == k ? suppCodes[lo] : 0
    }

    @inline(__always) func childBase(_ s: Int) -> UInt32 { nodes[2 * s] }
    @inline(__always) func outBase(_ s: Int) -> UInt32 { nodes[2 * s + 1] }

    deinit { depth1?.deallocate() }

    /// The node reached from `s` by `code`, or 0 when there is none.
    @inline(__always)
    func next(_ s: UInt32, _ code: UInt16) -> UInt32 {
        if s == 0 { return rootNext[Int(code)] }
        if let d = depth1, Int(s) <= rootChildren { return d[(Int(s) - 1) * (alphabetSize + 1) + Int(code)] }
        var lo = Int(nodes[2 * Int(s)])
        var hi = Int(nodes[2 * Int(s) + 2])
        let want = UInt32(code)
        if hi - lo <= 8 {
            while lo < hi {
                let c = codes[lo] & 0xFFFF
                if c == want { return UInt32(lo) }
                if c > want { return 0 }
                lo += 1
            }
            return 0
        }
        while lo < hi {
            let mid = (lo + hi) >> 1
            if codes[mid] & 0xFFFF < want { lo = mid + 1 } else { hi = mid }
        }
        return lo < Int(nodes[2 * Int(s) + 2]) && codes[lo] & 0xFFFF == want ? UInt32(lo) : 0
    }

    @inline(__always)
    func hasOutput(_ s: UInt32) -> Bool { codes[Int(s)] & Self.outputFlag != 0 }

    @inline(__always)
    func outputs(_ s: UInt32) -> Range<Int> { Int(nodes[2 * Int(s) + 1])..<Int(nodes[2 * Int(s) + 3]) }

    /// Pattern `i` as stored (trimmed, separator runs collapsed), as UTF-8.
    public func patternUTF8(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        precondition(i >= 0 && i < patternCount, "pattern index out of range")
        return UnsafeBufferPointer(start: patBytes + Int(patStart[i]), count: Int(patStart[i + 1] - patStart[i]))
    }

    /// Pattern `i` as stored.
    public func pattern(_ i: Int) -> String { String(decoding: patternUTF8(i), as: UTF8.self) }

    /// Every match of the patterns in `text`, with the patterns matched at each place
    /// (text taken as already normalized).
    ///
    ///     Automaton(patterns: ["مصر"]).find(in: "مصرف مصر")   // [5..<8 → [0]]
    public func find(in text: String, options: MatchOptions = MatchOptions()) -> [FoundMatch] {
        let s = Searcher(automaton: self, folding: IdentityFolding(), options: options)
        return s.find(in: text)
    }
}

/// A match with its patterns, from the simple door ``Automaton/find(in:options:)``.
public struct FoundMatch: Equatable, Sendable, CustomStringConvertible {
    /// Unicode scalar offsets in the text searched.
    public var range: Range<Int>
    /// Indices of the patterns that match there, ascending.
    public var patterns: [Int]

    public init(range: Range<Int>, patterns: [Int]) {
        self.range = range
        self.patterns = patterns
    }

    public var description: String { "\(range.lowerBound)..<\(range.upperBound) → \(patterns)" }
}

/// Heap memory that lives as long as the automaton using it.
final class RawMemory {
    let pointer: UnsafeMutableRawPointer
    init(_ p: UnsafeMutableRawPointer) { pointer = p }
    deinit { pointer.deallocate() }
}

/// A serialized automaton that cannot be read.
public struct AutomatonFormatError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { "invalid automaton: \(message)" }
}

/// Byte offsets of the arrays in a serialized automaton.
struct Layout {
    let nodes, patterns, alphabet, outputs, supp, patBytes: Int
    let nodesOffset, codes, outIds, rootNext, bmpCodes, suppKeys, suppCodes, patStart, patBytes_: Int
    let totalBytes: Int

    init(nodes: Int, patterns: Int, alphabet: Int, outputs: Int, supp: Int, patBytes: Int) {
        self.nodes = nodes
        self.patterns = patterns
        self.alphabet = alphabet
        self.outputs = outputs
        self.supp = supp
        self.patBytes = patBytes
        func align(_ x: Int) -> Int { (x + 7) & ~7 }
        var o = Automaton.headerWords * 4
        nodesOffset = o; o = align(o + (nodes + 1) * 8)
        codes = o; o = align(o + nodes * 4)
        outIds = o; o = align(o + outputs * 4)
        rootNext = o; o = align(o + (alphabet + 1) * 4)
        bmpCodes = o; o = align(o + 0x10000 * 2)
        suppKeys = o; o = align(o + supp * 4)
        suppCodes = o; o = align(o + supp * 2)
        patStart = o; o = align(o + (patterns + 1) * 4)
        patBytes_ = o; o = align(o + patBytes)
        totalBytes = o
    }
}
