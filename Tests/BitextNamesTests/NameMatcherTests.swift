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

    /// The linker's cheaper setting (two spellings from two countries) keeps spellings
    /// apart as the full one does; the number of countries is at least one.
    @Test func fewerCountriesKeepSpellingsApart() {
        var m = NameMatcher(model: Fixture.model)
        m.arabicForms = 2
        m.arabicRegions = 2
        #expect(m.arabicRegions == 2)
        for (a, b) in Self.same where a.unicodeScalars.contains(where: { $0.value >= 0x600 && $0.value < 0x700 }) {
            #expect(m.similarity(a, b) >= NameClusterer().threshold, "\(a) ↔ \(b)")
        }
        #expect(m.similarity("حسين", "Hussein") > m.similarity("حسن", "Hussein"))
        m.arabicRegions = 0
        #expect(m.arabicRegions == 1)
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

    @Test func aliasConventionsOfSanctionsListsMatch() {
        var m = NameMatcher(model: Fixture.model)
        let same: [(String, String)] = [
            // the family name (in capitals) is among the other name's words
            ("Taha Yassin RAMADAN", "Taha Yassin Ramadan AL-JIZRAWI"),
            // an acronym and the words it abbreviates
            ("IRGC", "ISLAMIC REVOLUTIONARY GUARD CORPS"),
            ("A.I.C.", "AUM INFORMATION CENTER"),
            // words written together in one spelling and apart in the other
            ("Nasrallah", "Nasr Allah"),
        ]
        for (a, b) in same {
            let s = m.similarity(a, b)
            #expect(s >= NameClusterer().threshold, "\(a) / \(b): \(s)")
        }
        // an initial stands only for a word with its letter
        #expect(m.similarity("M. GADDAFI", "Muammar GADDAFI") > m.similarity("K. GADDAFI", "Muammar GADDAFI"))
        // a family name must be found among the other name's words
        #expect(m.similarity("Hassan NASRALLAH", "Hassan MUBARAK") < NameClusterer().threshold)
    }

    @Test func acronymsAreComparedWithTheirWords() {
        // they share no word key: the index brings them together by the acronym's letters
        var m = NameMatcher(model: Fixture.model)
        let names = ["ISLAMIC REVOLUTIONARY GUARD CORPS", "IRGC", "Hosni MUBARAK"]
        let prepared = names.map { m.prepare($0) }
        m.collectionWeights = WordWeights(prepared)
        let c = NameClusterer().cluster(prepared, matcher: &m)
        #expect(c.assignments == [0, 0, 2])
    }

    @Test func clustersKeepHardNegativesApart() {
        var m = NameMatcher(model: Fixture.model)
        let names = ["Hassan", "Hussein", "Hafez", "Haftar", "Abdullah", "Abdul Rahman",
                     "Hassan ALI", "Hussein ALI", "Abdullah HASSAN", "Abdul Rahman HASSAN"]
        let prepared = names.map { m.prepare($0) }
        m.collectionWeights = WordWeights(prepared)
        let c = NameClusterer().cluster(prepared, matcher: &m)
        for (i, j) in [(0, 1), (2, 3), (4, 5), (6, 7), (8, 9)] {
            #expect(c.assignments[i] != c.assignments[j], "\(names[i]) / \(names[j])")
        }
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

@Suite struct NameClustererJobsTests {
    /// Six hundred spellings (enough for the pairs to be scored on several threads) cluster
    /// the same on one thread and on four.
    @Test func theSameClustersOnAnyNumberOfThreads() {
        let given = ["Muammar", "Moammar", "Khalifa", "Khalifah", "Hassan", "Hussein", "Hafez", "Abdullah", "Abdel Aziz",
                     "Mohamed", "Mohammed", "Ahmed", "Ahmad", "Omar", "Umar"]
        let family = ["Gaddafi", "Qadhafi", "Haftar", "Hafter", "Nasrallah", "Mubarak", "al-Assad", "Bouteflika", "Saleh",
                      "al-Mismari", "Dbeibah", "Dbeiba", "Menfi", "al-Menfi", "Bashagha", "Tetteh", "Sarraj", "al-Sarraj",
                      "Mahmoud", "Mahmud", "Abbas", "Aoun", "Hariri", "Assad", "Abdallah", "Sisi", "al-Sisi", "Morsi",
                      "Mursi", "Erdogan", "Nahyan", "Thani", "Sabah", "Khamenei", "Rouhani", "Zarif", "Suleimani", "Soleimani",
                      "Barzani", "Talabani"]
        var names: [String] = []
        for g in given { for f in family { names.append("\(g) \(f)") } }
        #expect(names.count == 600)
        var m = NameMatcher(model: Fixture.model)
        let prepared = names.map { m.prepare($0) }
        var one = NameClusterer()
        one.jobs = 1
        var four = NameClusterer()
        four.jobs = 4
        var m1 = m
        var m4 = m
        let a = one.pairs(prepared, matcher: &m1)
        let b = four.pairs(prepared, matcher: &m4)
        #expect(a.count == b.count && !a.isEmpty)
        #expect(zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 && $0.2 == $1.2 })
        #expect(one.cluster(prepared, matcher: &m1) == four.cluster(prepared, matcher: &m4))
    }
}
