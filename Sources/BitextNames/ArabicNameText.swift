// ArabicNameText.swift — words, units and particles of a (search-folded) Arabic name.

/// Helpers for Arabic name text that has been folded by the `search` normalization profile
/// (hamza seats, alef maksura and ta marbuta folded; diacritics and tatweel gone).
public enum ArabicNameText {
    /// True for the Arabic-script letters names are written with (U+0620–U+064A,
    /// U+066E–U+06D3, U+06FA–U+06FF).
    @inline(__always)
    public static func isLetter(_ v: UInt32) -> Bool {
        (0x0620...0x064A).contains(v) || (0x066E...0x06D3).contains(v) || (0x06FA...0x06FF).contains(v)
    }

    /// True when `s` has at least one Arabic-script letter.
    public static func hasArabicLetter(_ s: String) -> Bool {
        s.unicodeScalars.contains { isLetter($0.value) }
    }

    /// The words of a name: maximal runs of Arabic letters, and runs of any other letters or
    /// digits (kept as they are). Spaces, punctuation and symbols separate words.
    ///
    ///     ArabicNameText.words("هوش يايا•عدن")   // ["هوش", "يايا", "عدن"]
    public static func words(_ s: String) -> [Word] {
        var out: [Word] = []
        var cur: [UInt32] = []
        var curArabic = false
        func flush() {
            if !cur.isEmpty { out.append(Word(scalars: cur, isArabic: curArabic)) }
            cur.removeAll()
        }
        for u in s.unicodeScalars {
            let v = u.value
            if isLetter(v) {
                if !curArabic { flush() }
                curArabic = true
                cur.append(v)
            } else if u.properties.isAlphabetic || u.properties.numericType != nil || v == 0x27 || v == 0x2019 {
                if curArabic { flush() }
                curArabic = false
                cur.append(v)
            } else {
                flush()
            }
        }
        flush()
        return out
    }

    /// One word of a name.
    public struct Word: Sendable, Equatable {
        /// The word's scalars (Unicode code points).
        public var scalars: [UInt32]
        /// True for a run of Arabic letters (`حسن`), false for other letters or digits (`Ali`, `2`).
        public var isArabic: Bool
        /// The word as a string.
        public var text: String {
            var s = ""
            s.unicodeScalars.append(contentsOf: scalars.compactMap(Unicode.Scalar.init))
            return s
        }
    }

    static let al: [UInt32] = [0x0627, 0x0644]  // ال
    static let abd: [UInt32] = [0x0639, 0x0628, 0x062F]  // عبد
    static let allah: [UInt32] = [0x0627, 0x0644, 0x0644, 0x0647]  // الله

    /// The sun letters: ال before them is pronounced as the letter (ash-Shams, ad-Din).
    @inline(__always)
    public static func isSunLetter(_ v: UInt32) -> Bool {
        switch v {
        case 0x062A, 0x062B, 0x062F, 0x0630, 0x0631, 0x0632, 0x0633, 0x0634, 0x0635, 0x0636, 0x0637, 0x0638,
             0x0644, 0x0646: true
        default: false
        }
    }

    /// `ال` followed by at least two letters, and not `الله`.
    public static func hasArticle(_ w: [UInt32]) -> Bool {
        w.count >= 4 && w[0] == 0x0627 && w[1] == 0x0644 && w != allah
    }
}
