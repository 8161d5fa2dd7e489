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
    /// Positions in the text as the matcher sees it (units, see ``Searcher``), for
    /// ordering matches that touch an expansion.
    var startPos: Int = 0
    var endPos: Int = 0
}

/// What ``Searcher/find(unvalidatedUTF8:)`` found a line to be.
public enum SearchOutcome: Sendable, Equatable {
    /// Searched: the matches are in ``Searcher/matches``.
    case searched
    /// Holds a scalar the folding calls ``ScalarFold/complex`` (see ``Searcher/find(utf8:)``);
    /// the bytes after it were not checked.
    case complex
    /// Not well-formed UTF-8.
    case invalid
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
///
/// A line is first decoded into *units* — the scalars the matcher sees: kept or folded
/// scalars, and each scalar of an expansion; deletions have none — each with its entry
/// (key code, word and clitic bits, folded scalar), byte offset and scalar offset. Word
/// starts and trie walks then read these arrays.
public final class Searcher {
    public let automaton: Automaton
    public let options: MatchOptions
    let folding: any ScalarFolding
    /// Per BMP scalar: 0 until first seen, then `Entry` bits (low 32) and the folded scalar (high 32).
    let table: UnsafeMutablePointer<UInt64>
    @exclusivity(unchecked) var suppCache: [UInt32: UInt64] = [:]
    /// The state of the root's child by ا (0 when there is none), and its code.
    let alefState: UInt64
    let alefCode: UInt32

    /// The matches of the last search, in order.
    @exclusivity(unchecked) public private(set) var matches: [Match] = []
    /// Pattern indices of the last search's matches (see ``Match/patternsStart``).
    @exclusivity(unchecked) public private(set) var matchedPatterns: [Int32] = []

    /// The candidates of one word start (rarely more than a few).
    @exclusivity(unchecked) private var cands = GrowableBuffer<Candidate>()
    @exclusivity(unchecked) private var verified: [Int32] = []

    // The units of the line being searched: entry, and byte offset of the scalar they
    // come from. (Scalar offsets are counted only for matches, see `scalarOffset`.)
    @exclusivity(unchecked) private var unitEntry: UnsafeMutablePointer<UInt64>
    @exclusivity(unchecked) private var unitByte: UnsafeMutablePointer<Int>
    /// The units where a word starts, ascending.
    @exclusivity(unchecked) private var wordStarts: UnsafeMutablePointer<Int>
    @exclusivity(unchecked) private var wordStartCount = 0
    @exclusivity(unchecked) private var unitCapacity = 0
    @exclusivity(unchecked) private var unitCount = 0
    /// The text of the running search.
    @exclusivity(unchecked) private var text: UnsafePointer<UInt8> = UnsafePointer(bitPattern: 0x10)!
    @exclusivity(unchecked) private var textCount = 0
    /// A byte offset of the text and its scalar offset, where `scalarOffset` counts from.
    @exclusivity(unchecked) private var cursorByte = 0
    @exclusivity(unchecked) private var cursorScalar = 0

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
        /// Units: the first one, and one past the last.
        var startPos: Int
        var endPos: Int
        /// The original text's end, attached deletions included.
        var endByte: Int
        var state: UInt64
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
        self.alefCode = UInt32(alefCode)
        alefState = alefCode == 0 ? 0 : automaton.next(0, alefCode)
        unitEntry = .allocate(capacity: 1)
        unitByte = .allocate(capacity: 1)
        wordStarts = .allocate(capacity: 1)
    }

    deinit {
        table.deallocate()
        cands.free()
        unitEntry.deallocate()
        unitByte.deallocate()
        wordStarts.deallocate()
    }

    // MARK: - Scalar entries

    @inline(__always)
    func entry(_ c: UInt32) -> UInt64 {
        if c < 0x10000 {
            let e = table[Int(c)]
            if e != 0 { return e }
            return fillEntry(c)
        }
        if let e = suppCache[c] { return e }
        let f = computeEntry(c)
        suppCache[c] = f
        return f
    }

    @inline(never)
    func fillEntry(_ c: UInt32) -> UInt64 {
        let f = computeEntry(c)
        table[Int(c)] = f
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
        case .expand(let seq) where seq.isEmpty || seq.count > 255:  // as complex: matched through the normalized line
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
    @inline(__always) static func code(_ e: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: e & codeMask) }
    @inline(__always) static func isWord(_ e: UInt64) -> Bool { e & wordBit != 0 }
    @inline(__always) static func clitic(_ e: UInt64) -> UInt64 { (e >> cliticShift) & 3 }

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

