// ICUCharacterProperties.swift — per-code-point Unicode properties straight from ICU.
//
// bitext's hot paths use its own generated tables (BitextCore.UnicodeTables); these
// calls exist to generate those tables and to check them against ICU in tests.
internal import CICU

/// Unicode character properties as ICU reports them.
///
/// ICU's enumerations are translated through explicit tables into plain values:
/// scripts as ISO 15924 codes, general categories as their two-letter aliases.
public enum ICUCharacterProperties {
    /// The Script property as an ISO 15924 code (`"Arab"`, `"Latn"`, `"Zyyy"`, `"Zinh"`).
    ///
    ///     ICUCharacterProperties.scriptCode(of: 0x0628) // "Arab" (ب)
    public static func scriptCode(of scalar: UInt32) -> String {
        var status: Int32 = 0
        let s = bx_script(Int32(bitPattern: scalar), &status)
        return scriptCode(icuScript: s)
    }

    /// Script_Extensions as ISO 15924 codes, e.g. `["Arab", "Nkoo", …]` for U+060C ARABIC COMMA.
    public static func scriptExtensionCodes(of scalar: UInt32) -> [String] {
        var status: Int32 = 0
        var buf = [Int32](repeating: 0, count: 64)
        let n = bx_script_extensions(Int32(bitPattern: scalar), &buf, 64, &status)
        if icuFailed(status) { return [scriptCode(of: scalar)] }
        return buf.prefix(Int(min(n, 64))).map { scriptCode(icuScript: $0) }
    }

    /// Every script ICU knows, as (ISO 15924 code, long name), in ICU's numbering order.
    public static var allScripts: [(code: String, name: String)] {
        (0..<bx_script_limit()).map { i in
            let short = bx_script_short_name(i).map { String(cString: $0) } ?? "Zzzz"
            let long = bx_script_long_name(i).map { String(cString: $0) } ?? short
            return (short, long)
        }
    }

    static func scriptCode(icuScript s: Int32) -> String {
        guard let p = bx_script_short_name(s) else { return "Zzzz" }
        return String(cString: p)
    }

    /// The General_Category as its two-letter alias (`"Lo"`, `"Mn"`, `"Zs"` …).
    public static func generalCategory(of scalar: UInt32) -> String {
        let v = Int(bx_general_category(Int32(bitPattern: scalar)))
        return v < generalCategoryAliases.count ? generalCategoryAliases[v] : "Cn"
    }

    // ICU's UCharCategory numbering (U_UNASSIGNED = 0 … U_FINAL_PUNCTUATION = 29).
    private static let generalCategoryAliases = [
        "Cn", "Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Me", "Mc", "Nd", "Nl", "No", "Zs", "Zl", "Zp",
        "Cc", "Cf", "Co", "Cs", "Pd", "Ps", "Pe", "Pc", "Po", "Sm", "Sc", "Sk", "So", "Pi", "Pf",
    ]

    /// The Bidi_Class as its alias (`"L"`, `"R"`, `"AL"`, `"EN"`, `"RLO"` …).
    public static func bidiClass(of scalar: UInt32) -> String {
        let v = Int(bx_bidi_class(Int32(bitPattern: scalar)))
        return v < bidiClassAliases.count ? bidiClassAliases[v] : "L"
    }

    // ICU's UCharDirection numbering.
    private static let bidiClassAliases = [
        "L", "R", "EN", "ES", "ET", "AN", "CS", "B", "S", "WS", "ON", "LRE", "LRO", "AL", "RLE",
        "RLO", "PDF", "NSM", "BN", "FSI", "LRI", "RLI", "PDI",
    ]

    /// Bidi_Paired_Bracket_Type and Bidi_Paired_Bracket: `.open(")")`-style information.
    public static func pairedBracket(of scalar: UInt32) -> (type: Int, pair: UInt32) {
        let t = Int(bx_bidi_bracket_type(Int32(bitPattern: scalar)))
        let p = UInt32(bitPattern: bx_bidi_paired_bracket(Int32(bitPattern: scalar)))
        return (t, p)
    }

    /// The canonical combining class.
    public static func combiningClass(of scalar: UInt32) -> Int {
        Int(bx_combining_class(Int32(bitPattern: scalar)))
    }

    /// Binary properties bitext asks ICU about.
    public enum BinaryProperty: Int32, Sendable {
        case whiteSpace = 0, defaultIgnorable, alphabetic, bidiControl, joinControl, lowercase,
            uppercase, variationSelector, diacritic
    }

    public static func has(_ property: BinaryProperty, _ scalar: UInt32) -> Bool {
        bx_has_property(Int32(bitPattern: scalar), property.rawValue) != 0
    }

    /// Simple lowercase mapping (one code point to one).
    public static func lowercase(_ scalar: UInt32) -> UInt32 {
        UInt32(bitPattern: bx_to_lower(Int32(bitPattern: scalar)))
    }
}
