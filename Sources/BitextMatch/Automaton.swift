// Automaton.swift — the compiled pattern trie: flat arrays in one aligned buffer.
import BitextCore

/// A set of patterns compiled into a trie over match keys (see ``MatchKey``), searched from
/// each word start by a ``Searcher``.
///
/// The trie is stored as flat arrays in one buffer — the same bytes whether it was just
/// built or loaded from a file or an embedded blob (``serialized``, ``init(serialized:)``),
/// so a compiled gazetteer loads without parsing. Nodes are numbered in depth-first
/// preorder with children in key-code order, so a node's first child is the next node:
/// the long single-child chains that make up most of a large trie are walked through
/// consecutive memory. Each node is one 32-bit word (its edge code and flags); a node with
/// several children points into a table of (code, child) pairs; the root and the nodes
/// right below it have dense tables. Immutable and thread-safe.
///
///     let a = Automaton(patterns: ["Benghazi", "بنغازي", "Fajr Libya", "Libya"])
///     a.find(in: "From Benghazi to وبنغازي")          // [5..<13 → [0], 17..<23 → [1]]
///     a.find(in: "Fajr Libya's leaders")               // [0..<10 → [2]]
///
/// - Complexity: building is O(total pattern length) after sorting the patterns; a search
///   is O(text length × the longest walk from a word start), in practice linear.
public final class Automaton: @unchecked Sendable {
    public let nodeCount: Int
    public let patternCount: Int
    let alphabetSize: Int
    let outputCount: Int
    let suppCount: Int
    let patBytesCount: Int
    let branchCount: Int

    /// Per node: the key code of the edge into it (bits 0–15) and, in the high 32 bits, its
    /// *info*: ``outputFlag``, ``kidsFlag``, ``multiFlag`` and a 29-bit field — for a node
    /// with several children, where its entry starts in ``branch``; else, for a node with
    /// outputs, where they start in ``outIds``.
    let rec: UnsafePointer<UInt64>
    /// Per output, ascending by node then pattern: the pattern index, ``lastOutputFlag`` on
    /// the last output of a node, ``asciiFlag`` when the pattern has an ASCII letter.
    let outIds: UnsafePointer<UInt32>
    /// Entries of nodes with several children: the count `m`, the start of the node's
    /// outputs (0 when it has none), `m` codes ascending, then per child its index and info.
    let branch: UnsafePointer<UInt32>
    let rootNext: UnsafePointer<UInt32>
    let bmpCodes: UnsafePointer<UInt16>
    let suppKeys: UnsafePointer<UInt32>
    let suppCodes: UnsafePointer<UInt16>
    let patStart: UnsafePointer<UInt32>
    let patBytes: UnsafePointer<UInt8>
    /// The code of the separator key (0 when no pattern has one).
    let separatorCode: UInt16

    /// The root's children as *states* (node index | info << 32), by code.
    let root: UnsafeMutablePointer<UInt64>
    /// Dense transitions of the root's children that have several children: the state
    /// reached from the root's child by `c` with `code` is `depth1[Int(depth1Row[c]) + code]`
    /// (row 0 is all zeros, for the other codes). Nil when too large.
    let depth1: UnsafeMutablePointer<UInt64>?
    let depth1Row: UnsafeMutablePointer<UInt32>

    /// The serialized form: exactly the bytes the arrays live in.
    public let serialized: UnsafeRawBufferPointer
    private let keepAlive: AnyObject?

