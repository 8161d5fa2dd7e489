// NameTransliteration.swift — the names door: normalization, direction by script, the model.
import BitextCore
import BitextNames
import BitextNormalize

/// The script a name is transliterated into.
public enum NameScript: String, Sendable, CaseIterable {
    case latin, arabic

    /// The target for a name when none is given: Latin for a name with Arabic letters,
    /// Arabic otherwise.
    ///
    ///     NameScript.target(for: "القذافي")   // .latin
    ///     NameScript.target(for: "Gaddafi")   // .arabic
    public static func target(for name: String) -> NameScript {
        ArabicNameText.hasArabicLetter(name) ? .latin : .arabic
    }
}

/// Transliterates names with the embedded model, normalizing Arabic input with the `search`
/// profile first (so raw news spelling — hamza, harakat, tatweel, Persian letters — and
/// already-folded keys give the same result).
///
///     var t = NameTransliteration()!
///     t.variants(of: "القذّافي", count: 3).map(\.text)   // ["Gaddafi", "Kadhafi", …]
///     t.variants(of: "Gaddafi", count: 1).map(\.text)    // ["القذافي"]
///
/// Not thread-safe: one per thread (the model itself is shared).
public struct NameTransliteration {
    /// The transliterator (its knobs can be changed).
    public var transliterator: NameTransliterator
    let normalizer: Normalizer

    /// With the embedded model; nil if the binary has none.
    public init?(known: (any KnownNameSpellings)? = nil, convention: NameConvention = .automatic) {
        guard let m = NameModel.embedded else { return nil }
        self.init(model: m, known: known, convention: convention)
    }

    /// With a given model and normalizer (share one `Normalizer` between threads).
    public init(model: NameModel, known: (any KnownNameSpellings)? = nil, convention: NameConvention = .automatic,
                normalizer: Normalizer = Normalizer(profile: .search)) {
        transliterator = NameTransliterator(model: model, known: known, convention: convention)
        self.normalizer = normalizer
    }

    /// The `count` best spellings of `name` in `script` (by default the other script).
    public mutating func variants(of name: String, to script: NameScript? = nil, count: Int = 5) -> [NameVariant] {
        let target = script ?? NameScript.target(for: name)
        switch target {
        case .latin:
            return transliterator.latin(for: normalizer.normalize(name), variants: count)
        case .arabic:
            return transliterator.arabic(for: name, variants: count)
        }
    }

    /// Search-normalizes a name the way lookups do.
    public func normalize(_ name: String) -> String { normalizer.normalize(name) }
}
