@testable import BitextCanon
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
        // The lexicon's titled spelling (المشير خليفة حفتر) is found; the mention is the name.
        #expect(f.mentions(in: "وقال المشير خليفة حفتر في بنغازي").map(\.text) == ["خليفة حفتر", "بنغازي"])
        #expect(f.mentions(in: "وقال للمشير خليفة حفتر").map(\.text) == ["خليفة حفتر"])
        #expect(f.mentions(in: "Field Marshal Haftar spoke.").map(\.text) == ["Haftar"])
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

@Suite struct SpellingTableTests {
    /// مَكَّةَ written shadda-then-fatha and fatha-then-shadda: Swift's String calls them
    /// equal; the table keeps both as written, in either order of arrival.
    @Test func spellingsDifferingInMarkOrderStayApart() {
        let a = "\u{0645}\u{064E}\u{0643}\u{0651}\u{064E}\u{0629}\u{064E}"
        let b = "\u{0645}\u{064E}\u{0643}\u{064E}\u{0651}\u{0629}\u{064E}"
        #expect(a == b)
        func table(_ order: [String]) -> SpellingTable {
            var t = SpellingTable()
            for s in order { t.add(CanonMention(start: 0, end: s.unicodeScalars.count, text: s, isArabic: true, entity: nil)) }
            return t
        }
        for order in [[a, b, a], [b, a, a]] {
            let t = table(order)
            #expect(t.counts.count == 2)
            #expect(t.counts.first { $0.key.text.utf8.elementsEqual(a.utf8) }?.value == 2)
            #expect(t.counts.first { $0.key.text.utf8.elementsEqual(b.utf8) }?.value == 1)
        }
        #expect(SpellingTable.Key.textOrder(a, b) != SpellingTable.Key.textOrder(b, a))
    }
}

/// The sweeps that drop lexicon matches inside longer names, and names overlapping lexicon
/// matches, agree with the definitions checked pair by pair.
@Suite struct MentionSweepTests {
    static func mention(_ start: Int, _ end: Int) -> CanonMention {
        CanonMention(start: start, end: end, text: "", isArabic: false, entity: nil)
    }

    @Test func sweepsAgreeWithPairwiseChecks() {
        var seed: UInt64 = 0x2545_F491_4F6C_DD1D
        func next(_ n: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(n))
        }
        var sawInside = 0, sawOverlap = 0
        for _ in 0..<300 {
            func spans() -> [CanonMention] {
                (0..<next(12)).map { _ in
                    let s = next(40)
                    return Self.mention(s, s + 1 + next(8))
                }
            }
            let inner = spans(), outer = spans()
            let inside = MentionFinder.insideLonger(inner, outer)
            let overlap = MentionFinder.overlapping(inner, outer)
            for (i, m) in inner.enumerated() {
                let expectInside = outer.contains { n in n.start <= m.start && n.end >= m.end && n.end - n.start > m.end - m.start }
                let expectOverlap = outer.contains { l in l.start < m.end && m.start < l.end }
                #expect(inside[i] == expectInside)
                #expect(overlap[i] == expectOverlap)
                if expectInside { sawInside += 1 }
                if expectOverlap { sawOverlap += 1 }
            }
        }
        #expect(sawInside > 50 && sawOverlap > 100)
    }
}
