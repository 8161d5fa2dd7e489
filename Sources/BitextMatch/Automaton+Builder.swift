// Automaton+Builder.swift — building the trie, then laying it out breadth-first.

/// Collects patterns and compiles them into an ``Automaton``.
///
/// A pattern is taken as already normalized. It is trimmed of leading characters that
/// are not part of a word and of trailing separators, and runs of separators inside it
/// count as one (`"  Fajr   Libya "` is stored as `Fajr Libya`).
///
///     var b = AutomatonBuilder()
///     b.add("Tripoli")     // 0
///     b.add("طرابلس")      // 1
///     b.add("  ")          // nil: nothing to match
///     let a = b.build()
public struct AutomatonBuilder {
    // Alphabet: match key → code (1-based).
    private var bmp: [UInt16] = Array(repeating: 0, count: 0x10000)
    private var supp: [UInt32: UInt16] = [:]
    private var codeCount = 0
    // Build-time trie: first-child / next-sibling lists; the root's children by code.
    private var nodes = BuildNodes()
    private var rootChild: [Int32] = [-1]
    /// (parent << 16 | code) → child, open addressing, for nodes below the root.
    private var childKeys: [UInt64] = Array(repeating: .max, count: 1 << 12)
    private var childValues: [Int32] = Array(repeating: -1, count: 1 << 12)
    private var childCount = 0
    private var outPattern: [Int32] = []
    private var outNext: [Int32] = []
    // Patterns, as stored.
    private var patStart: [UInt32] = [0]
    private var patBytes: [UInt8] = []
    private var scratch: [UInt32] = []

    public init() {}

    /// Reserves room for about `scalars` pattern scalars in total (saves regrowing the tables).
    public mutating func reserveCapacity(scalars: Int) {
        unshare()
        nodes.reserve(scalars)
        patBytes.reserveCapacity(scalars * 2)
    }

    /// Copy on write for the node storage (a class, for speed).
    private mutating func unshare() {
        if !isKnownUniquelyReferenced(&nodes) { nodes = nodes.copy() }
    }

    /// Number of patterns added.
    public var count: Int { patStart.count - 1 }

    /// Adds a pattern; returns its index, or nil when nothing of it is left to match.
    @discardableResult
    public mutating func add(_ pattern: String) -> Int? {
        scratch.removeAll(keepingCapacity: true)
        for u in pattern.unicodeScalars { scratch.append(u.value) }
        return addScratch()
    }

