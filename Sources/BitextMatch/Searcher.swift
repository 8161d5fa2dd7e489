// Searcher.swift — finds pattern matches in UTF-8 text, on word boundaries, clitic-aware.
import BitextCore

/// One match found by a ``Searcher``: where it is, and which patterns match there.
public struct Match: Equatable, Sendable {
    /// Unicode scalar offsets in the text searched, end exclusive.
    public var start: Int
    public var end: Int
    /// The same place in UTF-8 bytes.
    public var startByte: Int
    public var endByte: Int
    /// Where this match's pattern indices are in ``Searcher/matchedPatterns``.
    public var patternsStart: Int
    public var patternsCount: Int
    /// Positions in the normalized text (for ordering matches that touch an expansion).
    var startPos: Int = 0
    var endPos: Int = 0
}

/// Searches text for the patterns of an ``Automaton``. Keeps scratch buffers and a cache
/// of what the folding does to each scalar, so use one per thread.
///
/// The search runs on the text as written: each scalar is seen through a ``ScalarFolding``
/// (for bitext, the `search` normalization), so deleted marks and controls are skipped and
/// folded letters compared in their folded form, and offsets are those of the original.
/// A scalar the folding calls ``ScalarFold/complex`` makes ``find(utf8:)`` return false:
/// the caller then normalizes the line and searches the result with an identity folding.
///
/// A match starts at a word start — or after Arabic proclitics, see
/// ``MatchOptions/arabicClitics`` — and ends at a word end: `مصر` is not found in `مصرف`,
/// `Benghazi` is found in `Benghazi's` and `Tripoli` in `Tripoli-based`.
///
///     let a = Automaton(patterns: ["مصر", "القاهرة", "Benghazi"])
///     let s = Searcher(automaton: a)
///     s.find(in: "مصرف ومصر")                // [5..<8 → [0]]   (و stripped)
///     s.find(in: "للقاهرة")                  // [1..<7 → [1]]   (ل + القاهرة)
///     s.find(in: "Benghazi's port")          // [0..<8 → [2]]
public final class Searcher {
    public let automaton: Automaton
    public let options: MatchOptions
    let folding: any ScalarFolding
    /// Per BMP scalar: 0 until first seen, then `Entry` bits (low 32) and the folded scalar (high 32).
    let table: UnsafeMutablePointer<UInt64>
    @exclusivity(unchecked) var suppCache: [UInt32: UInt64] = [:]
    let alefState: UInt32

    /// The matches of the last search, in order.
    @exclusivity(unchecked) public private(set) var matches: [Match] = []
    /// Pattern indices of the last search's matches (see ``Match/patternsStart``).
    @exclusivity(unchecked) public private(set) var matchedPatterns: [Int32] = []

    /// The candidates of one word start (rarely more than a few).
    @exclusivity(unchecked) private var cands = GrowableBuffer<Candidate>()
    @exclusivity(unchecked) private var verified: [Int32] = []

    // Entry bits.
    static let codeMask: UInt64 = 0xFFFF
    /// 0 keep, 1 attached deletion, 2 standalone deletion, 3 complex, 4 expansion (3 bits).
    static let kindShift: UInt64 = 16
    static let wordBit: UInt64 = 1 << 19
    static let filledBit: UInt64 = 1 << 20
    static let cliticShift: UInt64 = 21  // ArabicClitic.kind, 2 bits
    /// For an expansion, the high 32 bits index this list of its scalars' entries.
    @exclusivity(unchecked) var expansionEntries: [[UInt64]] = []

    struct Candidate {
        /// Unit positions (byte << 8 | index in an expansion), for ordering.
        var startPos: Int
        var startScalar: Int
        var endPos: Int
        /// The original text's end, attached deletions included.
        var endByte: Int
        var endScalar: Int
        var node: UInt32
        /// Started from the article's alef (ل + ال contraction): the pattern's first scalar is not in the text.
        var contracted: Bool
        /// Already chosen or rejected by `select`.
        var done = false
    }

