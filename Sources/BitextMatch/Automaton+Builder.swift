// Automaton+Builder.swift — building the trie: patterns sorted, then laid out in one pass.
import BitextCore

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
///
/// Adding a pattern only records its key codes; ``build()`` sorts the patterns by code
/// (an MSD radix sort) and writes the trie in depth-first preorder in a single pass, with
/// no per-node allocation or hashing.
public struct AutomatonBuilder {
    /// The patterns so far, in raw growable buffers (shared until written: copy on write).
    private var store = BuilderStore()

    public init() {}

    /// Reserves room for about `scalars` pattern scalars in total (saves regrowing the tables).
    public mutating func reserveCapacity(scalars: Int) {
        unshare()
        store.codes.reserve(scalars)
        store.patBytes.reserve(scalars * 2)
    }

    /// Reserves room for about `patterns` patterns.
    public mutating func reserveCapacity(patterns: Int) {
        unshare()
        store.codeStart.reserve(patterns + 1)
        store.patStart.reserve(patterns + 1)
    }

    /// Number of patterns added.
    public var count: Int { store.patStart.count - 1 }

    @inline(__always)
    private mutating func unshare() {
        if !isKnownUniquelyReferenced(&store) { store = store.copy() }
    }

    /// Adds a pattern; returns its index, or nil when nothing of it is left to match.
    @discardableResult
    public mutating func add(_ pattern: String) -> Int? {
        add(scalars: pattern.unicodeScalars.map(\.value))
    }

    /// Adds a pattern given as a buffer of scalars (already normalized); the fast door for
    /// callers that compile many patterns.
    @discardableResult
    public mutating func add(scalars: UnsafeBufferPointer<UInt32>) -> Int? {
        unshare()
        return store.add(scalars)
    }

    /// Adds a pattern given as scalars (already normalized).
    @discardableResult
    public mutating func add(scalars: some Sequence<UInt32>) -> Int? {
        let a = Array(scalars)
        return a.withUnsafeBufferPointer { add(scalars: $0) }
    }

    /// The result of ``add(utf8:folding:)``.
    public enum FoldedAdd: Equatable {
        /// Added as pattern `id`.
        case added(Int)
        /// Nothing of it is left to match.
        case empty
        /// The folding calls one of its scalars ``ScalarFold/complex``: nothing was added.
        case complex
    }