    /// Adds a pattern given as a buffer of scalars (already normalized); the fast door for
    /// callers that compile many patterns.
    @discardableResult
    public mutating func add(scalars: UnsafeBufferPointer<UInt32>) -> Int? {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: scalars)
        return addScratch()
    }

    /// Adds a pattern given as scalars (already normalized).
    @discardableResult
    public mutating func add(scalars: some Sequence<UInt32>) -> Int? {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: scalars)
        return addScratch()
    }

    private mutating func addScratch() -> Int? {
        unshare()
        // Trim: leading non-word scalars, trailing separators and white space.
        var lo = 0
        var hi = scratch.count
        while lo < hi && !MatchKey.isWord(scratch[lo]) { lo += 1 }
        while hi > lo && Self.isTrailingJunk(scratch[hi - 1]) { hi -= 1 }
        guard lo < hi else { return nil }
        let id = count
        var node: Int32 = 0
        var prevSep = false
        for k in lo..<hi {
            let s = scratch[k]
            let key = MatchKey.key(of: s)
            if key == MatchKey.separator {
                if prevSep { continue }
                prevSep = true
            } else {
                prevSep = false
            }
            let c = code(for: key)
            if c == 0 {  // the alphabet is full: this pattern cannot be matched
                patBytes.removeSubrange(Int(patStart[id])...)
                return nil
            }
            UTF8Scalars_encode(s, &patBytes)
            node = child(of: node, code: c)
        }
        let np = nodes.p
        outPattern.append(Int32(id))
        outNext.append(np[Int(node)].outHead)
        np[Int(node)].outHead = Int32(outPattern.count - 1)
        patStart.append(UInt32(patBytes.count))
        return id
    }

    static func isTrailingJunk(_ c: UInt32) -> Bool {
        MatchKey.key(of: c) == MatchKey.separator || c == 0x09 || c == 0x0D || c == 0x0A
            || (c >= 0x80 && !MatchKey.isWord(c) && UnicodeTablesBridge.isSpace(c))
    }

    private mutating func code(for key: UInt32) -> UInt16 {
        if key < 0x10000 {
            let c = bmp[Int(key)]
            if c != 0 { return c }
        } else if let c = supp[key] {
            return c
        }
        if codeCount >= 0xFFFF { return 0 }  // 65,535 distinct characters at most
        codeCount += 1
        let c = UInt16(codeCount)
        if key < 0x10000 { bmp[Int(key)] = c } else { supp[key] = c }
        rootChild.append(-1)
        return c
    }

    private mutating func child(of node: Int32, code: UInt16) -> Int32 {
        if node == 0 {
            let c = rootChild[Int(code)]
            if c >= 0 { return c }
            let n = newNode(code)
            rootChild[Int(code)] = n
            return n
        }
        // Few children: scan the sibling list (recently made nodes, in cache). Many: hash.
        var np = nodes.p
        if np[Int(node)].kids <= 8 {
            var k = np[Int(node)].firstChild
            while k >= 0 {
                if np[Int(k)].code == code { return k }
                k = np[Int(k)].nextSibling
            }
            let n = newNode(code)
            np = nodes.p
            np[Int(n)].nextSibling = np[Int(node)].firstChild
            np[Int(node)].firstChild = n
            np[Int(node)].kids += 1
            if np[Int(node)].kids > 8 {
                var k = np[Int(node)].firstChild
                while k >= 0 {
                    hashInsert(node, np[Int(k)].code, k)
                    k = np[Int(k)].nextSibling
                }
            }
            return n
        }
        let key = UInt64(UInt32(node)) << 16 | UInt64(code)
        let mask = childKeys.count - 1
        var h = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 20) & mask
        while true {
            let k = childKeys[h]
            if k == key { return childValues[h] }
            if k == .max { break }
            h = (h + 1) & mask
        }
        let n = newNode(code)
        np = nodes.p
        np[Int(n)].nextSibling = np[Int(node)].firstChild
        np[Int(node)].firstChild = n
        np[Int(node)].kids += 1
        hashInsert(node, code, n)
        return n
    }

    private mutating func hashInsert(_ node: Int32, _ code: UInt16, _ child: Int32) {
        let key = UInt64(UInt32(node)) << 16 | UInt64(code)
        let mask = childKeys.count - 1
        var h = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 20) & mask
        while childKeys[h] != .max && childKeys[h] != key { h = (h + 1) & mask }
        if childKeys[h] == .max { childCount += 1 }
        childKeys[h] = key
        childValues[h] = child
        if childCount * 2 > childKeys.count { growChildTable() }
    }

    private mutating func growChildTable() {
        let oldKeys = childKeys, oldValues = childValues
        let cap = oldKeys.count * 2
        childKeys = Array(repeating: .max, count: cap)
        childValues = Array(repeating: -1, count: cap)
        let mask = cap - 1
        for i in 0..<oldKeys.count where oldKeys[i] != .max {
            var h = Int(truncatingIfNeeded: (oldKeys[i] &* 0x9E37_79B9_7F4A_7C15) >> 20) & mask
            while childKeys[h] != .max { h = (h + 1) & mask }
            childKeys[h] = oldKeys[i]
            childValues[h] = oldValues[i]
        }
    }

    private mutating func newNode(_ code: UInt16) -> Int32 {
        nodes.append(code)
    }

    /// Compiles the patterns added so far.
    public func build() -> Automaton { Automaton(built: serializedBytes()) }

    /// Lays the trie out breadth-first into the serialized form (owned by the caller).
    func serializedBytes() -> UnsafeMutableRawBufferPointer {
        let n = nodes.count
        var suppKeys = supp.keys.sorted()
        if suppKeys.isEmpty { suppKeys = [] }
        let layout = Layout(nodes: n, patterns: count, alphabet: codeCount, outputs: outPattern.count,
                            supp: suppKeys.count, patBytes: patBytes.count)
        let raw = UnsafeMutableRawBufferPointer.allocate(byteCount: layout.totalBytes, alignment: 16)
        let base = raw.baseAddress!
        let header: [UInt32] = [Automaton.magic, Automaton.formatVersion, UInt32(n), UInt32(count),
                                UInt32(codeCount), UInt32(outPattern.count), UInt32(suppKeys.count), UInt32(patBytes.count)]
        for (k, w) in header.enumerated() { base.storeBytes(of: w, toByteOffset: k * 4, as: UInt32.self) }
        let nodeRec = (base + layout.nodesOffset).bindMemory(to: UInt32.self, capacity: 2 * (n + 1))
        let codes = (base + layout.codes).bindMemory(to: UInt32.self, capacity: n)
        let outIds = (base + layout.outIds).bindMemory(to: UInt32.self, capacity: max(outPattern.count, 1))
        let rootNext = (base + layout.rootNext).bindMemory(to: UInt32.self, capacity: codeCount + 1)
        let order = UnsafeMutablePointer<Int32>.allocate(capacity: n)
        defer { order.deallocate() }
        var kids = GrowableBuffer<Kid>()
        defer { kids.free() }
        rootNext.initialize(repeating: 0, count: codeCount + 1)
        order[0] = 0
        codes[0] = 0
        var filled = 1
        var outFill = 0
        let np = nodes.p
        outNext.withUnsafeBufferPointer { outNext in
        outPattern.withUnsafeBufferPointer { outPattern in
        rootChild.withUnsafeBufferPointer { rootChild in
            for head in 0..<n {
                let old = Int(order[head])
                nodeRec[2 * head] = UInt32(filled)
                // Outputs, pattern ids ascending (the list holds them newest first).
                nodeRec[2 * head + 1] = UInt32(outFill)
                var o = np[old].outHead
                var m = 0
                while o >= 0 {
                    m += 1
                    o = outNext[Int(o)]
                }
                o = np[old].outHead
                var w = outFill + m - 1
                while o >= 0 {
                    outIds[w] = UInt32(outPattern[Int(o)])
                    w -= 1
                    o = outNext[Int(o)]
                }
                outFill += m
                if old == 0 {
                    for c in 1..<(codeCount + 1) where rootChild[c] >= 0 {
                        rootNext[c] = UInt32(filled)
                        order[filled] = rootChild[c]
                        codes[filled] = UInt32(c) | (np[Int(rootChild[c])].outHead >= 0 ? Automaton.outputFlag : 0)
                        filled += 1
                    }
                    continue
                }
                kids.removeAll()
                var k = np[old].firstChild
                while k >= 0 {
                    kids.append(Kid(code: np[Int(k)].code, node: k))
                    k = np[Int(k)].nextSibling
                }
                let count = kids.count
                // Insertion sort by code: child lists are short.
                if count > 1 {
                    for a in 1..<count {
                        let x = kids[a]
                        var b = a
                        while b > 0 && kids[b - 1].code > x.code {
                            kids[b] = kids[b - 1]
                            b -= 1
                        }
                        kids[b] = x
                    }
                }
                for j in 0..<count {
                    order[filled] = kids[j].node
                    codes[filled] = UInt32(kids[j].code) | (np[Int(kids[j].node)].outHead >= 0 ? Automaton.outputFlag : 0)
                    filled += 1
                }
            }
        }}}
        nodeRec[2 * n] = UInt32(filled)
        nodeRec[2 * n + 1] = UInt32(outFill)
        func put<T>(_ a: [T], _ offset: Int, _ bytes: Int) {
            a.withUnsafeBytes { src in
                if src.count > 0 { (base + offset).copyMemory(from: src.baseAddress!, byteCount: src.count) }
            }
            let written = a.count * MemoryLayout<T>.stride
            if bytes > written { (base + offset + written).initializeMemory(as: UInt8.self, repeating: 0, count: bytes - written) }
        }
        put(bmp, layout.bmpCodes, 0x10000 * 2)
        put(suppKeys, layout.suppKeys, suppKeys.count * 4)
        put(suppKeys.map { supp[$0]! }, layout.suppCodes, suppKeys.count * 2)
        put(patStart, layout.patStart, (count + 1) * 4)
        put(patBytes, layout.patBytes_, patBytes.count)
        // Zero the alignment padding between sections, so the bytes are deterministic.
        let ends = [(layout.nodesOffset + (n + 1) * 8, layout.codes), (layout.codes + n * 4, layout.outIds),
                    (layout.outIds + outPattern.count * 4, layout.rootNext),
                    (layout.rootNext + (codeCount + 1) * 4, layout.bmpCodes), (layout.bmpCodes + 0x20000, layout.suppKeys),
                    (layout.suppKeys + suppKeys.count * 4, layout.suppCodes), (layout.suppCodes + suppKeys.count * 2, layout.patStart),
                    (layout.patStart + (count + 1) * 4, layout.patBytes_), (layout.patBytes_ + patBytes.count, layout.totalBytes)]
        for (a, b) in ends where b > a { (base + a).initializeMemory(as: UInt8.self, repeating: 0, count: b - a) }
        return raw
    }
}