    /// Searches valid UTF-8 and leaves the result in ``matches``. Returns false — with no
    /// matches — when a scalar of the text is ``ScalarFold/complex`` for the folding.
    ///
    /// - Complexity: O(n) scalar lookups, plus a trie walk from each word start.
    @discardableResult
    public func find(utf8 text: UnsafeBufferPointer<UInt8>) -> Bool {
        search(text, checked: false) == .searched
    }

    /// Searches bytes that may not be UTF-8, checking them while decoding (so a caller
    /// needs no separate validation pass). The matches are in ``matches`` when the
    /// outcome is ``SearchOutcome/searched``; there are none otherwise.
    public func find(unvalidatedUTF8 text: UnsafeBufferPointer<UInt8>) -> SearchOutcome {
        search(text, checked: true)
    }

    @inline(__always)
    private func search(_ text: UnsafeBufferPointer<UInt8>, checked: Bool) -> SearchOutcome {
        matches.removeAll(keepingCapacity: true)
        matchedPatterns.removeAll(keepingCapacity: true)
        guard let p = text.baseAddress else { return .searched }
        let outcome = checked ? decode(p, text.count, checked: true) : decode(p, text.count, checked: false)
        if outcome != .searched { return outcome }
        self.text = p
        textCount = text.count
        scan()
        return .searched
    }

    /// Makes room for `n` units (and as many word starts).
    private func reserveUnits(_ n: Int) {
        if n <= unitCapacity { return }
        let cap = max(n, unitCapacity * 2, 256)
        let e = UnsafeMutablePointer<UInt64>.allocate(capacity: cap)
        let b = UnsafeMutablePointer<Int>.allocate(capacity: cap)
        let w = UnsafeMutablePointer<Int>.allocate(capacity: cap)
        e.update(from: unitEntry, count: unitCount)
        b.update(from: unitByte, count: unitCount)
        w.update(from: wordStarts, count: wordStartCount)
        unitEntry.deallocate()
        unitByte.deallocate()
        wordStarts.deallocate()
        unitEntry = e
        unitByte = b
        wordStarts = w
        unitCapacity = cap
    }

    /// Decodes the line into units, and lists the word starts where a walk may begin (a
    /// word unit after a non-word one, whose code some pattern uses or that may be a
    /// clitic). Stops at a complex scalar or, when `checked`, at bytes that are not
    /// well-formed UTF-8.
    @inline(__always)
    private func decode(_ p: UnsafePointer<UInt8>, _ n: Int, checked: Bool) -> SearchOutcome {
        unitCount = 0
        wordStartCount = 0
        cursorByte = 0
        cursorScalar = 0
        reserveUnits(n + 1)
        var ue = unitEntry, ub = unitByte, ws = wordStarts
        let table = self.table
        // A word start needs a code, or a clitic letter when clitics are on.
        let startMask: UInt64 = Self.codeMask | (options.arabicClitics ? 3 << Self.cliticShift : 0)
        var k = 0
        var nw = 0
        var i = 0
        var prevWord = false
        while i < n {
            let b = UInt32(p[i])
            // One byte, or two of a valid two-byte sequence (Arabic, accented Latin), without
            // branching on which; the rest out of line.
            let b1 = i &+ 1 < n ? UInt32(p[i &+ 1]) : 0
            let two = b &- 0xC2 < 0x1E && b1 & 0xC0 == 0x80
            var c = two ? (b & 0x1F) << 6 | b1 & 0x3F : b
            var len = two ? 2 : 1
            if b >= 0x80 && !two {
                (c, len) = Self.decodeLong(p, i, n, checked: checked)
                if len == 0 { return .invalid }
            }
            var e: UInt64
            if c < 0x10000 {
                e = table[Int(c)]
                if e == 0 { e = fillEntry(c) }
            } else {
                e = entry(c)
            }
            if e & (7 << Self.kindShift) == 0 {
                ue[k] = e
                ub[k] = i
                let w = e & Self.wordBit != 0
                // (Stored always, kept when it is a start.)
                ws[nw] = k
                nw &+= w && !prevWord && e & startMask != 0 ? 1 : 0
                prevWord = w
                k &+= 1
            } else if Self.kind(e) > 2 {
                // An expansion (its units) or a complex scalar.
                unitCount = k
                wordStartCount = nw
                if !expand(e, i, n - i, startMask, &prevWord) { return .complex }
                k = unitCount
                nw = wordStartCount
                ue = unitEntry
                ub = unitByte
                ws = wordStarts
            }
            i &+= len
        }
        unitCount = k
        wordStartCount = nw
        return .searched
    }