    public init(automaton: Automaton, folding: any ScalarFolding = IdentityFolding(), options: MatchOptions = MatchOptions()) {
        self.automaton = automaton
        self.folding = folding
        self.options = options
        table = .allocate(capacity: 0x10000)
        table.initialize(repeating: 0, count: 0x10000)
        let alefCode = automaton.code(forKey: ArabicClitic.alef)
        alefState = alefCode == 0 ? 0 : automaton.next(0, alefCode)
    }

    deinit {
        table.deallocate()
        cands.free()
    }

    // MARK: - Scalar entries

    @inline(__always)
    func entry(_ c: UInt32) -> UInt64 {
        if c < 0x10000 {
            let e = table[Int(c)]
            if e != 0 { return e }
            let f = computeEntry(c)
            table[Int(c)] = f
            return f
        }
        if let e = suppCache[c] { return e }
        let f = computeEntry(c)
        suppCache[c] = f
        return f
    }

    func computeEntry(_ c: UInt32) -> UInt64 {
        var folded = c
        var kind: UInt64 = 0
        switch folding.fold(c) {
        case .keep: break
        case .replace(let d): folded = d
        case .deleteAttached: kind = 1
        case .deleteStandalone: kind = 2
        case .complex: kind = 3
        case .expand(let seq) where seq.isEmpty || seq.count > 255:  // positions keep 8 bits for the index
            kind = 3
        case .expand(let seq):
            kind = 4
            folded = UInt32(expansionEntries.count)
            expansionEntries.append(seq.map { d in
                var e = Self.filledBit | UInt64(d) << 32 | UInt64(automaton.code(forKey: MatchKey.key(of: d)))
                if MatchKey.isWord(d) { e |= Self.wordBit }
                return e | UInt64(ArabicClitic.kind(d)) << Self.cliticShift
            })
        }
        var e = Self.filledBit | kind << Self.kindShift | UInt64(folded) << 32
        if kind == 0 {
            e |= UInt64(automaton.code(forKey: MatchKey.key(of: folded)))
            if MatchKey.isWord(folded) { e |= Self.wordBit }
            e |= UInt64(ArabicClitic.kind(folded)) << Self.cliticShift
        }
        return e
    }