import BitextCore

/// A growable buffer without the uniqueness checks and copies of an array, for the hot
/// loops of the builder and the searcher. Trivial element types only; call `free()` once.
struct GrowableBuffer<Element> {
    var base = UnsafeMutablePointer<Element>.allocate(capacity: 16)
    var capacity = 16
    var count = 0

    var isEmpty: Bool { count == 0 }

    @inline(__always)
    mutating func append(_ e: Element) {
        if count == capacity {
            let bigger = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
            bigger.moveInitialize(from: base, count: count)
            base.deallocate()
            base = bigger
            capacity *= 2
        }
        (base + count).initialize(to: e)
        count += 1
    }

    @inline(__always)
    mutating func removeAll() {
        base.deinitialize(count: count)
        count = 0
    }

    mutating func free() {
        removeAll()
        base.deallocate()
    }

    subscript(i: Int) -> Element {
        @inline(__always) get { base[i] }
        @inline(__always) nonmutating set { base[i] = newValue }
    }
}

/// A child while the children of a node are sorted.
struct Kid {
    var code: UInt16
    var node: Int32
}

/// One node of the trie being built.
struct BuildNode {
    var firstChild: Int32 = -1
    var nextSibling: Int32 = -1
    var outHead: Int32 = -1
    var code: UInt16 = 0
    var kids: UInt16 = 0
}

