import BitextNames
import PropertyBased
import Testing

@Suite struct NameMatcherTests {
    static let same: [(String, String)] = [
        ("Muammar Gaddafi", "Moammar al-Qadhafi"),
        ("معمر القذافي", "Muammar Gaddafi"),
        ("Khalifa Hafter", "Khalifa Haftar"),
        ("حفتر", "Haftar"),
        ("Abdel Aziz Bouteflika", "Abdelaziz Bouteflika"),
        ("Hafez al-Assad", "ASSAD Hafez"),
        ("Muammar QADDAFI", "Muammar Abu Minyar AL-QADHAFI"),
    ]
    static let different: [(String, String)] = [
        ("Hassan", "Hussein"),
        ("حسن", "Hussein"),
        ("Hafez", "Haftar"),
        ("Abdullah", "Abdul Rahman"),
        ("Hosni Mubarak", "Hassan Nasrallah"),
    ]

    @Test func spellingsOfOneNameScoreAboveHardNegatives() {
        var m = NameMatcher(model: Fixture.model)
        let same = Self.same.map { m.similarity($0.0, $0.1) }
        let different = Self.different.map { m.similarity($0.0, $0.1) }
        for (pair, s) in zip(Self.same, same) { #expect(s >= NameClusterer().threshold, "\(pair): \(s)") }
        for (pair, s) in zip(Self.different, different) { #expect(s < NameClusterer().threshold, "\(pair): \(s)") }
        #expect(m.similarity("حسين", "Hussein") > m.similarity("حسن", "Hussein"))
    }

    @Test func scoresAreBoundedAndSymmetricEnough() async {
        var m = NameMatcher(model: Fixture.model)
        let names = Self.same.flatMap { [$0.0, $0.1] } + Self.different.flatMap { [$0.0, $0.1] } + ["", "x", "١٢٣"]
        let pick = Gen.int(in: 0...(names.count - 1))
        await propertyCheck(count: 200, input: pick, pick) { i, j in
            let (a, b) = (names[i], names[j])
            let s = m.similarity(a, b)
            #expect(s >= 0 && s <= 1)
            #expect(abs(s - m.similarity(b, a)) < 1e-9, "\(a) / \(b)")
        }
    }

    @Test func resolveFindsTheSpellingInAnotherScript() {
        var m = NameMatcher(model: Fixture.model)
        let candidates = ["Hosni Mubarak", "Hassan Nasrallah", "Muammar Gaddafi", "Khalifa Haftar", "Hafez al-Assad",
                          "حسين", "Hussein Hassan"]
        let index = NameIndex(candidates: candidates.map { m.prepare($0, light: true) })
        var s = index.searcher()
        let cases: [(String, Int)] = [("معمر القذافي", 2), ("خليفه حفتر", 3), ("حسني مبارك", 0), ("Hussein", 5)]
        for (q, want) in cases {
            let r = s.search(m.prepare(q), top: 3, matcher: &m)
            #expect(r.first?.index == want, "\(q) → \(r)")
            #expect(zip(r, r.dropFirst()).allSatisfy { $0.score >= $1.score })
            #expect(r.allSatisfy { (0..<candidates.count).contains($0.index) })
        }
        #expect(s.search(m.prepare("zzzz qqqq"), top: 3, matcher: &m).allSatisfy { $0.score < 0.8 })
        #expect(s.search(m.prepare(""), top: 3, matcher: &m).isEmpty)
    }

    @Test func clustersGroupSpellingsAndKeepHardNegativesApart() {
        var m = NameMatcher(model: Fixture.model)
        let names = ["Muammar QADDAFI", "Hassan NASRALLAH", "Muammar al-QADHAFI", "معمر القذافي", "Hussein NASRALLAH",
                     "Moammar GADDAFI", "Hassan Nasrallah"]
        let prepared = names.map { m.prepare($0) }
        m.collectionWeights = WordWeights(prepared)
        let c = NameClusterer().cluster(prepared, matcher: &m)
        #expect(c.assignments[0] == 0 && c.assignments[2] == 0 && c.assignments[3] == 0 && c.assignments[5] == 0)
        #expect(c.assignments[1] == 1 && c.assignments[6] == 1)
        #expect(c.assignments[4] != c.assignments[1])
        #expect(c.assignments.enumerated().allSatisfy { $0.element <= $0.offset })
        // the same input gives the same clusters
        let again = NameClusterer().cluster(prepared, matcher: &m)
        #expect(again == c)
        #expect(NameClusterer().cluster([], matcher: &m).assignments.isEmpty)
    }
}