    @inline(__always) static func kind(_ e: UInt64) -> UInt64 { (e >> kindShift) & 7 }
    @inline(__always) static func folded(_ e: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: e >> 32) }

    // MARK: - Search

    /// Searches a string (convenience; see ``find(utf8:)``). Returns the matches with their
    /// patterns; an empty list when the folding needs the whole line normalized.
    public func find(in text: String) -> [FoundMatch] {
        var text = text
        let ok = text.withUTF8 { find(utf8: $0) }
        if !ok { return [] }
        return matches.map { m in
            FoundMatch(range: m.start..<m.end,
                       patterns: matchedPatterns[m.patternsStart..<(m.patternsStart + m.patternsCount)].map { Int($0) })
        }
    }

    /// The pattern indices of a match of the last search.
    public func patterns(of m: Match) -> ArraySlice<Int32> {
        matchedPatterns[m.patternsStart..<(m.patternsStart + m.patternsCount)]
    }

    /// One unit of the text as the matcher sees it: a kept or folded scalar, or one scalar of
    /// an expansion. Positions are `byte << 8 | index in the expansion`, so they order units.
    struct Unit {
        var entry: UInt64
        var pos: Int
        /// Scalar offset of the original scalar (an expansion's scalar for all its units).
        var scalar: Int
        /// Byte just past the original scalar.
        var endByte: Int
        /// Position and scalar offset of the next unit to read.
        var next: Int
        var nextScalar: Int
    }

    /// The unit at or after `pos`, deletions skipped; nil at the end of the text. A complex
    /// scalar gives a unit of kind 3.
    @inline(__always)
    func read(_ p: UnsafePointer<UInt8>, _ n: Int, _ pos: Int, _ scalar: Int) -> Unit? {
        var i = pos >> 8
        let sub = pos & 0xFF
        var si = scalar
        while i < n {
            let b = p[i]
            let c: UInt32
            let len: Int
            if b < 0x80 {
                c = UInt32(b)
                len = 1
            } else {
                (c, len) = UTF8Scalars.decode(p, i)
            }
            let e = entry(c)
            switch Self.kind(e) {
            case 0, 3:
                return Unit(entry: e, pos: i << 8, scalar: si, endByte: i + len, next: (i + len) << 8, nextScalar: si + 1)
            case 4:
                let ex = expansionEntries[Int(Self.folded(e))]
                if sub + 1 < ex.count {
                    return Unit(entry: ex[sub], pos: i << 8 | sub, scalar: si, endByte: i + len, next: i << 8 | (sub + 1),
                                nextScalar: si)
                }
                return Unit(entry: ex[sub], pos: i << 8 | sub, scalar: si, endByte: i + len, next: (i + len) << 8,
                            nextScalar: si + 1)
            default:
                i += len
                si += 1
            }
        }
        return nil
    }

    /// Searches valid UTF-8 and leaves the result in ``matches``. Returns false — with no
    /// matches — when a scalar of the text is ``ScalarFold/complex`` for the folding.
    ///
    /// - Complexity: O(n) scalar lookups, plus a trie walk from each word start.
    @discardableResult
    public func find(utf8 text: UnsafeBufferPointer<UInt8>) -> Bool {
        matches.removeAll(keepingCapacity: true)
        matchedPatterns.removeAll(keepingCapacity: true)
        guard let p = text.baseAddress else { return true }
        currentText = p
        defer { currentText = nil }
        let n = text.count
        let overlapping = options.kind == .overlapping
        let clitics = options.arabicClitics
        let pos = 0
        let si = 0
        var prevWord = false
        var coveredUntil = 0
        var current = read(p, n, pos, si)
        while let u = current {
            let e = u.entry
            if Self.kind(e) == 3 {
                matches.removeAll(keepingCapacity: true)
                matchedPatterns.removeAll(keepingCapacity: true)
                return false
            }
            let w = e & Self.wordBit != 0
            // The next unit, read once for the walks and the scan.
            let v = read(p, n, u.next, u.nextScalar)
            if w && !prevWord && (overlapping || u.pos >= coveredUntil)
                && (e & Self.codeMask != 0 || (clitics && (e >> Self.cliticShift) & 3 != 0)) {
                let end = matchAt(p, n, u, v)
                if end > coveredUntil { coveredUntil = end }
            }
            prevWord = w
            current = v
        }

        if overlapping && matches.count > 1 {
            // Sort by start, longest first; the pattern lists travel with their match.
            let order = matches.indices.sorted {
                let a = matches[$0], b = matches[$1]
                return a.startPos != b.startPos ? a.startPos < b.startPos : a.endPos > b.endPos
            }
            matches = order.map { matches[$0] }
        }
        return true
    }

    /// Tries every start at the word beginning with unit `u`; records the chosen matches.
    /// Returns the end position of the last match recorded (0 if none).
    func matchAt(_ p: UnsafePointer<UInt8>, _ n: Int, _ u: Unit, _ v: Unit?) -> Int {
        cands.removeAll()
        if canStart(u, v, 0) { walk(p, n, u, 0) }
        if options.arabicClitics {
            var k = u
            var kn = v
            var kc = (k.entry >> Self.cliticShift) & 3
            if kc == 1 {  // و ف
                guard let k2 = kn, Self.kind(k2.entry) == 0, k2.entry & Self.wordBit != 0 else { return select() }
                kn = read(p, n, k2.next, k2.nextScalar)
                if canStart(k2, kn, 0) { walk(p, n, k2, 0) }
                k = k2
                kc = (k2.entry >> Self.cliticShift) & 3
            }
            if kc >= 2, let k3 = kn, Self.kind(k3.entry) == 0, k3.entry & Self.wordBit != 0 {  // ب ك ل
                let k4 = read(p, n, k3.next, k3.nextScalar)
                if canStart(k3, k4, 0) { walk(p, n, k3, 0) }
                if kc == 3 && Self.folded(k3.entry) == ArabicClitic.lam && alefState != 0 && canStart(k3, k4, alefState) {
                    walk(p, n, k3, alefState)
                }
            }
        }
        return cands.isEmpty ? 0 : select()
    }

    /// False when no pattern can begin with the units `u`, `v` from `state`: most word starts
    /// end here, without a walk.
    @inline(__always)
    func canStart(_ u: Unit, _ v: Unit?, _ state: UInt32) -> Bool {
        let a = automaton
        let c1 = UInt16(truncatingIfNeeded: u.entry & Self.codeMask)
        if c1 == 0 || Self.kind(u.entry) != 0 { return false }
        let t1 = a.next(state, c1)
        if t1 == 0 { return false }
        if a.hasOutput(t1) { return true }
        guard let v, Self.kind(v.entry) == 0 else { return false }
        let c2 = UInt16(truncatingIfNeeded: v.entry & Self.codeMask)
        return c2 != 0 && a.next(t1, c2) != 0
    }

    /// Walks the trie from `state` over the text from unit `u0`; every pattern end that
    /// falls on a word end becomes a candidate.
    func walk(_ p: UnsafePointer<UInt8>, _ n: Int, _ u0: Unit, _ state: UInt32) {
        let a = automaton
        let sep = a.separatorCode
        var s = state
        var u = u0
        var prevSep = false
        while true {
            let e = u.entry
            if Self.kind(e) == 3 { return }
            let code = UInt16(truncatingIfNeeded: e & Self.codeMask)
            if code == 0 { return }
            if code == sep && prevSep {
                guard let nu = read(p, n, u.next, u.nextScalar) else { return }
                u = nu
                continue
            }
            let t = a.next(s, code)
            if t == 0 { return }
            s = t
            prevSep = code == sep
            let nu = read(p, n, u.next, u.nextScalar)
            if a.hasOutput(s) {
                // A word end is needed; the end covers the attached deletions after the scalar.
                if let nu, Self.kind(nu.entry) == 3 { return }
                let boundary = nu == nil || !(e & Self.wordBit != 0 && nu!.entry & Self.wordBit != 0)
                if boundary {
                    var k = u.endByte, sk = u.scalar + 1, endB = u.endByte, endS = u.scalar + 1
                    while k < n {
                        let (c2, l2) = p[k] < 0x80 ? (UInt32(p[k]), 1) : UTF8Scalars.decode(p, k)
                        let k2 = Self.kind(entry(c2))
                        if k2 == 1 {
                            k += l2
                            sk += 1
                            endB = k
                            endS = sk
                        } else if k2 == 2 {
                            k += l2
                            sk += 1
                        } else {
                            break
                        }
                    }
                    cands.append(Candidate(startPos: u0.pos, startScalar: u0.scalar, endPos: u.next, endByte: endB,
                                           endScalar: endS, node: s, contracted: state != 0))
                }
            }
            guard let nu else { return }
            u = nu
        }
    }

    /// Chooses among the candidates of one word start; returns the end byte of the last match recorded.
    func select() -> Int {
        let count = cands.count
        if count == 0 { return 0 }
        if options.kind == .overlapping {
            // Every (start, end) with at least one verified pattern.
            var lastEnd = 0
            for x in 0..<count where !cands[x].done {
                verified.removeAll(keepingCapacity: true)
                let cx = cands[x]
                for y in x..<count where !cands[y].done && cands[y].startPos == cx.startPos && cands[y].endPos == cx.endPos {
                    cands[y].done = true
                    verify(cands[y])
                }
                if record(cx) { lastEnd = max(lastEnd, cx.endPos) }
            }
            return lastEnd
        }
        // Leftmost, then longest, with at least one verified pattern.
        while true {
            var best = -1
            for x in 0..<count where !cands[x].done {
                if best < 0 || cands[x].startPos < cands[best].startPos
                    || (cands[x].startPos == cands[best].startPos && cands[x].endPos > cands[best].endPos) {
                    best = x
                }
            }
            if best < 0 { return 0 }
            let cb = cands[best]
            verified.removeAll(keepingCapacity: true)
            for y in 0..<count where !cands[y].done && cands[y].startPos == cb.startPos && cands[y].endPos == cb.endPos {
                cands[y].done = true
                verify(cands[y])
            }
            if record(cb) { return cb.endPos }
        }
    }

    /// Appends a match for `c` with the patterns in `verified`; false when there are none.
    private func record(_ c: Candidate) -> Bool {
        if verified.isEmpty { return false }
        if verified.count > 1 {
            verified.sort()
            var w = 1
            for r in 1..<verified.count where verified[r] != verified[w - 1] {
                verified[w] = verified[r]
                w += 1
            }
            verified.removeSubrange(w...)
        }
        matches.append(Match(start: c.startScalar, end: c.endScalar, startByte: c.startPos >> 8, endByte: c.endByte,
                             patternsStart: matchedPatterns.count, patternsCount: verified.count,
                             startPos: c.startPos, endPos: c.endPos))
        matchedPatterns.append(contentsOf: verified)
        return true
    }

    /// Adds to `verified` the patterns of the candidate's node whose letter case fits the text.
    private func verify(_ c: Candidate) {
        let a = automaton
        for o in a.outputs(c.node) {
            let id = Int(a.outIds[o])
            if options.caseMode == .insensitive || caseFits(c, a.patternUTF8(id)) {
                verified.append(Int32(id))
            }
        }
    }

    /// Compares the letters of the text span with the pattern's, per ``CaseMode``.
    private func caseFits(_ c: Candidate, _ pat: UnsafeBufferPointer<UInt8>) -> Bool {
        // Only ASCII letters can differ in case (the trie made every key equal).
        guard let pp = pat.baseAddress else { return true }
        var hasASCIILetter = false
        for b in pat where (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A {
            hasASCIILetter = true
            break
        }
        if !hasASCIILetter { return true }
        let tp = currentText!
        let n = c.endByte
        // Headline rule: no lowercase ASCII letter among the span's folded letters.
        var allCaps = true
        var u = read(tp, n, c.startPos, c.startScalar)
        while let v = u, v.pos < c.endPos {
            let f = Self.folded(v.entry)
            if f >= 0x61 && f <= 0x7A {
                allCaps = false
                break
            }
            u = read(tp, n, v.next, v.nextScalar)
        }
        var pi = 0
        if c.contracted { pi += UTF8Scalars.sequenceLength(lead: pp[0]) }
        var prevTextWord = false
        var prevSep = false
        u = read(tp, n, c.startPos, c.startScalar)
        while let v = u, v.pos < c.endPos, pi < pat.count {
            u = read(tp, n, v.next, v.nextScalar)
            let ft = Self.folded(v.entry)
            let isSep = MatchKey.key(of: ft) == MatchKey.separator
            if isSep && prevSep { continue }
            prevSep = isSep
            let (q, ql) = UTF8Scalars.decode(pp, pi)
            if ft != q && MatchKey.isASCIILetter(ft) && MatchKey.isASCIILetter(q) {
                if options.caseMode == .sensitive { return false }
                let capitalized = ft < 0x61 && q >= 0x61 && !prevTextWord
                if !allCaps && !capitalized { return false }
            }
            prevTextWord = v.entry & Self.wordBit != 0
            pi += ql
        }
        return true
    }

    /// The text of the running search (spans are re-read from it to check letter case).
    @exclusivity(unchecked) private var currentText: UnsafePointer<UInt8>? = nil
}