    /// Folds valid UTF-8 through `folding` (see ``FoldCache/fold(utf8:into:)``) and adds the
    /// result: the fast door for compiling a list of names.
    public mutating func add(utf8 text: UnsafeBufferPointer<UInt8>, folding: FoldCache) -> FoldedAdd {
        unshare()
        let n = folding.fold(utf8: text, into: &store.scratch)
        if n < 0 { return .complex }
        return store.add(UnsafeBufferPointer(start: store.scratch.base, count: n)).map { .added($0) } ?? .empty
    }
    /// True when UTF-8 `bytes` hold an ASCII letter (the only letters whose case a search compares).
    static func hasASCIILetter(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for b in bytes where (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A { return true }
        return false
    }

    static func isTrailingJunk(_ c: UInt32) -> Bool {
        MatchKey.key(of: c) == MatchKey.separator || c == 0x09 || c == 0x0D || c == 0x0A
            || (c >= 0x80 && !MatchKey.isWord(c) && UnicodeTablesBridge.isSpace(c))
    }

    /// Compiles the patterns added so far.
    public func build() -> Automaton { Automaton(built: serializedBytes()) }

    /// Lays the trie out in preorder into the serialized form (owned by the caller).
    func serializedBytes() -> UnsafeMutableRawBufferPointer {
        let patterns = count
        let store = self.store
        let codeCount = store.codeCount
        let supp = store.supp
        let suppKeys = supp.keys.sorted()
        let patBytesCount = store.patBytes.count
        do {
            do {
                let cs = UnsafePointer(store.codes.base)
                let st = UnsafePointer(store.codeStart.base)
                let order = PatternSorter(codes: cs, starts: st, count: patterns, alphabet: codeCount).sorted()
                defer { order.deallocate() }
                // Pass 1: common prefixes with the previous pattern, hence the node count.
                let lcp = UnsafeMutablePointer<UInt32>.allocate(capacity: max(patterns, 1))
                defer { lcp.deallocate() }
                var nodes = 1
                var maxLength = 0
                var prev = -1
                for i in 0..<patterns {
                    let p = Int(order[i])
                    let a = Int(st[p]), len = Int(st[p + 1]) - a
                    var l = 0
                    if prev >= 0 {
                        let b = Int(st[prev]), plen = Int(st[prev + 1]) - b
                        let m = min(len, plen)
                        while l < m && cs[a + l] == cs[b + l] { l += 1 }
                    }
                    lcp[i] = UInt32(l)
                    nodes += len - l
                    maxLength = max(maxLength, len)
                    prev = p
                }
                // Branch entries take at most 5 words per node; the section is last, so the
                // buffer is allocated for the bound and the serialized form is its used part.
                let bound = Layout(nodes: nodes, patterns: patterns, alphabet: codeCount, outputs: patterns,
                                   supp: suppKeys.count, patBytes: patBytesCount, branch: 5 * nodes)
                precondition(nodes <= Int(Automaton.fieldMask) && patterns <= Int(Automaton.patternMask),
                              "too many patterns for one automaton")
                let raw = UnsafeMutableRawBufferPointer(start: LargeMemory.allocate(bound.totalBytes), count: bound.totalBytes)
                let base = raw.baseAddress!
                let rec = (base + bound.rec).bindMemory(to: UInt64.self, capacity: nodes)
                let outIds = (base + bound.outIds).bindMemory(to: UInt32.self, capacity: max(patterns, 1))
                let rootNext = (base + bound.rootNext).bindMemory(to: UInt32.self, capacity: codeCount + 1)
                let branch = (base + bound.branchOffset).bindMemory(to: UInt32.self, capacity: 5 * nodes)
                rootNext.initialize(repeating: 0, count: codeCount + 1)
                // Pass 2: the trie in preorder. `path[d]` is the open node at depth d; the
                // children of open nodes wait on a stack, those of `path[d]` from `kidStart[d]`.
                // A node's info is final when it is closed, before its parent is.
                let path = UnsafeMutablePointer<UInt32>.allocate(capacity: maxLength + 1)
                let kidStart = UnsafeMutablePointer<Int>.allocate(capacity: maxLength + 2)
                let kidCode = UnsafeMutablePointer<UInt32>.allocate(capacity: nodes)
                let kidNode = UnsafeMutablePointer<UInt32>.allocate(capacity: nodes)
                defer {
                    path.deallocate()
                    kidStart.deallocate()
                    kidCode.deallocate()
                    kidNode.deallocate()
                }
                rec[0] = 0
                path[0] = 0
                kidStart[0] = 0
                var top = 0
                var depth = 0
                var made = 1
                var outCount = 0
                var branchFill = 0
                @inline(__always) func close(_ d: Int) {
                    let s = Int(path[d])
                    let lo = kidStart[d]
                    let m = top - lo
                    if d == 0 {
                        for k in lo..<top { rootNext[Int(kidCode[k])] = kidNode[k] }
                    } else if m == 1 {
                        rec[s] |= UInt64(Automaton.kidsFlag) << 32
                    } else if m > 1 {
                        let info = UInt32(truncatingIfNeeded: rec[s] >> 32)
                        precondition(branchFill <= Int(Automaton.fieldMask), "automaton too large")
                        branch[branchFill] = UInt32(m)
                        // The outputs' start moves from the node to its entry.
                        branch[branchFill + 1] = info & Automaton.outputFlag != 0 ? info & Automaton.fieldMask : 0
                        for k in 0..<m {
                            let t = Int(kidNode[lo + k])
                            branch[branchFill + 2 + k] = kidCode[lo + k]
                            branch[branchFill + 2 + m + 2 * k] = UInt32(t)
                            branch[branchFill + 3 + m + 2 * k] = UInt32(truncatingIfNeeded: rec[t] >> 32)
                        }
                        let newInfo = info & Automaton.outputFlag | Automaton.kidsFlag | Automaton.multiFlag | UInt32(branchFill)
                        rec[s] = rec[s] & 0xFFFF | UInt64(newInfo) << 32
                        branchFill += 2 + 3 * m
                    }
                    top = lo
                }
                do {
                // Which patterns have an ASCII letter, read in storage order (reading the
                // bytes in trie order below would jump around them).
                let pb = UnsafePointer(store.patBytes.base)
                let ps = UnsafePointer(store.patStart.base)
                let asciiOf = UnsafeMutablePointer<UInt32>.allocate(capacity: max(patterns, 1))
                defer { asciiOf.deallocate() }
                for p in 0..<patterns {
                    let bytes = UnsafeBufferPointer(start: pb + Int(ps[p]), count: Int(ps[p + 1] - ps[p]))
                    asciiOf[p] = Self.hasASCIILetter(bytes) ? Automaton.asciiFlag : 0
                }
                for i in 0..<patterns {
                    let p = Int(order[i])
                    let a = Int(st[p]), len = Int(st[p + 1]) - a
                    let l = Int(lcp[i])
                    while depth > l {
                        close(depth)
                        depth -= 1
                    }
                    var j = l
                    while j < len {
                        let c = UInt32(cs[a + j])
                        rec[made] = UInt64(c)
                        kidCode[top] = c
                        kidNode[top] = UInt32(made)
                        top += 1
                        path[j + 1] = UInt32(made)
                        kidStart[j + 1] = top
                        made += 1
                        j += 1
                    }
                    depth = len
                    // Duplicates are adjacent, in pattern order: a node's outputs come out
                    // together, ascending; only the last is marked so.
                    let t = Int(path[len])
                    if rec[t] >> 32 == 0 {
                        rec[t] |= UInt64(Automaton.outputFlag | UInt32(outCount)) << 32
                    } else {
                        outIds[outCount - 1] &= ~Automaton.lastOutputFlag
                    }
                    outIds[outCount] = UInt32(p) | Automaton.lastOutputFlag | asciiOf[p]
                    outCount += 1
                }
                }
                while depth >= 0 {
                    close(depth)
                    depth -= 1
                }
                let layout = Layout(nodes: nodes, patterns: patterns, alphabet: codeCount, outputs: outCount,
                                    supp: suppKeys.count, patBytes: patBytesCount, branch: branchFill)
                let header: [UInt32] = [Automaton.magic, Automaton.formatVersion, UInt32(nodes), UInt32(patterns),
                                        UInt32(codeCount), UInt32(outCount), UInt32(suppKeys.count),
                                        UInt32(patBytesCount), UInt32(branchFill), 0]
                for (k, w) in header.enumerated() { base.storeBytes(of: w, toByteOffset: k * 4, as: UInt32.self) }
                func put<T>(_ a: [T], _ offset: Int) {
                    a.withUnsafeBytes { src in
                        if src.count > 0 { (base + offset).copyMemory(from: src.baseAddress!, byteCount: src.count) }
                    }
                }
                (base + layout.bmpCodes).copyMemory(from: store.bmp, byteCount: 0x10000 * 2)
                put(suppKeys, layout.suppKeys)
                put(suppKeys.map { supp[$0]! }, layout.suppCodes)
                (base + layout.patStart).copyMemory(from: store.patStart.base, byteCount: (patterns + 1) * 4)
                if patBytesCount > 0 { (base + layout.patBytes_).copyMemory(from: store.patBytes.base, byteCount: patBytesCount) }
                // Zero the alignment padding between sections, so the bytes are deterministic.
                let ends = [(layout.rec + nodes * 8, layout.outIds), (layout.outIds + outCount * 4, layout.rootNext),
                            (layout.rootNext + (codeCount + 1) * 4, layout.bmpCodes), (layout.bmpCodes + 0x20000, layout.suppKeys),
                            (layout.suppKeys + suppKeys.count * 4, layout.suppCodes), (layout.suppCodes + suppKeys.count * 2, layout.patStart),
                            (layout.patStart + (patterns + 1) * 4, layout.patBytes_), (layout.patBytes_ + patBytesCount, layout.branchOffset),
                            (layout.branchOffset + branchFill * 4, layout.totalBytes)]
                for (a, b) in ends where b > a { (base + a).initializeMemory(as: UInt8.self, repeating: 0, count: b - a) }
                return UnsafeMutableRawBufferPointer(rebasing: raw[0..<layout.totalBytes])
            }
        }
    }
}

/// What an ``AutomatonBuilder`` has collected: the alphabet, and each pattern as key codes
/// and as stored text, in raw growable buffers.
final class BuilderStore {
    /// Match key → code (1-based), for BMP keys; the others in `supp`.
    let bmp: UnsafeMutablePointer<UInt16>
    @exclusivity(unchecked) var supp: [UInt32: UInt16] = [:]
    @exclusivity(unchecked) var codeCount = 0
    // Patterns as key codes, one after the other.
    @exclusivity(unchecked) var codes = GrowableBuffer<UInt16>()
    @exclusivity(unchecked) var codeStart = GrowableBuffer<UInt32>()
    // Patterns, as stored.
    @exclusivity(unchecked) var patStart = GrowableBuffer<UInt32>()
    @exclusivity(unchecked) var patBytes = GrowableBuffer<UInt8>()
    /// Folded scalars of the pattern being added.
    @exclusivity(unchecked) var scratch = GrowableBuffer<UInt32>()

