@testable import BitextNames
import BitextNormalize
import BitextTranslit
import Testing

/// Behaviour of the embedded model (built from the training data): the well-known spellings
/// of well-known names, and the hard negatives.
@Suite struct EmbeddedNamesTests {
    static let model = NameModel.embedded!

    static let topFive: [(String, [String])] = [
        ("القذافي", ["Gaddafi", "Kadhafi", "al-Qaddafi"]),
        ("معمر القذافي", ["Muammar Gaddafi"]),
        ("حسني مبارك", ["Hosni Mubarak"]),
        ("عبد العزيز بوتفليقه", ["Abdelaziz Bouteflika"]),
        ("حفتر", ["Haftar"]),
        ("الشمري", ["Al-Shammari"]),
    ]

    @Test(arguments: topFive)
    func wellKnownSpellingsInTheTopFive(_ arabic: String, _ expected: [String]) throws {
        var t = try #require(NameTransliteration())
        let got = t.variants(of: arabic, count: 5).map { LatinFolding.identity($0.text) }
        for e in expected { #expect(got.contains(LatinFolding.identity(e)), "\(arabic) → \(got)") }
    }

    @Test func rawNewsSpellingAndFoldedKeysAgree() throws {
        var t = try #require(NameTransliteration())
        let raw = t.variants(of: "مُعَمَّر القَذّافي", count: 5).map(\.text)
        let folded = t.variants(of: "معمر القذافي", count: 5).map(\.text)
        #expect(raw == folded)
        let hamza = t.variants(of: "أحمد", count: 3).map(\.text)
        #expect(hamza == t.variants(of: "احمد", count: 3).map(\.text))
        #expect(t.variants(of: "فاطمة", count: 3).map(\.text) == t.variants(of: "فاطمه", count: 3).map(\.text))
    }

    @Test func latinToArabic() throws {
        var t = try #require(NameTransliteration())
        #expect(t.variants(of: "Gaddafi", count: 1).first?.text == "القذافي")
        #expect(t.variants(of: "Hussein", count: 1).first?.text == "حسين")
        #expect(t.variants(of: "Hassan", count: 1).first?.text == "حسن")
        let dir = NameScript.target(for: "Gaddafi")
        #expect(dir == .arabic)
        #expect(NameScript.target(for: "القذافي") == .latin)
    }

    @Test func frenchConvention() throws {
        var t = try #require(NameTransliteration(convention: .french))
        #expect(t.variants(of: "القذافي", count: 1).first?.text == "Kadhafi")
    }

    /// The keys of the compiled model were folded by the builder (Python); the Swift search
    /// profile must leave every one of them unchanged, or lookups would miss.
    @Test func everyKeyIsAlreadySearchNormalized() {
        let n = Normalizer(profile: .search)
        let m = Self.model
        var changed: [String] = []
        for i in 0..<m.unitCount {
            let k = m.unitKey(i)
            if n.normalize(k) != k { changed.append(k) }
        }
        #expect(changed.isEmpty, "\(changed.count) keys change: \(changed.prefix(5))")
    }

    @Test func hardNegatives() {
        let n = Normalizer(profile: .search)
        var m = NameMatcher(model: Self.model, normalizeArabic: { n.normalize($0) })
        #expect(m.similarity("حسين", "Hussein") > 0.9)
        #expect(m.similarity("حسن", "Hussein") < NameClusterer().threshold)
        #expect(m.similarity("Hassan", "Hussein") < 0.75)
        #expect(m.similarity("Hafez", "Haftar") < 0.75)
        #expect(m.similarity("Abdullah", "Abdul Rahman") < 0.75)
        #expect(m.similarity("Khalifa Hafter", "Khalifa Haftar") > 0.9)
        #expect(m.similarity("معمر القذافي", "Moammar Gadhafi") > 0.9)
        #expect(m.similarity("QADHAFI", "GADDAFI") >= NameClusterer().threshold)  // linked when clustering
    }
}
