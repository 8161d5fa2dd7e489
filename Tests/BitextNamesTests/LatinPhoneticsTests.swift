import BitextNames
import Testing

@Suite struct LatinPhoneticsTests {
    static let canonical: [(String, String)] = [
        ("Gaddafi", "gadafi"),
        ("Qadhafi", "qaDafi"),
        ("Hussein", "husYn"),
        ("Husayn", "husYn"),
        ("Hassan", "hasan"),
        ("Khalid", "xalid"),
        ("Chérif", "Sarif"),
        ("Youssef", "yusaf"),
        ("Abdallah", "abdala"),
        ("Djamel", "jamal"),
    ]

    @Test(arguments: canonical)
    func canonicalForm(_ word: String, _ expected: String) {
        #expect(LatinPhonetics.canonical(word) == expected)
    }

    /// Spellings of one name must score above the hard negatives (different names that
    /// look alike).
    static let sameName: [(String, String)] = [
        ("Gaddafi", "Qaddafi"), ("Gaddafi", "Kadhafi"), ("Hussein", "Husayn"), ("Mohamed", "Muhammad"),
        ("Youssef", "Yusuf"), ("Haftar", "Hafter"), ("Chérif", "Sharif"),
    ]
    static let differentNames: [(String, String)] = [
        ("Hassan", "Hussein"), ("Hafez", "Haftar"), ("Abdullah", "Abdulrahman"), ("Karim", "Kamal"),
    ]

    @Test func sameNamesScoreAboveHardNegatives() {
        let low = Self.sameName.map { LatinPhonetics.similarity($0.0, $0.1) }.min()!
        let high = Self.differentNames.map { LatinPhonetics.similarity($0.0, $0.1) }.max()!
        #expect(low > high, "weakest same-name pair \(low) vs strongest different pair \(high)")
        #expect(LatinPhonetics.similarity("Hassan", "Hassan") == 1)
    }

    @Test func similarityIsSymmetricAndBounded() {
        let words = ["Gaddafi", "Hassan", "Hussein", "Abdullah", "", "x", "Bouteflika", "Ng"]
        for a in words {
            for b in words {
                let s = LatinPhonetics.similarity(a, b)
                #expect(s >= 0 && s <= 1)
                #expect(abs(s - LatinPhonetics.similarity(b, a)) < 1e-9)
            }
        }
    }
}

@Suite struct LatinPhoneticsDocumentedValues {
    /// The values quoted in the documentation of ``LatinPhonetics``.
    @Test func documentedValues() {
        #expect(abs(LatinPhonetics.similarity("hassan", "hussein") - 0.71) < 0.01)
        #expect(abs(LatinPhonetics.similarity("gaddafi", "qadhafi") - 0.875) < 0.01)
    }
}