    init() {
        bmp = .allocate(capacity: 0x10000)
        bmp.initialize(repeating: 0, count: 0x10000)
        codeStart.append(0)
        patStart.append(0)
    }

    deinit {
        bmp.deallocate()
        codes.free()
        codeStart.free()
        patStart.free()
        patBytes.free()
        scratch.free()
    }

    func copy() -> BuilderStore {
        let c = BuilderStore()
        c.bmp.update(from: bmp, count: 0x10000)
        c.supp = supp
        c.codeCount = codeCount
        c.codes.copy(from: codes)
        c.codeStart.copy(from: codeStart)
        c.patStart.copy(from: patStart)
        c.patBytes.copy(from: patBytes)
        return c
    }

    @inline(__always)
    func code(for key: UInt32) -> UInt16 {
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
        return c
    }

    /// Adds a pattern; returns its index, or nil when nothing of it is left to match.
    func add(_ buffer: UnsafeBufferPointer<UInt32>) -> Int? {
        // Trim: leading non-word scalars, trailing separators and white space.
        var lo = 0
        var hi = buffer.count
        while lo < hi && !MatchKey.isWord(buffer[lo]) { lo += 1 }
        while hi > lo && AutomatonBuilder.isTrailingJunk(buffer[hi - 1]) { hi -= 1 }
        guard lo < hi else { return nil }
        let id = patStart.count - 1
        codes.reserve(codes.count + hi - lo)
        patBytes.reserve(patBytes.count + 4 * (hi - lo))
        let cp = codes.base, bp = patBytes.base
        var nc = codes.count, nb = patBytes.count
        var prevSep = false
        for k in lo..<hi {
            let s = buffer[k]
            let key = MatchKey.key(of: s)
            if key == MatchKey.separator {
                if prevSep { continue }
                prevSep = true
            } else {
                prevSep = false
            }
            let c = code(for: key)
            if c == 0 { return nil }  // the alphabet is full: this pattern cannot be matched
            cp[nc] = c
            nc += 1
            if s < 0x80 {
                bp[nb] = UInt8(truncatingIfNeeded: s)
                nb += 1
            } else if s < 0x800 {
                bp[nb] = UInt8(truncatingIfNeeded: 0xC0 | s >> 6)
                bp[nb + 1] = UInt8(truncatingIfNeeded: 0x80 | s & 0x3F)
                nb += 2
            } else if s < 0x10000 {
                bp[nb] = UInt8(truncatingIfNeeded: 0xE0 | s >> 12)
                bp[nb + 1] = UInt8(truncatingIfNeeded: 0x80 | (s >> 6) & 0x3F)
                bp[nb + 2] = UInt8(truncatingIfNeeded: 0x80 | s & 0x3F)
                nb += 3
            } else {
                bp[nb] = UInt8(truncatingIfNeeded: 0xF0 | s >> 18)
                bp[nb + 1] = UInt8(truncatingIfNeeded: 0x80 | (s >> 12) & 0x3F)
                bp[nb + 2] = UInt8(truncatingIfNeeded: 0x80 | (s >> 6) & 0x3F)
                bp[nb + 3] = UInt8(truncatingIfNeeded: 0x80 | s & 0x3F)
                nb += 4
            }
        }
        codes.count = nc
        patBytes.count = nb
        codeStart.append(UInt32(nc))
        patStart.append(UInt32(nb))
        return id
    }
}

/// Sorts patterns (runs of key codes) lexicographically, a pattern before its extensions
/// and equal patterns by index: MSD radix sort on the codes, small groups by insertion.
struct PatternSorter {
    let codes: UnsafePointer<UInt16>
    let starts: UnsafePointer<UInt32>
    let count: Int
    let alphabet: Int

