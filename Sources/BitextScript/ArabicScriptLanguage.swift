// ArabicScriptLanguage.swift — which language an Arabic-script text is written in,
// judged from the letters that only some of them use.

/// Languages written in the Arabic script that bitext tells apart.
public enum ArabicScriptLanguage: String, Sendable, CaseIterable {
    case arabic = "ar"
    case persian = "fa"
    case urdu = "ur"
    /// Central Kurdish (Sorani).
    case kurdish = "ckb"
    case pashto = "ps"
}

/// The evidence for each Arabic-script language in a text, and the verdict.
///
///     ArabicScriptHint("پاکستان").language   // .persian  (پ and ک; nothing Urdu-only)
///     ArabicScriptHint("کراچی میں").language // .urdu     (ں)
///     ArabicScriptHint("بنغازي").language    // .arabic   (final ي with dots)
///     ArabicScriptHint("محمد").language      // nil       (letters every language shares)
public struct ArabicScriptHint: Equatable, Sendable {
    /// Letters pointing to each language.
    public private(set) var evidence: [ArabicScriptLanguage: Int] = [:]
    /// The most likely language, or nil when no letter decides.
    ///
    /// Letters only Urdu, Pashto or Kurdish use decide first (those languages also write the
    /// Persian letters); otherwise the Persian and the Arabic spellings are weighed.
    public var language: ArabicScriptLanguage? {
        let specific: [ArabicScriptLanguage] = [.urdu, .pashto, .kurdish]
        if let best = specific.filter({ evidence[$0, default: 0] > 0 }).max(by: { evidence[$0, default: 0] < evidence[$1, default: 0] }) {
            return best
        }
        let persian = evidence[.persian, default: 0]
        let arabic = evidence[.arabic, default: 0]
        if persian == 0 && arabic == 0 { return nil }
        return persian > arabic ? .persian : .arabic
    }

    public init(_ text: String) {
        for s in text.unicodeScalars { add(s.value) }
    }

    public init() {}

    /// Counts one scalar's evidence.
    public mutating func add(_ c: UInt32) {
        switch c {
        // Arabic spellings that Persian and Urdu write differently.
        case 0x0643, 0x064A, 0x0649, 0x0629, 0x0660...0x0669:  // ك ي ى ة, Arabic-Indic digits
            evidence[.arabic, default: 0] += 1
        // Persian letters (also used by Urdu, Kurdish, Pashto): پ چ ژ گ ک ی ۀ, Persian digits.
        case 0x067E, 0x0686, 0x0698, 0x06AF, 0x06A9, 0x06CC, 0x06C0, 0x06F0...0x06F9:
            evidence[.persian, default: 0] += 1
        // Urdu: ٹ ڈ ڑ ں ے ہ ھ ۓ
        case 0x0679, 0x0688, 0x0691, 0x06BA, 0x06D2, 0x06C1, 0x06BE, 0x06D3:
            evidence[.urdu, default: 0] += 2
        // Central Kurdish: ڕ ڵ ێ ۆ ە
        case 0x0695, 0x06B5, 0x06CE, 0x06C6, 0x06D5:
            evidence[.kurdish, default: 0] += 2
        // Pashto: ټ ډ ړ ږ ښ ګ ڼ ې ۍ ځ څ
        case 0x067C, 0x0689, 0x0693, 0x0696, 0x069A, 0x06AB, 0x06BC, 0x06D0, 0x06CD, 0x0681, 0x0685:
            evidence[.pashto, default: 0] += 2
        default:
            break
        }
    }
}