    static let magic: UInt32 = 0x4341_5842  // "BXAC"
    static let formatVersion: UInt32 = 4
    static let headerWords = 10
    // Info bits.
    static let outputFlag: UInt32 = 1 << 31
    static let kidsFlag: UInt32 = 1 << 30
    static let multiFlag: UInt32 = 1 << 29
    static let fieldMask: UInt32 = (1 << 29) - 1
    // Output bits.
    static let asciiFlag: UInt32 = 1 << 31
    static let lastOutputFlag: UInt32 = 1 << 30
    static let patternMask: UInt32 = (1 << 30) - 1

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
                            supp: word(6), patBytes: word(7), branch: word(8))
        guard layout.nodes >= 1, layout.nodes <= Int(Self.fieldMask), layout.patterns <= Int(Self.patternMask),
              layout.alphabet <= 0xFFFF, word(9) == 0, layout.totalBytes == raw.count
        else { throw AutomatonFormatError("inconsistent sizes") }
        let v = AutomatonView(
            nodeCount: layout.nodes, patternCount: layout.patterns, alphabetSize: layout.alphabet,
            outputCount: layout.outputs, suppCount: layout.supp, patBytesCount: layout.patBytes, branchCount: layout.branch,
            rec: (base + layout.rec).assumingMemoryBound(to: UInt64.self),
            outIds: (base + layout.outIds).assumingMemoryBound(to: UInt32.self),
            branch: (base + layout.branchOffset).assumingMemoryBound(to: UInt32.self),
            rootNext: (base + layout.rootNext).assumingMemoryBound(to: UInt32.self),
            bmpCodes: (base + layout.bmpCodes).assumingMemoryBound(to: UInt16.self),
            suppKeys: (base + layout.suppKeys).assumingMemoryBound(to: UInt32.self),
            suppCodes: (base + layout.suppCodes).assumingMemoryBound(to: UInt16.self),
            patStart: (base + layout.patStart).assumingMemoryBound(to: UInt32.self),
            patBytes: (base + layout.patBytes_).assumingMemoryBound(to: UInt8.self))
        if validate { try v.check() }
        nodeCount = v.nodeCount
        patternCount = v.patternCount
        alphabetSize = v.alphabetSize
        outputCount = v.outputCount
        suppCount = v.suppCount
        patBytesCount = v.patBytesCount
        branchCount = v.branchCount
        rec = v.rec
        outIds = v.outIds
        branch = v.branch
        rootNext = v.rootNext
        bmpCodes = v.bmpCodes
        suppKeys = v.suppKeys
        suppCodes = v.suppCodes
        patStart = v.patStart
        patBytes = v.patBytes
        serialized = raw
        self.keepAlive = keepAlive
        separatorCode = MatchKey.separator < 0x10000 ? bmpCodes[Int(MatchKey.separator)] : 0
        // The root's children as states, and dense rows for those with several children.
        let width = alphabetSize + 1
        root = .allocate(capacity: width)
        depth1Row = .allocate(capacity: width)
        depth1Row.initialize(repeating: 0, count: width)
        var rows = 0
        for c in 0..<width {
            let s = Int(rootNext[c])
            root[c] = s == 0 ? 0 : UInt64(s) | rec[s] & 0xFFFF_FFFF_0000_0000
            if s != 0 && UInt32(truncatingIfNeeded: rec[s] >> 32) & Self.multiFlag != 0 { rows += 1 }
        }
        if rows > 0 && (rows + 1) * width <= 1 << 19 {
            let d = UnsafeMutablePointer<UInt64>.allocate(capacity: (rows + 1) * width)
            d.initialize(repeating: 0, count: (rows + 1) * width)
            var row = 0
            for c in 1..<width where root[c] != 0 {
                let info = UInt32(truncatingIfNeeded: root[c] >> 32)
                if info & Self.multiFlag == 0 { continue }
                row += 1
                depth1Row[c] = UInt32(row * width)
                let b = Int(info & Self.fieldMask), m = Int(branch[b])
                for k in 0..<m {
                    d[row * width + Int(branch[b + 2 + k])] = UnsafeRawPointer(branch + b + 2 + m + 2 * k).loadUnaligned(as: UInt64.self)
                }
            }
            depth1 = d
        } else {
            depth1 = nil
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

    deinit {
        root.deallocate()
        depth1?.deallocate()
        depth1Row.deallocate()
    }

    /// The state of child `k` of the branch entry at `b` (of `m` children).
    @inline(__always)
    func branchState(_ b: Int, _ m: Int, _ k: Int) -> UInt64 {
        UnsafeRawPointer(branch + b + 2 + m + 2 * k).loadUnaligned(as: UInt64.self)
    }

    /// The state reached from `state` (not the root) by `code`, or 0 when there is none.
    /// A state is a node index with its info in the high 32 bits.
    @inline(__always)
    func step(_ state: UInt64, _ code: UInt32) -> UInt64 {
        let info = UInt32(truncatingIfNeeded: state >> 32)
        if info & Self.multiFlag == 0 {
            // One child at most: the next node.
            guard info & Self.kidsFlag != 0 else { return 0 }
            let t = (state & 0xFFFF_FFFF) + 1
            let r = rec[Int(t)]
            return UInt32(truncatingIfNeeded: r) == code ? t | r & 0xFFFF_FFFF_0000_0000 : 0
        }
        let b = Int(info & Self.fieldMask)
        let m = Int(branch[b])
        let codes = branch + b + 2
        if m <= 8 {
            var k = 0
            while k < m {
                let c = codes[k]
                if c >= code { return c == code ? branchState(b, m, k) : 0 }
                k += 1
            }
            return 0
        }
        var lo = 0, hi = m
        while lo < hi {
            let mid = (lo + hi) >> 1
            if codes[mid] < code { lo = mid + 1 } else { hi = mid }
        }
        return lo < m && codes[lo] == code ? branchState(b, m, lo) : 0
    }

    /// The state reached from `state` by `code` (the root is state 0), or 0.
    @inline(__always)
    func next(_ state: UInt64, _ code: UInt16) -> UInt64 {
        if state == 0 { return root[Int(code)] }
        return step(state, UInt32(code))
    }

    /// True when the state's node has outputs.
    @inline(__always)
    static func hasOutput(_ state: UInt64) -> Bool { UInt32(truncatingIfNeeded: state >> 32) & outputFlag != 0 }

    /// Where the outputs of a state with outputs start in ``outIds`` (they run to the one
    /// with ``lastOutputFlag``).
    @inline(__always)
    func firstOutput(_ state: UInt64) -> Int {
        let info = UInt32(truncatingIfNeeded: state >> 32)
        return info & Self.multiFlag == 0 ? Int(info & Self.fieldMask) : Int(branch[Int(info & Self.fieldMask) + 1])
    }

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

/// The arrays of a serialized automaton, before they are trusted.
struct AutomatonView {
    let nodeCount, patternCount, alphabetSize, outputCount, suppCount, patBytesCount, branchCount: Int
    let rec: UnsafePointer<UInt64>
    let outIds, branch, rootNext: UnsafePointer<UInt32>
    let bmpCodes: UnsafePointer<UInt16>
    let suppKeys: UnsafePointer<UInt32>
    let suppCodes: UnsafePointer<UInt16>
    let patStart: UnsafePointer<UInt32>
    let patBytes: UnsafePointer<UInt8>

    /// Checks every index, so a search can never read out of bounds: each node's info
    /// is checked, and the copies of it in branch entries must equal it.
    func check() throws(AutomatonFormatError) {
        typealias A = Automaton
        let n = nodeCount
        func info(_ s: Int) -> UInt32 { UInt32(truncatingIfNeeded: rec[s] >> 32) }
        guard rec[0] & 0xFFFF == 0 else { throw AutomatonFormatError("bad root") }
        guard outputCount == 0 || outIds[outputCount - 1] & A.lastOutputFlag != 0 else {
            throw AutomatonFormatError("bad output table")
        }
        for s in 0..<n {
            let r = rec[s], f = info(s)
            guard r & 0xFFFF_0000 == 0, Int(r & 0xFFFF) <= alphabetSize, (s == 0) == (r & 0xFFFF == 0) else {
                throw AutomatonFormatError("node \(s): bad record")
            }
            let field = Int(f & A.fieldMask)
            var outStart = -1
            if f & A.multiFlag != 0 {
                guard s > 0, f & A.kidsFlag != 0, field < branchCount - 1 else { throw AutomatonFormatError("node \(s): bad branch") }
                let m = Int(branch[field])
                guard m >= 2, m <= (branchCount - field - 2) / 3 else { throw AutomatonFormatError("node \(s): bad branch") }
                var prev: UInt32 = 0
                for k in 0..<m {
                    let c = branch[field + 2 + k], t = Int(branch[field + 2 + m + 2 * k])
                    guard c > prev, Int(c) <= alphabetSize, t > s, t < n, rec[t] & 0xFFFF == c,
                          branch[field + 3 + m + 2 * k] == info(t)
                    else { throw AutomatonFormatError("node \(s): bad branch entry") }
                    prev = c
                }
                if f & A.outputFlag != 0 { outStart = Int(branch[field + 1]) } else if branch[field + 1] != 0 {
                    throw AutomatonFormatError("node \(s): bad branch")
                }
            } else {
                if f & A.kidsFlag != 0 {
                    guard s + 1 < n, rec[s + 1] & 0xFFFF != 0 else { throw AutomatonFormatError("node \(s): bad child") }
                }
                if f & A.outputFlag != 0 { outStart = field } else if field != 0 { throw AutomatonFormatError("node \(s): bad field") }
            }
            if outStart >= 0 {
                guard outStart < outputCount else { throw AutomatonFormatError("node \(s): bad outputs") }
            }
        }
        for k in 0..<outputCount {
            let o = outIds[k], id = Int(o & A.patternMask)
            guard o & ~(A.patternMask | A.lastOutputFlag | A.asciiFlag) == 0, id < patternCount else {
                throw AutomatonFormatError("bad output id")
            }
        }
        guard rootNext[0] == 0 else { throw AutomatonFormatError("bad root table") }
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
        for k in 0..<outputCount {
            let id = Int(outIds[k] & A.patternMask)
            let bytes = UnsafeBufferPointer(start: patBytes + Int(patStart[id]), count: Int(patStart[id + 1] - patStart[id]))
            guard (outIds[k] & A.asciiFlag != 0) == AutomatonBuilder.hasASCIILetter(bytes) else {
                throw AutomatonFormatError("bad output flags")
            }
        }
    }
}

/// Byte offsets of the arrays in a serialized automaton.
struct Layout {
    let nodes, patterns, alphabet, outputs, supp, patBytes, branch: Int
    let rec, outIds, rootNext, bmpCodes, suppKeys, suppCodes, patStart, patBytes_, branchOffset: Int
    let totalBytes: Int

    init(nodes: Int, patterns: Int, alphabet: Int, outputs: Int, supp: Int, patBytes: Int, branch: Int) {
        self.nodes = nodes
        self.patterns = patterns
        self.alphabet = alphabet
        self.outputs = outputs
        self.supp = supp
        self.patBytes = patBytes
        self.branch = branch
        func align(_ x: Int) -> Int { (x + 7) & ~7 }
        var o = Automaton.headerWords * 4
        rec = o; o = align(o + nodes * 8)
        outIds = o; o = align(o + outputs * 4)
        rootNext = o; o = align(o + (alphabet + 1) * 4)
        bmpCodes = o; o = align(o + 0x10000 * 2)
        suppKeys = o; o = align(o + supp * 4)
        suppCodes = o; o = align(o + supp * 2)
        patStart = o; o = align(o + (patterns + 1) * 4)
        patBytes_ = o; o = align(o + patBytes)
        // Last, so that the builder can fill it before knowing its size.
        branchOffset = o; o = align(o + branch * 4)
        totalBytes = o
    }
}
