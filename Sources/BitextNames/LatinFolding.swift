// LatinFolding.swift — the form in which two Latin spellings count as the same spelling.
import BitextCore

/// Folding of Latin-script name spellings.
///
/// The *identity* of a spelling is what a reader (and the evaluation) treats as the same
/// spelling: lowercase, accents stripped, apostrophes and ʿ ʾ ‘ ’ dropped, hyphens and
/// underscores turned into spaces, runs of spaces collapsed.
///
///     LatinFolding.identity("Abd al-Raḥmān")   // "abd al rahman"
///     LatinFolding.identity("Mu'ammar")        // "muammar"
///     LatinFolding.identity("Farès  Belhassen") // "fares belhassen"
public enum LatinFolding {
    /// The identity of `spelling` (see ``LatinFolding``).
    ///
    /// - Complexity: O(n).
    public static func identity(_ spelling: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(spelling.utf8.count)
        appendIdentity(of: spelling.unicodeScalars, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the identity of `scalars` to `out` (UTF-8).
    public static func appendIdentity(of scalars: some Sequence<Unicode.Scalar>, to out: inout [UInt8]) {
        let start = out.count
        var pendingSpace = false
        for s in scalars {
            let v = s.value
            if v < 0x80 {
                let b = UInt8(v)
                switch b {
                case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                    flushSpace(&out, start, &pendingSpace)
                    out.append(b | 0x20)
                case UInt8(ascii: "'"), UInt8(ascii: "`"):
                    continue
                case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: " "), 0x09...0x0D:
                    pendingSpace = true
                default:
                    flushSpace(&out, start, &pendingSpace)
                    out.append(b)
                }
                continue
            }
            if isApostrophe(v) { continue }
            if (0x2010...0x2015).contains(v) || s.properties.isWhitespace {
                pendingSpace = true
                continue
            }
            if s.properties.generalCategory == .nonspacingMark || s.properties.generalCategory == .enclosingMark {
                continue
            }
            if let folded = accentFold(v) {
                flushSpace(&out, start, &pendingSpace)
                folded.withUTF8Buffer { out.append(contentsOf: $0) }
                continue
            }
            flushSpace(&out, start, &pendingSpace)
            for l in s.properties.lowercaseMapping.unicodeScalars {
                UTF8Scalars.encode(l.value, into: &out)
            }
        }
    }

    @inline(__always)
    private static func flushSpace(_ out: inout [UInt8], _ start: Int, _ pending: inout Bool) {
        if pending {
            if out.count > start { out.append(0x20) }
            pending = false
        }
    }

    /// ʿ ʾ ‘ ’ ʼ ʻ ´ and the other apostrophe-like marks names are written with.
    @inline(__always)
    static func isApostrophe(_ v: UInt32) -> Bool {
        switch v {
        case 0x00B4, 0x02B9, 0x02BB, 0x02BC, 0x02BE, 0x02BF, 0x2018, 0x2019, 0x201B, 0x2032: true
        default: false
        }
    }

    /// The ASCII letters a Latin letter with a diacritic folds to (é → e, ß → ss).
    static func accentFold(_ v: UInt32) -> StaticString? {
        guard (0x00C0...0x024F).contains(v) || (0x1E00...0x1EFF).contains(v) else { return nil }
        return accentIndex[v]
    }

    private static let accentIndex: [UInt32: StaticString] = {
        var d: [UInt32: StaticString] = [:]
        for (k, v) in accentTable { d[k] = v }
        return d
    }()
}
