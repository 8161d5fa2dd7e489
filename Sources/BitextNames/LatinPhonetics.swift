// LatinPhonetics.swift — romanized names reduced to sounds, and a distance that knows which
// letters romanizations swap.

/// A canonical phonetic spelling of a romanized name word, and an edit distance with
/// substitution costs that follow how Arabic names are romanized (Editex-like: q/k/g, th/s,
/// dh/d/z, ou/u/oo, e/a, kh/h cheap; a consonant for another expensive).
///
/// Symbols: vowels `a` (a, e), `i` (i, ee, ie, final y), `u` (u, o, ou, oo), `Y` (ai, ay, ei,
/// ey), `W` (au, aw); consonants as in English, plus `S` (sh, ch), `T` (th), `D` (dh), `x`
/// (kh), `G` (gh), `j` (j, dj, zh). Double letters count once; a final h after a vowel is
/// silent.
///
///     LatinPhonetics.canonical("gaddafi")   // "gadafi"
///     LatinPhonetics.canonical("Qadhafi")   // "qaDafi"
///     LatinPhonetics.canonical("Hussein")   // "husYn"
///     LatinPhonetics.similarity("hassan", "hussein")   // ≈ 0.71: different names
///     LatinPhonetics.similarity("gaddafi", "qadhafi")  // ≈ 0.875: one name
public enum LatinPhonetics {
    /// The canonical form of one word (any case; letters outside a–z are ignored after
    /// folding accents).
    public static func canonical(_ word: String) -> String {
        var id: [UInt8] = []
        LatinFolding.appendIdentity(of: word.unicodeScalars, to: &id)
        return String(decoding: canonical(identity: id), as: UTF8.self)
    }

    @inline(__always) static func isVowel(_ b: UInt8) -> Bool {
        b == 0x61 || b == 0x65 || b == 0x69 || b == 0x6F || b == 0x75
    }

    /// The canonical symbols of an identity-folded word (bytes a–z; others skipped).
    static func canonical(identity raw: [UInt8]) -> [UInt8] {
        let w = raw.filter { $0 >= 0x61 && $0 <= 0x7A }
        var out: [UInt8] = []
        out.reserveCapacity(w.count)
        let n = w.count
        var i = 0
        func at(_ k: Int) -> UInt8 { k < n ? w[k] : 0 }
        func emit(_ s: UInt8) {
            if let last = out.last, last == s { return }  // double letters count once
            out.append(s)
        }
        while i < n {
            let c = w[i]
            let c1 = at(i + 1)
            let c2 = at(i + 2)
            // consonant digraphs and trigraphs
            switch (c, c1, c2) {
            case (0x73, 0x63, 0x68), (0x74, 0x63, 0x68):  // sch, tch
                emit(UInt8(ascii: "S")); i += 3; continue
            case (0x64, 0x7A, 0x68):  // dzh
                emit(UInt8(ascii: "j")); i += 3; continue
            default: break
            }
            switch (c, c1) {
            case (0x64, 0x6A), (0x7A, 0x68): emit(UInt8(ascii: "j")); i += 2; continue  // dj, zh
            case (0x6B, 0x68): emit(UInt8(ascii: "x")); i += 2; continue  // kh
            case (0x67, 0x68): emit(UInt8(ascii: "G")); i += 2; continue  // gh
            case (0x73, 0x68), (0x63, 0x68): emit(UInt8(ascii: "S")); i += 2; continue  // sh, ch
            case (0x74, 0x68): emit(UInt8(ascii: "T")); i += 2; continue  // th
            case (0x64, 0x68): emit(UInt8(ascii: "D")); i += 2; continue  // dh
            case (0x70, 0x68): emit(UInt8(ascii: "f")); i += 2; continue  // ph
            case (0x63, 0x6B): emit(UInt8(ascii: "k")); i += 2; continue  // ck
            default: break
            }
            if isVowel(c) {
                var j = i
                while j < n && isVowel(w[j]) { j += 1 }
                // a following y closes a diphthong (ay, ey) unless a vowel follows it
                var run = Array(w[i..<j])
                if j < n && w[j] == 0x79 && !isVowel(at(j + 1)) {
                    run.append(0x79)
                    j += 1
                }
                for s in vowelRun(run, initial: i == 0, final: j >= n) { emit(s) }
                i = j
                continue
            }
            switch c {
            case 0x79:  // y: a consonant before a vowel, else the vowel i
                emit(isVowel(c1) ? UInt8(ascii: "y") : UInt8(ascii: "i"))
            case 0x68:  // h: silent at the end after a vowel
                if i == n - 1 && i > 0 && (isVowel(w[i - 1]) || w[i - 1] == 0x79) { break }
                emit(UInt8(ascii: "h"))
            case 0x63:  // c: s before e, i, y; else k
                emit(c1 == 0x65 || c1 == 0x69 || c1 == 0x79 ? UInt8(ascii: "s") : UInt8(ascii: "k"))
            case 0x78:  // x
                emit(UInt8(ascii: "k"))
                out.append(UInt8(ascii: "s"))
            default:
                emit(c)
            }
            i += 1
        }
        return out
    }

