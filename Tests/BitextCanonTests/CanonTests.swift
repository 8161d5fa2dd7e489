import BitextCanon
import BitextLexicon
import BitextNames
import BitextNormalize
import BitextTranslit
import Testing

@Suite struct CanonTests {
    static let normalizer = Normalizer(profile: .search)
    static let gazetteer = try! Lexicon.defaultGazetteer()

    static func entities(_ documents: [String]) -> (entities: [CanonEntity], finder: MentionFinder) {
        let f = MentionFinder(gazetteer: gazetteer, normalizer: normalizer)
        var table = SpellingTable()
        for d in documents { for m in f.mentions(in: d) { table.add(m) } }
        let n = normalizer
        var c = Canonicalizer(matcher: NameMatcher(model: NameModel.embedded!, normalizeArabic: { n.normalize($0) }))
        return (c.entities(table, gazetteer: gazetteer), f)
    }

    @Test func mentionsInBothLanguages() {
        let f = MentionFinder(gazetteer: Self.gazetteer, normalizer: Self.normalizer)
        #expect(f.mentions(in: "Gen. Khalifa Haftar met envoys in Benghazi.").map(\.text) == ["Khalifa Haftar", "Benghazi"])
        #expect(f.mentions(in: "وقال المشير خليفة حفتر في بنغازي").map(\.text) == ["المشير خليفة حفتر", "بنغازي"])
        // A demonym is not a spelling of its country; a longer name wins over a place inside it.
        #expect(f.mentions(in: "Libyan officials met Elizabeth Warren.").map(\.text) == ["Elizabeth Warren"])
    }

    @Test func lexiconSpellingsAreRewrittenWithinTheirLength() {
        let (entities, finder) = Self.entities([
            "Moammar Gadhafi met Haftar in Benghazi.", "Muammar Gaddafi left.", "Gadhafi spoke.", "Gaddafi left.",
            "قال العقيد معمر القذافي إن بنغازي آمنة.",
        ])
        let gaddafi = try! #require(entities.first { $0.entity == "person:muammar-gaddafi" })
        #expect(gaddafi.mentions == 5)
        let targets = Dictionary(uniqueKeysWithValues: gaddafi.variants.map { ($0.text, $0.canonical) })
        #expect(targets["Moammar Gadhafi"] == "Muammar Gaddafi")
        #expect(targets["Gadhafi"] == "Gaddafi")  // the canonical name's last word, not the full name
        #expect(targets["Gaddafi"] == .some(nil))
        let map = Canonicalizer.rewriteMap(entities)
        let text = "Moammar Gadhafi met Haftar; Gadhafi's aides waited."
        #expect(Canonicalizer.rewrite(text, mentions: finder.mentions(in: text), map: map)
                == "Muammar Gaddafi met Haftar; Gaddafi's aides waited.")
        #expect(Canonicalizer.rewrite("Nothing to change here.", mentions: finder.mentions(in: "Nothing to change here."), map: map) == nil)
    }

    @Test func unknownNamesClusterAndAliasesStay() {
        let (entities, _) = Self.entities([
            "The analyst Wayde Sims spoke.", "Later Wayde Simms said more.", "Wayde Sims agreed.",
            "Islamic State fighters and Daesh cells were named.",
        ])
        let sims = try! #require(entities.first { $0.variants.contains { $0.text == "Wayde Simms" } })
        #expect(sims.entity == nil)
        #expect(sims.variants.first { $0.text == "Wayde Simms" }?.canonical == "Wayde Sims")
        // An alias of a lexicon entity is never rewritten into its canonical name.
        for e in entities { for v in e.variants where v.text == "Daesh" { #expect(v.canonical == nil) } }
    }

    @Test func wordsOnlyStartingSentencesAreNotNames() {
        let (entities, _) = Self.entities(["Officials said the road would open.", "Envoys met in Sirte."])
        #expect(!entities.contains { $0.variants.contains { $0.text == "Officials" || $0.text == "Envoys" } })
    }
}
