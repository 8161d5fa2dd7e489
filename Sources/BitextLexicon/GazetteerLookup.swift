// GazetteerLookup.swift — a name → the entities it names (for `translit` and other callers).
import BitextMatch

/// An entity as the lexicon describes it.
///
///     // GazetteerLookup(gazetteer: g).lookup("بنغازي").first
///     // LexiconEntry(id: "geonames:88319", type: .place, kind: "city",
///     //              english: "Benghazi", arabic: "بنغازي", country: "LY", rank: 757490, viaDemonym: false)
public struct LexiconEntry: Equatable, Sendable {
    public var id: String
    public var type: EntityType
    public var kind: String
    /// The canonical English spelling (as English-language news writes it), if any.
    public var english: String?
    /// The canonical Arabic spelling, if any.
    public var arabic: String?
    public var country: String?
    public var rank: Int
    /// True when the name is a demonym or nisba form of the entity (ليبي → Libya).
    public var viaDemonym: Bool
}

/// Looks whole names up in a gazetteer: the name, `search`-normalized, must be one of an
/// entity's spellings (Arabic proclitics aside: `وبنغازي` finds Benghazi too). Keeps
/// scratch state: use one per thread.
///
///     let l = try GazetteerLookup(gazetteer: Lexicon.defaultGazetteer())
///     l.lookup("بنغازي").first?.english     // "Benghazi"
///     l.lookup("Misratah").first?.arabic    // "مصراتة"
///     l.lookup("القذافي").first?.english    // "Muammar Gaddafi"
///     l.lookup("الليبيين").first?.english   // "Libya" (viaDemonym: true)
public final class GazetteerLookup {
    public let gazetteer: Gazetteer
    private let searcher: GazetteerSearcher

    public init(gazetteer: Gazetteer, order: CandidateOrder = CandidateOrder()) {
        self.gazetteer = gazetteer
        searcher = GazetteerSearcher(gazetteer: gazetteer, options: MatchOptions(kind: .overlapping), order: order)
    }

    /// The entities `name` names, best first; empty when it is not a known spelling.
    public func lookup(_ name: String) -> [LexiconEntry] {
        let mentions = searcher.find(in: name)
        let n = name.unicodeScalars.count
        // The longest mention that reaches the end of the name, starting at its first word.
        var best: Mention? = nil
        for m in mentions where m.end == n && (best == nil || m.start < best!.start) {
            best = m
        }
        guard let m = best, isProclitics(name.unicodeScalars.prefix(m.start)) else { return [] }
        let es = gazetteer.entities
        return searcher.candidates(of: m).enumerated().map { k, c in
            let e = Int(c)
            return LexiconEntry(id: es.id(e), type: es.type(e), kind: es.kind(e), english: es.english(e),
                                arabic: es.arabic(e), country: es.country(e), rank: es.rank(e),
                                viaDemonym: k == 0 && m.viaDemonym)
        }
    }

    /// True when what precedes the mention is nothing, white space, or Arabic proclitics.
    private func isProclitics(_ s: Substring.UnicodeScalarView) -> Bool {
        let letters = s.filter { !$0.properties.isWhitespace }
        return letters.count <= 2 && letters.allSatisfy { "وفبكل".unicodeScalars.contains($0) }
    }
}
