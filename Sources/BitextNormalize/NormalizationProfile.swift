// NormalizationProfile.swift — named normalization steps and the profiles built from them.

/// One named normalization step. A profile is a set of steps; they always run in this
/// order, whatever order they were given in:
///
/// 1. the bidi policy and the deletions (`remove-invisible`, `remove-joiners`,
///    `remove-variation-selectors`, `strip-diacritics`, `remove-tatweel`);
/// 2. the Unicode normalization form (`nfc` or `nfkc`; `nfkc` wins when both are given);
/// 3. the folds (`fold-hamza`, `fold-alef-maksura`, `fold-ta-marbuta`, `fold-persian`,
///    `fold-digits`, `fold-spaces`, `casefold`).
///
/// Deleting before composing is what makes the profiles idempotent: a dropped
/// zero-width space or fatha can never leave a letter and a mark that compose on a
/// second run.
public enum NormalizationStep: String, CaseIterable, Sendable, Hashable, Comparable {
    /// Unicode canonical composition (NFC).
    case nfc
    /// Unicode compatibility composition (NFKC): presentation forms and ligatures
    /// unfolded (`ﻻ` → `لا`, `ﷲ` → `الله`), fullwidth and other compatibility
    /// characters replaced.
    case nfkc
    /// Drops invisible format characters: zero-width space, word joiner, soft hyphen,
    /// BOM, invisible operators, deprecated format controls, tag characters (except in
    /// emoji tag sequences such as a subdivision flag). Not the joiners (ZWNJ, ZWJ),
    /// variation selectors or bidi controls, which have their own steps and policy.
    case removeInvisible = "remove-invisible"
    /// Drops ZWNJ (U+200C) and ZWJ (U+200D). Persian writes ZWNJ inside words
    /// (`می‌خواهم`), so only the search profile drops it.
    case removeJoiners = "remove-joiners"
    /// Drops variation selectors (U+FE00–FE0F, U+E0100–E01EF).
    case removeVariationSelectors = "remove-variation-selectors"
    /// Drops Arabic diacritics and Quranic marks: harakat, tanween, shadda, sukun,
    /// superscript (dagger) alef, hamza and madda marks, small high letters and signs
    /// (U+0610–061A, U+064B–065F, U+0670, U+06D6–06DC, U+06DF–06E8, U+06EA–06ED,
    /// U+0898–089F, U+08CA–08E1, U+08E3–08FF).
    case stripDiacritics = "strip-diacritics"
    /// Drops tatweel (kashida, U+0640).
    case removeTatweel = "remove-tatweel"
    /// Alef with hamza, madda or wasla → bare alef (أ إ آ ٱ ٲ ٳ → ا); hamza on waw →
    /// waw (ؤ → و); hamza on yeh → yeh (ئ → ي); high hamza dropped. Free-standing ء stays.
    case foldHamza = "fold-hamza"
    /// Alef maksura → yeh (ى → ي).
    case foldAlefMaksura = "fold-alef-maksura"
    /// Ta marbuta → heh (ة → ه).
    case foldTaMarbuta = "fold-ta-marbuta"
    /// Persian and Urdu look-alikes → Arabic letters: ک ڪ → ك, ی ے ۓ → ي,
    /// ہ ۀ ۂ ە ھ → ه, ۃ → ه. Letters with no Arabic twin (پ چ ژ گ) stay.
    case foldPersian = "fold-persian"
    /// Arabic-Indic (٠–٩) and Persian (۰–۹) digits → ASCII; ٫ → `.`, ٬ → `,`, ٪ → `%`.
    case foldDigits = "fold-digits"
    /// Every space separator (NBSP, narrow NBSP, en/em spaces, ideographic space …) → U+0020.
    case foldSpaces = "fold-spaces"
    /// Simple lowercase mapping (`Benghazi` → `benghazi`).
    case casefold

    public static func < (a: Self, b: Self) -> Bool {
        a.index < b.index
    }
}

/// What to do with bidi controls: LRM, RLM, ALM; LRE, RLE, PDF, LRO, RLO; LRI, RLI, FSI, PDI.
public enum BidiPolicy: String, CaseIterable, Sendable, Hashable {
    /// Delete every bidi control. A control inside a word never splits it:
    /// `ب\u{200F}يت` → `بيت`.
    case strip
    /// Leave them as they are.
    case keep
    /// Make them balanced: embeddings and overrides closed by PDF, isolates by PDI, before
    /// the end of each paragraph (the line, or a paragraph separator inside it), so no
    /// control leaks into the next paragraph. A PDF or PDI with nothing to close is
    /// deleted (the bidi algorithm ignores it anyway); a PDI that closes an isolate with
    /// embeddings still open inside it gets the PDFs it implies written before it.
    /// Marks (LRM, RLM, ALM) stay.
    case repair
}

/// A named set of steps with a bidi policy.
///
///     NormalizationProfile.search    // matching: folds Arabic spelling variation
///     NormalizationProfile.display   // NFC + clean-up that never changes how text reads
public struct NormalizationProfile: Sendable, Hashable, CustomStringConvertible {
    public var name: String
    public var steps: Set<NormalizationStep>
    public var bidi: BidiPolicy

    public init(name: String = "custom", steps: Set<NormalizationStep>, bidi: BidiPolicy) {
        self.name = name
        self.steps = steps
        self.bidi = bidi
    }

    /// For matching and search: NFKC, every deletion and every Arabic fold, bidi
    /// controls stripped. Case is kept (add `casefold` for case-insensitive keys).
    ///
    ///     "أَحْمَد" → "احمد",  "مكتبة" → "مكتبه",  "ﻻ" → "لا",  "٢٠٢٤" → "2024"
    public static let search = NormalizationProfile(
        name: "search",
        steps: [.nfkc, .removeInvisible, .removeJoiners, .removeVariationSelectors, .stripDiacritics,
                .removeTatweel, .foldHamza, .foldAlefMaksura, .foldTaMarbuta, .foldPersian,
                .foldDigits, .foldSpaces],
        bidi: .strip)

    /// For showing text: NFC, invisible junk removed, bidi controls repaired. Keeps
    /// ZWNJ/ZWJ, variation selectors, diacritics and every letter as written.
    public static let display = NormalizationProfile(
        name: "display", steps: [.nfc, .removeInvisible], bidi: .repair)

    /// Unicode NFC only; bidi controls kept.
    public static let nfc = NormalizationProfile(name: "nfc", steps: [.nfc], bidi: .keep)

    /// Unicode NFKC only; bidi controls kept.
    public static let nfkc = NormalizationProfile(name: "nfkc", steps: [.nfkc], bidi: .keep)

    /// The built-in profiles by name.
    public static let named: [String: NormalizationProfile] = [
        "search": .search, "display": .display, "nfc": .nfc, "nfkc": .nfkc,
    ]

    /// The steps in the order they run.
    public var orderedSteps: [NormalizationStep] { steps.sorted() }

    public var description: String {
        "\(name): " + orderedSteps.map(\.rawValue).joined(separator: ",") + " bidi=\(bidi.rawValue)"
    }
}
