// RomanizationScheme.swift — standard letter-by-letter romanizations, by ICU rule files.
import BitextData
import ICUBridge

/// A standard romanization of Arabic script, letter by letter (not news spelling).
///
/// The rules are ICU transliteration rules in `Lexicons/translit/`, compiled into the
/// binary. Only Buckwalter is reversible.
///
///     let bw = try SchemeTransliterator(.buckwalter)
///     bw.romanize("القذافي")   // "Alq*Afy"
///     bw.arabize("Alq*Afy")    // "القذافي"
public enum RomanizationScheme: String, Sendable, CaseIterable {
    /// Tim Buckwalter's one-to-one ASCII transliteration; lossless both ways.
    case buckwalter
    /// ALA-LC (Library of Congress): ḥ, kh, ʻ, long vowels ā ī ū, al-.
    case alaLC = "ala-lc"
    /// BGN/PCGN 1956: ḩ, ş, ţ, ‘, the article assimilated (ash Shāriqah).
    case bgnPCGN = "bgn-pcgn"
    /// ISO 233 style strict transliteration: ṯ ǧ ḥ ẖ ḏ š ṣ ḍ ṭ ẓ ʿ ġ ẗ.
    case iso233

    /// The ICU rules of the scheme, as embedded.
    public var rules: String? {
        EmbeddedData.blob(named: "translit/" + rawValue).map { String(decoding: $0, as: UTF8.self) }
    }

    /// True when the scheme reads back into Arabic.
    public var isReversible: Bool { self == .buckwalter }
}

/// Why a scheme could not be compiled.
public enum SchemeError: Error, CustomStringConvertible, Sendable {
    /// The binary has no embedded rules for the scheme.
    case noRules(RomanizationScheme)
    /// ICU rejected the rules (with the rule line and offset when it says).
    case icu(ICUError)

    /// What went wrong.
    public var description: String {
        switch self {
        case .noRules(let s): "no embedded rules for scheme \(s.rawValue)"
        case .icu(let e): e.description
        }
    }
}

/// A compiled romanization scheme. Not thread-safe (ICU transliterators are not): give each
/// thread its own ``copy()``. Call it per name or per line, never on a whole document (ICU
/// transliteration is quadratic on long buffers).
public struct SchemeTransliterator {
    /// The scheme compiled.
    public let scheme: RomanizationScheme
    let forward: ICUTransliterator
    let reverse: ICUTransliterator?

    /// Compiles the embedded rules of `scheme`.
    public init(_ scheme: RomanizationScheme) throws(SchemeError) {
        guard let rules = scheme.rules else { throw .noRules(scheme) }
        try self.init(scheme, rules: rules)
    }

    /// Compiles `rules` (ICU transliteration rule syntax) for `scheme`.
    public init(_ scheme: RomanizationScheme, rules: String) throws(SchemeError) {
        self.scheme = scheme
        do {
            forward = try ICUTransliterator(id: "bitext-\(scheme.rawValue)", rules: rules)
            reverse = scheme.isReversible
                ? try ICUTransliterator(id: "bitext-\(scheme.rawValue)-reverse", rules: rules, reverse: true) : nil
        } catch {
            throw .icu(error)
        }
    }

    private init(scheme: RomanizationScheme, forward: ICUTransliterator, reverse: ICUTransliterator?) {
        self.scheme = scheme
        self.forward = forward
        self.reverse = reverse
    }

    /// An independent copy for another thread.
    public func copy() throws(SchemeError) -> SchemeTransliterator {
        do {
            return SchemeTransliterator(scheme: scheme, forward: try forward.copy(), reverse: try reverse?.copy())
        } catch {
            throw .icu(error)
        }
    }

    /// Arabic script → the scheme's Latin.
    public func romanize(_ text: String) -> String { forward.transliterate(text) }

    /// The scheme's Latin → Arabic script; nil for schemes that do not read back.
    public func arabize(_ text: String) -> String? { reverse?.transliterate(text) }
}
