import BitextAlign
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
    ])
    func titled(_ text: String, _ expected: [String]) {
        #expect(Self.finder.spans(in: text).map(\.text) == expected)
    }
}