/// The nodes of the trie being built, in one growable buffer.
final class BuildNodes {
    var p: UnsafeMutablePointer<BuildNode>
    var count = 1
    var capacity: Int

    init(capacity: Int = 1024) {
        self.capacity = max(capacity, 1)
        p = .allocate(capacity: self.capacity)
        p.initialize(to: BuildNode())  // the root
    }

    deinit { p.deallocate() }

    func reserve(_ n: Int) {
        if n > capacity { grow(to: n) }
    }

    private func grow(to n: Int) {
        let q = UnsafeMutablePointer<BuildNode>.allocate(capacity: n)
        q.moveInitialize(from: p, count: count)
        p.deallocate()
        p = q
        capacity = n
    }

    @inline(__always)
    func append(_ code: UInt16) -> Int32 {
        if count == capacity { grow(to: capacity * 2) }
        (p + count).initialize(to: BuildNode(code: code))
        count += 1
        return Int32(count - 1)
    }

    func copy() -> BuildNodes {
        let c = BuildNodes(capacity: capacity)
        c.p.update(from: p, count: 1)
        (c.p + 1).initialize(from: p + 1, count: count - 1)
        c.count = count
        return c
    }
}

@inline(__always)
func UTF8Scalars_encode(_ s: UInt32, _ out: inout [UInt8]) { UTF8Scalars.encode(s, into: &out) }

enum UnicodeTablesBridge {
    static func isSpace(_ c: UInt32) -> Bool {
        let p = UnicodeTables.properties(of: c)
        return p.isWhiteSpace || p.isDefaultIgnorable
    }
}
