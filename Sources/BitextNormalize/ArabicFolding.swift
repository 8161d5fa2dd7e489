// ArabicFolding.swift — the character data behind the Arabic steps.
//
// Written by the bitext team from the Unicode code charts (Arabic, Arabic Supplement,
// Arabic Extended-A/B, Arabic Presentation Forms); each range is named below.

enum ArabicFolding {
    /// Arabic diacritics and Quranic annotation marks (strip-diacritics).
    static func isDiacritic(_ c: UInt32) -> Bool {
        switch c {
        case 0x0610...0x061A,  // honorific signs, small high ligatures, small fatha/damma/kasra
             0x064B...0x065F,  // tanween, harakat, shadda, sukun, madda/hamza above/below, …
             0x0670,           // superscript (dagger) alef
             0x06D6...0x06DC,  // small high ligatures, small high meem/seen/noon
             0x06DF...0x06E8,  // small high rounded zero … small high noon, small waw/yeh
             0x06EA...0x06ED,  // empty centre stops, small low meem
             0x0898...0x089F,  // Arabic Extended-B marks
             0x08CA...0x08E1,  // Arabic Extended-A/B small high letters and marks
             0x08E3...0x08FF:  // Arabic Extended-A tanween forms, turned damma, …
            return true
        default:
            return false
        }
    }

    /// fold-hamza: the letter a hamza/madda/wasla-carrying letter folds to (0 = drop).
    static func hamzaFold(_ c: UInt32) -> UInt32? {
        switch c {
        case 0x0622, 0x0623, 0x0625, 0x0671, 0x0672, 0x0673: 0x0627  // آ أ إ ٱ ٲ ٳ → ا
        case 0x0624: 0x0648  // ؤ → و
        case 0x0626: 0x064A  // ئ → ي
        case 0x0674: 0  // high hamza (left by NFKC from ٵ ٶ ٷ ٸ)
        default: nil
        }
    }

    /// fold-persian: Persian and Urdu look-alikes → their Arabic twins.
    static func persianFold(_ c: UInt32) -> UInt32? {
        switch c {
        case 0x06A9, 0x06AA: 0x0643  // ک ڪ → ك
        case 0x06CC, 0x06D2, 0x06D3: 0x064A  // ی ے ۓ → ي
        case 0x06C1, 0x06C2, 0x06C0, 0x06D5, 0x06BE: 0x0647  // ہ ۂ ۀ ە ھ → ه
        case 0x06C3: 0x0647  // ۃ (teh marbuta goal) → ه
        default: nil
        }
    }

    /// fold-digits: Arabic-Indic and Persian digits, and Arabic number punctuation.
    static func digitFold(_ c: UInt32) -> UInt32? {
        switch c {
        case 0x0660...0x0669: 0x30 + (c - 0x0660)
        case 0x06F0...0x06F9: 0x30 + (c - 0x06F0)
        case 0x066B: 0x2E  // ٫ decimal separator
        case 0x066C: 0x2C  // ٬ thousands separator
        case 0x066A: 0x25  // ٪ percent sign
        default: nil
        }
    }

    /// The bidi controls.
    static func bidiControl(_ c: UInt32) -> BidiControl? {
        switch c {
        case 0x061C: .alm
        case 0x200E: .lrm
        case 0x200F: .rlm
        case 0x202A: .lre
        case 0x202B: .rle
        case 0x202C: .pdf
        case 0x202D: .lro
        case 0x202E: .rlo
        case 0x2066: .lri
        case 0x2067: .rli
        case 0x2068: .fsi
        case 0x2069: .pdi
        default: nil
        }
    }
}

/// The twelve bidi format characters.
public enum BidiControl: UInt8, Sendable, CaseIterable, CustomStringConvertible {
    case lrm, rlm, alm, lre, rle, pdf, lro, rlo, lri, rli, fsi, pdi

    /// The code point.
    public var scalar: UInt32 {
        switch self {
        case .lrm: 0x200E
        case .rlm: 0x200F
        case .alm: 0x061C
        case .lre: 0x202A
        case .rle: 0x202B
        case .pdf: 0x202C
        case .lro: 0x202D
        case .rlo: 0x202E
        case .lri: 0x2066
        case .rli: 0x2067
        case .fsi: 0x2068
        case .pdi: 0x2069
        }
    }

    /// The abbreviation Unicode uses ("RLO").
    public var description: String {
        switch self {
        case .lrm: "LRM"
        case .rlm: "RLM"
        case .alm: "ALM"
        case .lre: "LRE"
        case .rle: "RLE"
        case .pdf: "PDF"
        case .lro: "LRO"
        case .rlo: "RLO"
        case .lri: "LRI"
        case .rli: "RLI"
        case .fsi: "FSI"
        case .pdi: "PDI"
        }
    }

    /// Opens an embedding or override (closed by PDF).
    public var opensEmbedding: Bool { self == .lre || self == .rle || self == .lro || self == .rlo }
    /// Opens an isolate (closed by PDI).
    public var opensIsolate: Bool { self == .lri || self == .rli || self == .fsi }
    /// An override (LRO, RLO): forces direction on the text that follows — the Trojan Source device.
    public var isOverride: Bool { self == .lro || self == .rlo }

    public init?(scalar: UInt32) {
        guard let c = ArabicFolding.bidiControl(scalar) else { return nil }
        self = c
    }
}