    static func vowelRun(_ r: [UInt8], initial: Bool, final: Bool) -> [UInt8] {
        let s = String(decoding: r, as: UTF8.self)
        switch s {
        case "ai", "ay", "ei", "ey", "aye", "eye", "aiy", "eiy", "ayy", "aie", "aii": return [UInt8(ascii: "Y")]
        case "au", "aw", "ao": return [UInt8(ascii: "W")]
        case "ee", "ie", "ii", "iy", "ei_": return [UInt8(ascii: "i")]
        case "oo", "ou", "uu", "oe", "ue", "uo": return [UInt8(ascii: "u")]
        default: break
        }
        var out: [UInt8] = []
        for b in r {
            let m: UInt8
            switch b {
            case 0x61, 0x65: m = UInt8(ascii: "a")
            case 0x69, 0x79: m = UInt8(ascii: "i")
            default: m = UInt8(ascii: "u")
            }
            if out.last != m { out.append(m) }
        }
        return out
    }

    @inline(__always) static func isVowelSymbol(_ s: UInt8) -> Bool {
        s == 0x61 || s == 0x69 || s == 0x75 || s == 0x59 || s == 0x57  // a i u Y W
    }

    /// Weight of a symbol in the length a distance is normalized by.
    @inline(__always) static func weight(_ s: UInt8) -> Double { isVowelSymbol(s) ? 0.6 : 1.0 }

    /// Cost of inserting or deleting a symbol: vowels and h are often not written.
    @inline(__always) static func indel(_ s: UInt8) -> Double {
        if isVowelSymbol(s) { return 0.5 }
        switch s {
        case UInt8(ascii: "h"), UInt8(ascii: "y"), UInt8(ascii: "w"): return 0.6
        default: return 1.0
        }
    }

    /// Substitution cost between two symbols (0 when equal).
    static func substitution(_ a: UInt8, _ b: UInt8) -> Double {
        if a == b { return 0 }
        return substitutionTable[Int(a & 0x7F) << 7 | Int(b & 0x7F)]
    }

    static let substitutionTable: [Double] = {
        var t = [Double](repeating: 1.0, count: 128 * 128)
        func set(_ x: String, _ y: String, _ c: Double) {
            for a in x.utf8 {
                for b in y.utf8 where a != b {
                    t[Int(a) << 7 | Int(b)] = c
                    t[Int(b) << 7 | Int(a)] = c
                }
            }
        }
        set("aiu", "aiu", 0.5)
        set("Y", "i", 0.5)
        set("Y", "a", 0.7)
        set("Y", "u", 0.8)
        set("W", "u", 0.5)
        set("W", "a", 0.7)
        set("kqgG", "kqgG", 0.3)
        set("x", "h", 0.4)
        set("x", "kG", 0.6)
        set("td", "td", 0.4)
        set("T", "t", 0.3)
        set("T", "sd", 0.4)
        set("D", "dz", 0.3)
        set("D", "tT", 0.4)
        set("z", "ds", 0.5)
        set("sS", "sS", 0.6)
        set("j", "g", 0.4)
        set("j", "zS", 0.6)
        set("fv", "fv", 0.3)
        set("vw", "vw", 0.3)
        set("bp", "bp", 0.3)
        set("y", "i", 0.3)
        set("w", "u", 0.3)
        set("h", "G", 0.6)
        return t
    }()

    /// Weighted edit distance between canonical symbol strings.
    static func distance(_ a: [UInt8], _ b: [UInt8]) -> Double {
        let n = a.count
        let m = b.count
        if n == 0 { return b.reduce(0) { $0 + indel($1) } }
        if m == 0 { return a.reduce(0) { $0 + indel($1) } }
        // Two rows on the stack (words are short; no allocation per comparison).
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * (m + 1)) { rows in
            var prev = rows.baseAddress!
            var cur = prev + (m + 1)
            prev[0] = 0
            for j in 1...m { prev[j] = prev[j - 1] + indel(b[j - 1]) }
            for i in 1...n {
                cur[0] = prev[0] + indel(a[i - 1])
                let ai = a[i - 1]
                for j in 1...m {
                    let bj = b[j - 1]
                    let sub = prev[j - 1] + substitution(ai, bj)
                    let del = prev[j] + indel(ai)
                    let ins = cur[j - 1] + indel(bj)
                    cur[j] = min(sub, min(del, ins))
                }
                swap(&prev, &cur)
            }
            return prev[m]
        }
    }

    /// Similarity in [0, 1] of two canonical symbol strings: 1 − distance / the larger
    /// weighted length.
    static func similarity(canonical a: [UInt8], _ b: [UInt8]) -> Double {
        if a == b { return 1 }
        let la = a.reduce(0) { $0 + weight($1) }
        let lb = b.reduce(0) { $0 + weight($1) }
        let norm = max(la, lb)
        if norm == 0 { return 1 }
        return max(0, 1 - distance(a, b) / norm)
    }

    /// Similarity in [0, 1] of two romanized words.
    public static func similarity(_ a: String, _ b: String) -> Double {
        var ia: [UInt8] = []
        var ib: [UInt8] = []
        LatinFolding.appendIdentity(of: a.unicodeScalars, to: &ia)
        LatinFolding.appendIdentity(of: b.unicodeScalars, to: &ib)
        return similarity(canonical: canonical(identity: ia), canonical(identity: ib))
    }
}