    /// The pattern indices in order (the caller deallocates).
    func sorted() -> UnsafeMutablePointer<UInt32> {
        let idx = UnsafeMutablePointer<UInt32>.allocate(capacity: max(count, 1))
        for i in 0..<count { idx[i] = UInt32(i) }
        if count < 2 { return idx }
        let tmp = UnsafeMutablePointer<UInt32>.allocate(capacity: count)
        let hist = UnsafeMutablePointer<Int>.allocate(capacity: alphabet + 2)
        defer {
            tmp.deallocate()
            hist.deallocate()
        }
        sort(idx, tmp, hist, 0, count, 0)
        return idx
    }

    /// The code of pattern `p` at `depth`, 0 past its end.
    @inline(__always)
    func code(_ p: UInt32, _ depth: Int) -> Int {
        let a = Int(starts[Int(p)]) + depth
        return a < Int(starts[Int(p) + 1]) ? Int(codes[a]) : 0
    }

    /// True when pattern `a` sorts before pattern `b`, both equal before `depth`.
    @inline(__always)
    func less(_ a: UInt32, _ b: UInt32, _ depth: Int) -> Bool {
        let sa = Int(starts[Int(a)]), ea = Int(starts[Int(a) + 1])
        let sb = Int(starts[Int(b)]), eb = Int(starts[Int(b) + 1])
        var i = sa + depth, j = sb + depth
        while i < ea && j < eb {
            let x = codes[i], y = codes[j]
            if x != y { return x < y }
            i += 1
            j += 1
        }
        if i < ea { return false }  // b ended first (or both): b is a prefix of a
        if j < eb { return true }
        return a < b
    }

