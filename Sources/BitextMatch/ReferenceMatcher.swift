// ReferenceMatcher.swift — the definition of a match, written as plainly as possible.

/// The reference semantics of ``Searcher``: tries every pattern at every place of the
/// normalized text, with no trie and no cleverness. Quadratic; for tests and fuzzing, as
/// the oracle the automaton is checked against.
///
///     let r = ReferenceMatcher(patterns: [Array("مصر".unicodeScalars.map(\.value))],
///                              fold: { _ in .keep }, options: MatchOptions())
///     r.find(Array("مصرف ومصر".unicodeScalars.map(\.value)))   // [6..<9 → [0]]
public struct ReferenceMatcher {
    public let patterns: [[UInt32]]  // as given
    public let fold: (UInt32) -> ScalarFold
    public let options: MatchOptions

    public init(patterns: [[UInt32]], fold: @escaping (UInt32) -> ScalarFold, options: MatchOptions) {
        self.patterns = patterns
        self.fold = fold
        self.options = options
    }

    struct Unit {
        var scalar: UInt32  // folded
        var orig: Int
        var key: UInt32 { MatchKey.key(of: scalar) }
        var isWord: Bool { MatchKey.isWord(scalar) }
    }

    static func stored(_ p: [UInt32]) -> [UInt32] {
        var lo = 0, hi = p.count
        while lo < hi && !MatchKey.isWord(p[lo]) { lo += 1 }
        while hi > lo && AutomatonBuilder.isTrailingJunk(p[hi - 1]) { hi -= 1 }
        var out: [UInt32] = []
        for c in p[lo..<hi] {
            if MatchKey.key(of: c) == MatchKey.separator, let last = out.last, MatchKey.key(of: last) == MatchKey.separator {
                continue
            }
            out.append(c)
        }
        return out
    }

    /// The matches in `text` (scalars), with pattern indices into ``patterns``; nil when
    /// some scalar is ``ScalarFold/complex``.
    public func find(_ text: [UInt32]) -> [FoundMatch]? {
        var units: [Unit] = []
        var kinds: [ScalarFold] = []
        for (i, c) in text.enumerated() {
            let f = fold(c)
            kinds.append(f)
            switch f {
            case .complex: return nil
            case .deleteAttached, .deleteStandalone: continue
            case .keep: units.append(Unit(scalar: c, orig: i))
            case .replace(let d): units.append(Unit(scalar: d, orig: i))
            case .expand(let seq): for d in seq { units.append(Unit(scalar: d, orig: i)) }
            }
        }
        // Separator runs count as one.
        var collapsed: [Unit] = []
        for u in units {
            if u.key == MatchKey.separator, let last = collapsed.last, last.key == MatchKey.separator { continue }
            collapsed.append(u)
        }
        units = collapsed

        func endOffset(_ lastOrig: Int) -> Int {
            var end = lastOrig + 1
            var k = lastOrig + 1
            while k < text.count {
                switch kinds[k] {
                case .deleteAttached: end = k + 1
                case .deleteStandalone: break
                default: return end
                }
                k += 1
            }
            return end
        }

        // Candidates in positions of the normalized text (units), chosen there, then mapped.
        var found: [(start: Int, end: Int, pattern: Int)] = []
        for (pi, raw) in patterns.enumerated() {
            let p = Self.stored(raw)
            if p.isEmpty { continue }
            for u in 0..<units.count {
                var starts: [(Int, Bool)] = []  // (offset into pattern, contracted)
                let wordStart = u == 0 || !units[u - 1].isWord
                if wordStart {
                    starts.append((0, false))
                } else if options.arabicClitics {
                    var w = u
                    while w > 0 && units[w - 1].isWord { w -= 1 }
                    let prefix = units[w..<u].map(\.scalar)
                    let conj: Set<UInt32> = [0x0648, 0x0641], prep: Set<UInt32> = [0x0628, 0x0643, 0x0644]
                    let ok: Bool
                    switch prefix.count {
                    case 1: ok = conj.contains(prefix[0]) || prep.contains(prefix[0])
                    case 2: ok = conj.contains(prefix[0]) && prep.contains(prefix[1])
                    default: ok = false
                    }
                    if ok { starts.append((0, false)) }
                    if prefix.last == 0x0644 && (prefix.count == 1 || (prefix.count == 2 && conj.contains(prefix[0])))
                        && units[u].scalar == 0x0644 && p.first == 0x0627 {
                        starts.append((1, true))
                    }
                }
                for (off, contracted) in starts {
                    let rest = Array(p[off...])
                    if rest.isEmpty || u + rest.count > units.count { continue }
                    var same = true
                    for k in 0..<rest.count where units[u + k].key != MatchKey.key(of: rest[k]) {
                        same = false
                        break
                    }
                    if !same { continue }
                    let e = u + rest.count - 1
                    if units[e].isWord && e + 1 < units.count && units[e + 1].isWord { continue }
                    if !caseFits(Array(units[u...e]), rest) { continue }
                    _ = contracted
                    found.append((u, e + 1, pi))
                }
            }
        }
        // Group by place.
        var groups: [(start: Int, end: Int, patterns: Set<Int>)] = []
        for f in found {
            if let g = groups.firstIndex(where: { $0.start == f.start && $0.end == f.end }) {
                groups[g].patterns.insert(f.pattern)
            } else {
                groups.append((f.start, f.end, [f.pattern]))
            }
        }
        groups.sort { $0.start != $1.start ? $0.start < $1.start : $0.end > $1.end }
        var result: [FoundMatch] = []
        var lastEnd = 0
        for g in groups {
            if options.kind == .leftmostLongest {
                if g.start < lastEnd { continue }
                lastEnd = g.end
            }
            result.append(FoundMatch(range: units[g.start].orig..<endOffset(units[g.end - 1].orig), patterns: g.patterns.sorted()))
        }
        return result
    }

    func caseFits(_ span: [Unit], _ pattern: [UInt32]) -> Bool {
        let allCaps = !span.contains { $0.scalar >= 0x61 && $0.scalar <= 0x7A }
        for k in 0..<span.count {
            let t = span[k].scalar, q = pattern[k]
            guard t != q, MatchKey.isASCIILetter(t), MatchKey.isASCIILetter(q) else { continue }
            switch options.caseMode {
            case .insensitive: continue
            case .sensitive: return false
            case .smart:
                let capitalized = t < 0x61 && q >= 0x61 && (k == 0 || !span[k - 1].isWord)
                if !(allCaps || capitalized) { return false }
            }
        }
        return true
    }
}