    /// The scalar offset of byte offset `b` (a scalar boundary) of the text, counted from
    /// the last one asked for: matches come in order, so a line costs O(its length).
    @inline(__always)
    private func scalarOffset(_ b: Int) -> Int {
        let p = text
        var x = cursorByte, s = cursorScalar
        if b >= x {
            while x < b {
                s &+= p[x] & 0xC0 != 0x80 ? 1 : 0
                x &+= 1
            }
        } else {
            while x > b {
                x &-= 1
                s &-= p[x] & 0xC0 != 0x80 ? 1 : 0
            }
        }
        cursorByte = b
        cursorScalar = s
        return s
    }

    /// Appends the units of an expansion (entry `e`, at byte `i`, with `left`
    /// bytes from there to the end of the line); false for a complex scalar.
    @inline(never)
    private func expand(_ e: UInt64, _ i: Int, _ left: Int, _ startMask: UInt64, _ prevWord: inout Bool) -> Bool {
        if Self.kind(e) != 4 { return false }
        let ex = expansionEntries[Int(Self.folded(e))]
        var k = unitCount, nw = wordStartCount
        reserveUnits(k + ex.count + left + 1)
        for x in ex {
            unitEntry[k] = x
            unitByte[k] = i
            let w = x & Self.wordBit != 0
            if w && !prevWord && x & startMask != 0 {
                wordStarts[nw] = k
                nw += 1
            }
            prevWord = w
            k += 1
        }
        unitCount = k
        wordStartCount = nw
        return true
    }

    /// Decodes a scalar that is not ASCII nor a valid two-byte sequence: its value and
    /// length, or length 0 when `checked` and the bytes are not well-formed.
    @inline(never)
    static func decodeLong(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int, checked: Bool) -> (UInt32, Int) {
        if checked { return UTF8Scalars.decodeChecked(p, i, n) }
        let (c, len) = UTF8Scalars.decode(p, i)
        return (c, len)
    }

    /// Matches from the word starts, in order.
    private func scan() {
        let ws = wordStarts
        let overlapping = options.kind == .overlapping
        var coveredUntil = 0
        for j in 0..<wordStartCount {
            let k = ws[j]
            if overlapping || k >= coveredUntil {
                let end = matchAt(k)
                if end > coveredUntil { coveredUntil = end }
            }
        }

        if overlapping && matches.count > 1 {
            // Sort by start, longest first; the pattern lists travel with their match.
            let order = matches.indices.sorted {
                let a = matches[$0], b = matches[$1]
                return a.startPos != b.startPos ? a.startPos < b.startPos : a.endPos > b.endPos
            }
            matches = order.map { matches[$0] }
        }
    }

    /// Tries every start at the word beginning with unit `u`; records the chosen matches.
    /// Returns the end (unit) of the last match recorded (0 if none).
    func matchAt(_ u: Int) -> Int {
        cands.removeAll()
        walk(u, fromAlef: false)
        if options.arabicClitics {
            let ue = unitEntry
            let count = unitCount
            var k = u
            var kc = Self.clitic(ue[k])
            if kc == 1 {  // و ف
                let k2 = k + 1
                guard k2 < count, Self.isWord(ue[k2]) else { return select() }
                walk(k2, fromAlef: false)
                k = k2
                kc = Self.clitic(ue[k2])
            }
            let k3 = k + 1
            if kc >= 2, k3 < count, Self.isWord(ue[k3]) {  // ب ك ل
                walk(k3, fromAlef: false)
                if kc == 3 && Self.folded(ue[k3]) == ArabicClitic.lam && alefState != 0 {
                    walk(k3, fromAlef: true)
                }
            }
        }
        return cands.isEmpty ? 0 : select()
    }

    /// Walks the trie from the root (or from the article's alef) over the units from `u0`;
    /// every pattern end that falls on a word end becomes a candidate.
    @inline(__always)
    func walk(_ u0: Int, fromAlef: Bool) {
        let a = automaton
        let ue = unitEntry
        let count = unitCount
        let sep = UInt32(a.separatorCode)
        var k = u0
        var s: UInt64
        var code = Self.code(ue[k])
        if code == 0 { return }
        // The first steps by dense tables: the root's, then its child's row.
        let c1: UInt32
        if fromAlef {
            s = alefState
            c1 = alefCode
        } else {
            s = a.root[Int(code)]
            if s == 0 { return }
            if Automaton.hasOutput(s) { candidate(u0, k, s, fromAlef) }
            c1 = code
            k += 1
            if k >= count { return }
            code = Self.code(ue[k])
            if code == 0 { return }
            // A separator run counts as one (a word start is no separator, so not here).
            if code == sep && c1 == sep { return walkOn(u0, k + 1, s, true, fromAlef) }
        }
        let row = a.depth1Row[Int(c1)]
        let t = row != 0 ? a.depth1.unsafelyUnwrapped[Int(row) + Int(code)] : a.step(s, code)
        if t == 0 { return }
        if Automaton.hasOutput(t) { candidate(u0, k, t, fromAlef) }
        walkOn(u0, k + 1, t, code == sep, fromAlef)
    }

