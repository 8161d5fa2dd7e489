// MatchOptions.swift — what a match is: the match kind, case handling, Arabic clitics.

/// Which matches a search reports when several patterns match at overlapping places.
///
/// With the patterns `Libya` and `Fajr Libya` in the text `Fajr Libya said`:
///
///     .leftmostLongest   // [0..<10 "Fajr Libya"]                  — the default
///     .overlapping       // [0..<10 "Fajr Libya", 5..<10 "Libya"]
///
/// The same holds in Arabic: in `فجر ليبيا`, `.leftmostLongest` reports only `فجر ليبيا`.
public enum MatchKind: String, Sendable, CaseIterable {
    /// Scanning left to right, the match that starts first wins; among those, the longest.
    /// Reported matches never overlap. At one Arabic word, a start with fewer proclitics
    /// stripped is further left, so `لبنان` is Lebanon, not `ل` + a pattern `بنان`.
    case leftmostLongest = "leftmost-longest"
    /// Every match, overlapping or not, ordered by start, then by longest first.
    case overlapping
}

/// How the case of Latin letters (ASCII A–Z) decides a match. Other scripts have no case;
/// non-ASCII Latin letters always match exactly.
///
///     // pattern "al-Qaeda"; pattern "US"; pattern "Nice"
///     .smart        // "Al-Qaeda" ✓  "AL-QAEDA" ✓  "al-qaeda" ✗  "us" ✗  "nice" ✗
///     .sensitive    // "al-Qaeda" only
///     .insensitive  // all of them
public enum CaseMode: String, Sendable, CaseIterable {
    /// A letter may differ from the pattern only by being capitalized at the start of a
    /// word (`al-Qaeda` → `Al-Qaeda`), or when the matched text has no lowercase letter at
    /// all (headlines: `BENGHAZI`). So `us`, `is` and `nice` do not match `US`, `IS`, `Nice`.
    case smart
    /// Letters must match exactly.
    case sensitive
    /// ASCII letters match whatever their case.
    case insensitive
}

/// Options of a search.
///
///     var o = MatchOptions()          // leftmost-longest, smart case, Arabic clitics on
///     o.kind = .overlapping
public struct MatchOptions: Sendable, Equatable {
    public var kind: MatchKind
    public var caseMode: CaseMode
    /// Recognize Arabic proclitics attached to a name: و ف (and), ب ك ل (prepositions),
    /// and the contraction of ل with the article (`للقاهرة` = ل + `القاهرة`). The match
    /// then starts after the proclitics: in `وبنغازي` it is `بنغازي`; in `للقاهرة` it is
    /// `لقاهرة` (the article's lam, whose alef the contraction dropped).
    public var arabicClitics: Bool

    public init(kind: MatchKind = .leftmostLongest, caseMode: CaseMode = .smart, arabicClitics: Bool = true) {
        self.kind = kind
        self.caseMode = caseMode
        self.arabicClitics = arabicClitics
    }
}
