// ScalarFolding.swift — how each input scalar is seen by the matcher, and the match key.
import BitextCore

/// What a text normalization does to one scalar, when it does it regardless of context.
///
///     // the `search` profile:
///     "أ"  → .replace(0x0627)     (hamza seat folded to ا)
///     "َ"  → .deleteAttached      (a fatha belongs to the letter before it)
///     "\u{200F}" → .deleteStandalone  (an RLM stands alone)
///     "ﷺ"  → .expand([…])         (one scalar becomes several, whatever surrounds it)
///     "\u{0301}" → .complex       (an accent that composes with the letter before it)
public enum ScalarFold: Equatable, Sendable {
    /// Kept as it is.
    case keep
    /// Replaced by one other scalar.
    case replace(UInt32)
    /// Deleted as part of the scalar before it (diacritics, tatweel): a match ending on
    /// that scalar covers it.
    case deleteAttached
    /// Deleted on its own (bidi controls, zero-width characters): a match never starts
    /// or ends on it, but a word goes on across it (`ب\u{200F}يت` is one word).
    case deleteStandalone
    /// Replaced by several scalars (a ligature or a compatibility sequence such as ﻻ → لا,
    /// ﷺ → صلي الله عليه وسلم), whatever surrounds it. The matcher searches such a line
    /// through an expanded copy; a match inside the expansion covers the whole scalar.
    case expand([UInt32])
    /// Depends on its neighbours: the matcher gives up on the line, and the caller
    /// normalizes it as a whole and searches the normalized text.
    case complex
}

/// A per-scalar view of a text normalization, so the matcher can search text without
/// normalizing it first. Called once per distinct scalar and cached by each ``Searcher``.
///
///     struct Upper: ScalarFolding { func fold(_ c: UInt32) -> ScalarFold { .keep } }
public protocol ScalarFolding: Sendable {
    func fold(_ scalar: UInt32) -> ScalarFold
}

/// Leaves every scalar as it is: for text that is already normalized.
///
///     IdentityFolding().fold(0x0623)   // .keep  (أ stays أ)
public struct IdentityFolding: ScalarFolding {
    public init() {}
    public func fold(_ scalar: UInt32) -> ScalarFold { .keep }
}

/// The match key of a scalar: what the automaton compares. ASCII letters lose their case,
/// separators (space, hyphen) become one key, and apostrophes (`'` `’` `‘` `ʼ` `ʾ` `ʿ` `` ` ``)
/// another, so `al-Qaeda` matches `al Qaeda` and `Sana'a` matches `Sana’a`.
///
///     MatchKey.key(of: 0x41)     // 0x61  (A → a)
///     MatchKey.key(of: 0x2D)     // 0x20  (- → space)
///     MatchKey.key(of: 0x2019)   // 0x27  (’ → ')
public enum MatchKey {
    /// The key every separator maps to.
    public static let separator: UInt32 = 0x20
    /// The key every apostrophe maps to.
    public static let apostrophe: UInt32 = 0x27

    @inlinable
    public static func key(of c: UInt32) -> UInt32 {
        if c < 0x80 {
            if c >= 0x41 && c <= 0x5A { return c | 0x20 }
            if c == 0x2D { return separator }
            if c == 0x60 { return apostrophe }
            return c
        }
        switch c {
        case 0x2010, 0x2011: return separator
        case 0x2018, 0x2019, 0x02BC, 0x02BE, 0x02BF, 0x00B4: return apostrophe
        default: return c
        }
    }

    /// True for scalars that are part of a word: letters, marks and numbers.
    @inlinable
    public static func isWord(_ c: UInt32) -> Bool {
        if c < 0x80 {
            return (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39)
        }
        let gc = UnicodeTables.properties(of: c).generalCategory
        return gc.isLetter || gc.isMark || gc.isNumber
    }

    /// True for ASCII letters.
    @inlinable
    static func isASCIILetter(_ c: UInt32) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
}

/// The Arabic proclitics the matcher strips (as they look after the `search` fold).
enum ArabicClitic {
    static let waw: UInt32 = 0x0648  // و
    static let fa: UInt32 = 0x0641  // ف
    static let ba: UInt32 = 0x0628  // ب
    static let kaf: UInt32 = 0x0643  // ك
    static let lam: UInt32 = 0x0644  // ل
    static let alef: UInt32 = 0x0627  // ا