    func sort(_ idx: UnsafeMutablePointer<UInt32>, _ tmp: UnsafeMutablePointer<UInt32>, _ hist: UnsafeMutablePointer<Int>,
              _ lo0: Int, _ hi0: Int, _ depth0: Int) {
        var lo = lo0, hi = hi0, depth = depth0
        while hi - lo > 1 {
            let size = hi - lo
            if size <= 24 {
                for a in (lo + 1)..<hi {
                    let x = idx[a]
                    var b = a
                    while b > lo && less(x, idx[b - 1], depth) {
                        idx[b] = idx[b - 1]
                        b -= 1
                    }
                    idx[b] = x
                }
                return
            }
            if alphabet + 1 > 4 * size {
                // Few patterns over a large alphabet: a histogram would cost more than it saves.
                var part = UnsafeMutableBufferPointer(start: idx + lo, count: size)
                part.sort { less($0, $1, depth) }
                return
            }
            let buckets = alphabet + 1
            hist.initialize(repeating: 0, count: buckets + 1)
            for k in lo..<hi { hist[code(idx[k], depth)] += 1 }
            let first = code(idx[lo], depth)
            if hist[first] == size {
                if first == 0 { return }  // all equal and ended: already by index
                depth += 1
                continue
            }
            // Stable scatter.
            var sum = lo
            for c in 0..<buckets {
                let n = hist[c]
                hist[c] = sum
                sum += n
            }
            hist[buckets] = hi
            for k in lo..<hi {
                let c = code(idx[k], depth)
                tmp[hist[c]] = idx[k]
                hist[c] += 1
            }
            (idx + lo).update(from: tmp + lo, count: size)
            // After the scatter hist[c] is the end of bucket c. Sort every bucket but the
            // largest recursively, and the largest in this loop (so the recursion stays shallow).
            var ranges: [(Int, Int)] = []
            var start = lo
            for c in 0..<buckets {
                let end = hist[c]
                if c > 0 && end - start > 1 { ranges.append((start, end)) }
                start = end
            }
            guard let largest = ranges.indices.max(by: { ranges[$0].1 - ranges[$0].0 < ranges[$1].1 - ranges[$1].0 }) else { return }
            for (k, r) in ranges.enumerated() where k != largest { sort(idx, tmp, hist, r.0, r.1, depth + 1) }
            lo = ranges[largest].0
            hi = ranges[largest].1
            depth += 1
        }
    }
}

/// A growable buffer without the uniqueness checks and copies of an array, for the hot
/// loops of the builder and the searcher. Trivial element types only; call `free()` once.
struct GrowableBuffer<Element> {
    var base = UnsafeMutablePointer<Element>.allocate(capacity: 16)
    var capacity = 16
    var count = 0

