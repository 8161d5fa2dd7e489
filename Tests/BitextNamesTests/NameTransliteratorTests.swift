@testable import BitextNames
import PropertyBased
import Testing

@Suite struct NameTransliteratorTests {
    /// Attested spellings come first, in the name's own country convention.
    static let known: [(String, String)] = [
        ("القذافي", "Gaddafi"),
        ("معمر القذافي", "Muammar Gaddafi"),
        ("حسن", "Hassan"),
        ("حسين", "Hussein"),
        ("عبد الرحمن", "Abdul Rahman"),
        ("عبد العزيز بوتفليقه", "Abdelaziz Bouteflika"),
    ]

    @Test(arguments: known)
    func attestedSpellingFirst(_ arabic: String, _ expected: String) {
        var t = NameTransliterator(model: Fixture.model)
        let v = t.latin(for: arabic, variants: 5)
        #expect(v.first?.text == expected, "\(arabic) → \(v)")
    }

    @Test func variantsAreRankedScoredAndDistinct() {
        var t = NameTransliterator(model: Fixture.model)
        for k in [1, 3, 5, 10] {
            let v = t.latin(for: "معمر القذافي", variants: k)
            #expect(!v.isEmpty && v.count <= k)
            #expect(zip(v, v.dropFirst()).allSatisfy { $0.score >= $1.score })
            #expect(v.allSatisfy { $0.score > 0 && $0.score <= 1 && $0.source == .model })
            #expect(Set(v.map { LatinFolding.identity($0.text) }).count == v.count)
        }
        let five = t.latin(for: "معمر القذافي", variants: 5).map(\.text)
        #expect(five.contains("Moammar Kadhafi") || five.contains("Muammar Kadhafi"))
    }

    @Test func theArticleAndTheAbdPrefixAreBuiltForUnknownWords() {
        var t = NameTransliterator(model: Fixture.model)
        // الشمري is known; الحسيني is not, but its stem and the article forms are
        let v = t.latin(for: "الحسيني", variants: 8).map { LatinFolding.identity($0.text) }
        #expect(v.contains { $0.hasPrefix("al ") || $0.hasPrefix("el ") || $0.hasPrefix("al") })
        // عبد + an unknown name with the article: a prefix form + the stem
        let a = t.latin(for: "عبد السميع", variants: 8).map { LatinFolding.identity($0.text) }
        #expect(a.contains { $0.hasPrefix("abd") })
    }

    @Test func unknownWordsGoThroughTheCharacterModel() {
        var t = NameTransliterator(model: Fixture.model)
        let v = t.latin(for: "سامر", variants: 5)
        #expect(!v.isEmpty)
        #expect(v.allSatisfy { $0.text.unicodeScalars.allSatisfy { $0.isASCII } })
    }

    @Test func frenchConventionPrefersFrenchSpellings() {
        var t = NameTransliterator(model: Fixture.model, convention: .french)
        #expect(t.latin(for: "القذافي", variants: 3).first?.text == "Kadhafi")
    }

    struct Places: KnownNameSpellings {
        func latinSpellings(ofArabic name: String) -> [String] { name == "بنغازي" ? ["Benghazi", "Bengasi"] : [] }
        func arabicSpellings(ofLatin name: String) -> [String] { name == "Benghazi" ? ["بنغازي"] : [] }
    }

    @Test func knownSpellingsOverrideTheModel() {
        var t = NameTransliterator(model: Fixture.model, known: Places())
        let v = t.latin(for: "بنغازي", variants: 4)
        #expect(v.prefix(2).map(\.text) == ["Benghazi", "Bengasi"])
        #expect(v.prefix(2).allSatisfy { $0.source == .lexicon })
        #expect(v.dropFirst(2).allSatisfy { $0.source == .model })
        #expect(t.arabic(for: "Benghazi", variants: 1).first == NameVariant(text: "بنغازي", score: 1, source: .lexicon))
        // names the lexicon does not know are untouched
        #expect(t.latin(for: "حسن", variants: 1).first?.source == .model)
    }

