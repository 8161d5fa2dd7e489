@testable import BitextAlign
import BitextCore
import BitextNormalize
import Testing

@Suite struct NameSpansTests {
    static func spans(_ s: String) -> [String] { EnglishNameSpans().spans(in: s).map(\.text) }

    @Test(arguments: [
        ("titles and possessives", "Gen. Khalifa Haftar's spokesman, Ahmed al-Mismari, told reporters in Benghazi.",
         ["Khalifa Haftar", "Ahmed al-Mismari", "Benghazi"]),
        ("sentence-initial function word", "The delegation reached Misrata on Sunday.", ["Misrata"]),
        ("organization with connectives", "The Bank of England and the Presidential Council met.", ["Bank of England", "Presidential Council"]),
        ("particles inside names", "Abu Bakr al-Baghdadi and Saif al-Islam Gaddafi", ["Abu Bakr al-Baghdadi", "Saif al-Islam Gaddafi"]),
        ("a name at the start of a sentence", "Haftar said the road would open.", ["Haftar"]),
        ("acronyms", "The U.N. envoy and NATO officials", ["U.N.", "NATO"]),
        ("quotes start sentences", "\"We want peace,\" said Mohammed al-Mnifi.", ["Mohammed al-Mnifi"]),
        ("no trailing connective", "talks between Tripoli and the east", ["Tripoli"]),
        ("adjective compounds end the name", "the Tripoli-based Government of National Unity and U.S.-backed forces",
         ["Tripoli", "Government of National Unity", "U.S."]),
        ("capitalized particles keep their names", "Al-Sharif and Abu-Bakr", ["Al-Sharif", "Abu-Bakr"]),
        ("a title-case headline is no name", "Rival Libyan Delegations Agree To Reopen Coastal Road Near Sirte, says Tetteh",
         ["Tetteh"]),
    ])
    func english(_ what: String, _ text: String, _ expected: [String]) {
        #expect(Self.spans(text) == expected, "\(what)")
    }

    @Test func offsets() {
        let text = "In Benghazi, Haftar's men"
        let scalars = Array(text.unicodeScalars)
        for s in EnglishNameSpans().spans(in: text) {
            #expect(String(String.UnicodeScalarView(scalars[s.start..<s.end])) == s.text)
        }
    }

    @Test func arabicCliticsAreSplitOff() {
        let words = ArabicWords().words(in: "وقال لبنغازي وبالقاهرة للقذافي")
        #expect(words.map(\.text) == ["وقال", "لبنغازي", "وبالقاهرة", "للقذافي"])
        #expect(words[1].stems.contains("بنغازي"))
        #expect(words[2].stems.contains("القاهرة") && words[2].stems.contains("قاهرة"))
        #expect(words[3].stems.contains("القذافي") && words[3].stems.contains("قذافي"))
        #expect(words[0].stems == ["وقال", "قال"])
    }
}

@Suite struct ArabicTitledNamesTests {
    static let finder: ArabicTitledNames = {
        let n = Normalizer(profile: .search)
        return ArabicTitledNames(fold: { n.normalize($0) })
    }()

    @Test(arguments: [
        ("وقال المشير خليفة حفتر، للصحفيين", ["خليفة حفتر"]),
        ("التقى الرئيس الأمريكي دونالد ترامب في البيت الأبيض", ["دونالد ترامب"]),
        ("قالت المبعوثة الأممية هانا تيتيه إن الوفدين اتفقا", ["هانا تيتيه"]),
        ("وقال المتحدث باسم الحكومة إن الوفد وصل", []),
        ("ورحب الوزير.", []),
        ("وقال الرَّئِيسُ عبد المجيد تبون", ["عبد المجيد تبون"]),
        ("التقى الوزیر ناصر بوريطة", ["ناصر بوريطة"]),
        ("صرح الرئيس ٣ مرات", []),
    ])
    func titled(_ text: String, _ expected: [String]) {
        #expect(Self.finder.spans(in: text).map(\.text) == expected)
    }
}

@Suite struct QuickFoldTests {
    static let normalizer = Normalizer(profile: .search)

    /// Every scalar the quick folding handles, alone and between letters, folds as the
    /// `search` profile folds it.
    @Test func agreesWithTheSearchProfileScalarByScalar() throws {
        for v in UInt32(0x0600)...0x06FF {
            let u = Unicode.Scalar(v)!
            guard ArabicTitledNames.quickFoldTable(of: u) != nil else { continue }
            for word in [[u], ["\u{0628}", u, "\u{0628}"], ["\u{0627}", u], ["\u{0648}", u], ["\u{064A}", u], ["\u{0647}", u]] as [[Unicode.Scalar]] {
                let quick = try #require(ArabicTitledNames.quickFold(word[...], limit: .max))
                #expect(quick == Self.normalizer.normalize(String(scalars: word)), "U+\(String(v, radix: 16))")
            }
        }
    }

    /// Random words over the same scalars (seeded, replayable) fold alike too.
    @Test(arguments: [1, 2, 3])
    func agreesWithTheSearchProfileOnRandomWords(seed: UInt64) throws {
        let alphabet = (UInt32(0x0600)...0x06FF).compactMap(Unicode.Scalar.init).filter { ArabicTitledNames.quickFoldTable(of: $0) != nil }
        var state = seed &* 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return Int(state % UInt64(alphabet.count))
        }
        for _ in 0..<2000 {
            let word = (0..<(1 + next() % 9)).map { _ in alphabet[next()] }
            let quick = try #require(ArabicTitledNames.quickFold(word[...], limit: .max))
            #expect(quick == Self.normalizer.normalize(String(scalars: word)), "seed \(seed): \(word.map { String($0.value, radix: 16) })")
        }
    }

    @Test func leavesOtherScalarsToTheNormalizer() {
        #expect(ArabicTitledNames.quickFold(Array("ليبيا2".unicodeScalars)[...], limit: .max) == nil)
        #expect(ArabicTitledNames.quickFold(Array("ۓ".unicodeScalars)[...], limit: .max) == nil)
        #expect(ArabicTitledNames.quickFold(Array("الرئيس".unicodeScalars)[...], limit: 3) == nil)
    }
}

@Suite struct MentionTitlesTests {
    static let n = Normalizer(profile: .search)

    @Test(arguments: [
        ("المشير خليفة حفتر", "خليفة حفتر"),
        ("لمشير خليفة حفتر", "خليفة حفتر"),  // للمشير: the match starts at the article's lam
        ("الرئيس العراقي الراحل صدام حسين", "صدام حسين"),
        ("العقيد القذافي", "القذافي"),
        ("خليفة حفتر", "خليفة حفتر"),
        ("المشير", "المشير"),  // a title alone stays
        ("Field Marshal Haftar", "Haftar"),
        ("Gen. Joseph Aoun", "Joseph Aoun"),
        ("Colonel Gaddafi", "Gaddafi"),
        ("Saif al-Islam Gaddafi", "Saif al-Islam Gaddafi"),
    ])
    func nameStartsAfterTitles(_ text: String, _ name: String) {
        let s = Array(text.unicodeScalars)
        let start = MentionTitles.nameStart(s, 0, s.count, fold: { Self.n.normalize($0) })
        #expect(String(String.UnicodeScalarView(s[start...])) == name)
    }
}

@Suite struct NameSpansScaleTests {
    /// A line of two hundred thousand capitalized words: linear time, no span.
    @Test func aHugeTitleCaseLineIsNoName() {
        let text = String(repeating: "Benghazi ", count: 200_000)
        #expect(EnglishNameSpans().spans(in: text).isEmpty)
    }
}