    var isEmpty: Bool { count == 0 }

    @inline(__always)
    mutating func append(_ e: Element) {
        if count == capacity { grow(capacity * 2) }
        (base + count).initialize(to: e)
        count += 1
    }

    /// Makes room for `n` elements in all.
    @inline(__always)
    mutating func reserve(_ n: Int) {
        if n > capacity { grow(max(n, capacity * 2)) }
    }

    mutating func grow(_ n: Int) {
        let bigger = UnsafeMutablePointer<Element>.allocate(capacity: n)
        bigger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity = n
    }

    @inline(__always)
    mutating func removeAll() {
        base.deinitialize(count: count)
        count = 0
    }

    /// Replaces the contents by a copy of `other`'s.
    mutating func copy(from other: GrowableBuffer<Element>) {
        removeAll()
        reserve(other.count)
        base.initialize(from: other.base, count: other.count)
        count = other.count
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

enum UnicodeTablesBridge {
    static func isSpace(_ c: UInt32) -> Bool {
        let p = UnicodeTables.properties(of: c)
        return p.isWhiteSpace || p.isDefaultIgnorable
    }
}

#if canImport(Glibc)
import Glibc
#endif

/// Memory for large tables: 2 MiB-aligned and marked for transparent huge pages when that
/// large, so that filling it takes a few page faults instead of thousands, and walking it
/// few TLB misses. Released with `deallocate()`.
enum LargeMemory {
    static let hugePage = 1 << 21

    static func allocate(_ bytes: Int) -> UnsafeMutableRawPointer {
        #if canImport(Glibc)
        if bytes >= hugePage {
            var p: UnsafeMutableRawPointer? = nil
            if posix_memalign(&p, hugePage, bytes) == 0, let p {
                _ = madvise(p, (bytes + hugePage - 1) & ~(hugePage - 1), MADV_HUGEPAGE)
                return p
            }
        }
        #endif
        return UnsafeMutableRawPointer.allocate(byteCount: max(bytes, 1), alignment: 16)
    }
}