    /// 1: conjunction (و ف), 2: preposition (ب ك), 3: lam (ل).
    @inline(__always)
    static func kind(_ c: UInt32) -> UInt32 {
        switch c {
        case waw, fa: 1
        case ba, kaf: 2
        case lam: 3
        default: 0
        }
    }
}

/// Folds whole strings scalar by scalar through a ``ScalarFolding``, caching each scalar's
/// fold: for normalizing many patterns fast. Not thread-safe.
///
///     let f = FoldCache(folding: IdentityFolding())
///     var out: [UInt32] = []
///     f.fold("Benghazi", into: &out)   // true; out holds the scalars of "Benghazi"
public final class FoldCache {
    let folding: any ScalarFolding
    @exclusivity(unchecked) private var bmp: [UInt64]  // 0 unknown; else 1 | kind << 1 | folded << 32
    @exclusivity(unchecked) private var supp: [UInt32: UInt64] = [:]
    @exclusivity(unchecked) private var expansions: [[UInt32]] = []

    public init(folding: any ScalarFolding) {
        self.folding = folding
        bmp = Array(repeating: 0, count: 0x10000)
    }

    @inline(__always)
    private func entry(_ c: UInt32) -> UInt64 {
        if c < 0x10000, bmp[Int(c)] != 0 { return bmp[Int(c)] }
        if c >= 0x10000, let e = supp[c] { return e }
        var e: UInt64 = 1
        switch folding.fold(c) {
        case .keep: e |= UInt64(c) << 32
        case .replace(let d): e |= UInt64(d) << 32
        case .deleteAttached, .deleteStandalone: e |= 2
        case .complex: e |= 4
        case .expand(let seq):
            e |= 8 | UInt64(expansions.count) << 32
            expansions.append(seq)
        }
        if c < 0x10000 { bmp[Int(c)] = e } else { supp[c] = e }
        return e
    }

    /// Appends the folded scalars of valid UTF-8 `s` to `out` (deletions dropped).
    /// Returns false, leaving `out` as it was, when a scalar is ``ScalarFold/complex``.
    public func fold(utf8 s: UnsafeBufferPointer<UInt8>, into out: inout [UInt32]) -> Bool {
        guard let p = s.baseAddress else { return true }
        let mark = out.count
        var i = 0
        while i < s.count {
            let (c, len) = p[i] < 0x80 ? (UInt32(p[i]), 1) : UTF8Scalars.decode(p, i)
            let e = entry(c)
            if e & 4 != 0 {
                out.removeSubrange(mark...)
                return false
            }
            if e & 8 != 0 {
                out.append(contentsOf: expansions[Int(e >> 32)])
            } else if e & 2 == 0 {
                out.append(UInt32(truncatingIfNeeded: e >> 32))
            }
            i += len
        }
        return true
    }

    /// Folds valid UTF-8 `s` into `out` (from its start): the number of scalars, or -1
    /// when a scalar is ``ScalarFold/complex``.
    func fold(utf8 s: UnsafeBufferPointer<UInt8>, into out: inout GrowableBuffer<UInt32>) -> Int {
        out.count = 0
        guard let p = s.baseAddress else { return 0 }
        out.reserve(s.count)
        var o = out.base
        var k = 0
        var i = 0
        let n = s.count
        while i < n {
            let (c, len) = p[i] < 0x80 ? (UInt32(p[i]), 1) : UTF8Scalars.decode(p, i)
            let e = entry(c)
            if e & 0xE == 0 {
                o[k] = UInt32(truncatingIfNeeded: e >> 32)
                k += 1
            } else if e & 4 != 0 {
                return -1
            } else if e & 8 != 0 {
                let x = expansions[Int(e >> 32)]
                // Room for the expansion and one scalar per byte left.
                out.count = k
                out.reserve(k + x.count + (n - i))
                o = out.base
                for d in x {
                    o[k] = d
                    k += 1
                }
            }
            i += len
        }
        out.count = k
        return k
    }

    /// String convenience for ``fold(utf8:into:)``.
    @discardableResult
    public func fold(_ s: String, into out: inout [UInt32]) -> Bool {
        var s = s
        return s.withUTF8 { fold(utf8: $0, into: &out) }
    }
}