    /// Goes on walking from state `state` at unit `k`.
    @inline(__always)
    func walkOn(_ u0: Int, _ k0: Int, _ state: UInt64, _ afterSep: Bool, _ fromAlef: Bool) {
        let a = automaton
        let ue = unitEntry
        let count = unitCount
        let sep = UInt32(a.separatorCode)
        var s = state
        var lastSep = afterSep
        var k = k0
        while k < count {
            let code = Self.code(ue[k])
            if code == 0 { return }
            if code == sep && lastSep {
                k += 1
                continue
            }
            s = a.step(s, code)
            if s == 0 { return }
            lastSep = code == sep
            if Automaton.hasOutput(s) { candidate(u0, k, s, fromAlef) }
            k += 1
        }
    }

    /// A pattern ends at unit `k` in state `s`: a candidate if a word ends there. The end
    /// covers the attached deletions after the scalar.
    @inline(never)
    func candidate(_ u0: Int, _ k: Int, _ s: UInt64, _ fromAlef: Bool) {
        let ue = unitEntry
        if k + 1 < unitCount && Self.isWord(ue[k]) && Self.isWord(ue[k + 1]) { return }
        let p = text, n = textCount
        let start = unitByte[k]
        var q = start + UTF8Scalars.sequenceLength(lead: p[start])
        var endB = q
        while q < n {
            let (c2, l2) = p[q] < 0x80 ? (UInt32(p[q]), 1) : UTF8Scalars.decode(p, q)
            let k2 = Self.kind(entry(c2))
            if k2 == 1 {
                q += l2
                endB = q
            } else if k2 == 2 {
                q += l2
            } else {
                break
            }
        }
        cands.append(Candidate(startPos: u0, endPos: k + 1, endByte: endB, state: s, contracted: fromAlef))
    }

    /// Chooses among the candidates of one word start; returns the end (unit) of the last match recorded.
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
        let startByte = unitByte[c.startPos]
        let start = scalarOffset(startByte)
        matches.append(Match(start: start, end: scalarOffset(c.endByte), startByte: startByte, endByte: c.endByte,
                             patternsStart: matchedPatterns.count, patternsCount: verified.count,
                             startPos: c.startPos, endPos: c.endPos))
        matchedPatterns.append(contentsOf: verified)
        return true
    }

    /// Adds to `verified` the patterns of the candidate's node whose letter case fits the text.
    private func verify(_ c: Candidate) {
        let a = automaton
        var o = a.firstOutput(c.state)
        while true {
            let x = a.outIds[o]
            let id = Int(x & Automaton.patternMask)
            if options.caseMode == .insensitive || x & Automaton.asciiFlag == 0 || caseFits(c, a.patternUTF8(id)) {
                verified.append(Int32(id))
            }
            if x & Automaton.lastOutputFlag != 0 { break }
            o += 1
        }
    }

    /// Compares the letters of the text span with the pattern's, per ``CaseMode``.
    private func caseFits(_ c: Candidate, _ pat: UnsafeBufferPointer<UInt8>) -> Bool {
        // Only ASCII letters can differ in case (the trie made every key equal); the caller
        // knows the pattern has some.
        guard let pp = pat.baseAddress else { return true }
        let ue = unitEntry
        // Headline rule: no lowercase ASCII letter among the span's folded letters.
        var allCaps = true
        for k in c.startPos..<c.endPos {
            let f = Self.folded(ue[k])
            if f >= 0x61 && f <= 0x7A {
                allCaps = false
                break
            }
        }
        var pi = 0
        if c.contracted { pi += UTF8Scalars.sequenceLength(lead: pp[0]) }
        var prevTextWord = false
        var prevSep = false
        var k = c.startPos
        while k < c.endPos && pi < pat.count {
            let e = ue[k]
            k += 1
            let ft = Self.folded(e)
            let isSep = MatchKey.key(of: ft) == MatchKey.separator
            if isSep && prevSep { continue }
            prevSep = isSep
            let (q, ql) = UTF8Scalars.decode(pp, pi)
            if ft != q && MatchKey.isASCIILetter(ft) && MatchKey.isASCIILetter(q) {
                if options.caseMode == .sensitive { return false }
                let capitalized = ft < 0x61 && q >= 0x61 && !prevTextWord
                if !allCaps && !capitalized { return false }
            }
            prevTextWord = Self.isWord(e)
            pi += ql
        }
        return true
    }
}