    @Test func latinToArabic() {
        var t = NameTransliterator(model: Fixture.model)
        #expect(t.arabic(for: "Muammar Gaddafi", variants: 3).first?.text == "معمر القذافي")
        #expect(t.arabic(for: "Hussein", variants: 1).first?.text == "حسين")
        #expect(t.arabic(for: "al-Shammari", variants: 2).first?.text == "الشمري")
        let unknown = t.arabic(for: "Sydney", variants: 3)
        #expect(!unknown.isEmpty)
        #expect(unknown.allSatisfy { ArabicNameText.hasArabicLetter($0.text) })
    }

    @Test func emptyAndSymbolOnlyInputsGiveNothing() {
        var t = NameTransliterator(model: Fixture.model)
        #expect(t.latin(for: "", variants: 5).isEmpty)
        #expect(t.latin(for: " \u{200F} ، ", variants: 5).isEmpty)
        #expect(t.arabic(for: "", variants: 5).isEmpty)
        #expect(t.arabic(for: "--- ''", variants: 5).isEmpty)
        #expect(t.latin(for: "حسن", variants: 0).isEmpty)
    }

    /// Any text in, at most K ranked variants with scores in [0, 1] out; never a crash.
    @Test func anyTextIsSafe() async {
        // Arabic letters most of the time, with spaces, NUL, bidi marks, a BOM, Latin,
        // a shadda, a Persian yeh and a digit mixed in
        let alphabet = Array((0x0620...0x064A).compactMap(Unicode.Scalar.init))
            + Array("\u{0020}\u{0020}\u{0000}\u{200F}\u{FEFF}a-'\u{0651}\u{06CC}9".unicodeScalars)
        let text = Gen.int(in: 0...(alphabet.count - 1)).array(of: 0...40).map { picks -> String in
            var out = ""
            out.unicodeScalars.append(contentsOf: picks.map { alphabet[$0] })
            return out
        }
        var t = NameTransliterator(model: Fixture.model)
        await propertyCheck(count: 300, input: text, Gen.int(in: 1...8)) { name, k in
            for v in [t.latin(for: name, variants: k), t.arabic(for: name, variants: k)] {
                #expect(v.count <= k)
                #expect(v.allSatisfy { $0.score >= 0 && $0.score <= 1 && !$0.text.isEmpty })
                #expect(zip(v, v.dropFirst()).allSatisfy { $0.score >= $1.score })
            }
        }
    }

    /// The partial selection keeps exactly what a full sort (higher p first, then lower
    /// choice) would keep, ties included.
    @Test func keepBestAgreesWithASort() async {
        // Few distinct probabilities, so ties are common.
        let item = Gen.int(in: 0...356).map { (p: Double($0 / 51) / 4, choice: UInt64($0 % 51)) }
        await propertyCheck(count: 500, input: item.array(of: 0...200), Gen.int(in: 1...20)) { xs, n in
            var kept = xs
            NameTransliterator.keepBest(&kept, n)
            let sorted = xs.sorted { $0.p > $1.p || ($0.p == $1.p && $0.choice < $1.choice) }
            #expect(kept.map(\.p) == sorted.prefix(n).map(\.p))
            #expect(kept.map(\.choice) == sorted.prefix(n).map(\.choice))
        }
    }

    @Test func decoderOutputsAreNormalizedAndSorted() {
        var d = GraphoneDecoder(model: Fixture.model)
        let out = d.latin(fromArabic: scalars("براون"), best: 5)
        #expect(!out.isEmpty)
        #expect(out.reduce(0) { $0 + $1.probability } <= 1.0001)
        #expect(zip(out, out.dropFirst()).allSatisfy { $0.probability >= $1.probability })
        let back = d.arabic(fromLatin: Array("brown".utf8), best: 5)
        #expect(!back.isEmpty)
        #expect(back.reduce(0) { $0 + $1.probability } <= 1.0001)
    }
}
