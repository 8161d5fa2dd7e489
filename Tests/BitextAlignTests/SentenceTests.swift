import BitextAlign
import Testing

@Suite struct SentenceSegmenterTests {
    static func split(_ s: String) -> [String] { SentenceSegmenter().sentences(in: s).map(\.text) }

    @Test(arguments: [
        ("titles and acronyms", "Gen. Khalifa Haftar met the U.N. envoy in Benghazi. He left on Sunday.",
         ["Gen. Khalifa Haftar met the U.N. envoy in Benghazi.", "He left on Sunday."]),
        ("acronym at a sentence end", "The envoy flew to the U.S. He returned a week later.",
         ["The envoy flew to the U.S.", "He returned a week later."]),
        ("acronym before a name", "U.S. Sen. Elizabeth Warren spoke. Rep. Smith agreed.",
         ["U.S. Sen. Elizabeth Warren spoke.", "Rep. Smith agreed."]),
        ("decimals and initials", "Growth was 2.5 percent, J. Smith said. Prices rose.",
         ["Growth was 2.5 percent, J. Smith said.", "Prices rose."]),
        ("quotes close the sentence", "He said: \"We will return.\" Then he left.",
         ["He said: \"We will return.\"", "Then he left."]),
        ("question and exclamation", "Will it hold? Nobody knows! Talks resume today.",
         ["Will it hold?", "Nobody knows!", "Talks resume today."]),
        ("lowercase after a dot is no sentence", "The deal (approx. 40 pages) was signed.",
         ["The deal (approx. 40 pages) was signed."]),
        ("Arabic", "وصل الوفد إلى بنغازي. هل سيعقد الاجتماع؟ نعم! وقال «لن نتراجع». ثم غادر.",
         ["وصل الوفد إلى بنغازي.", "هل سيعقد الاجتماع؟", "نعم!", "وقال «لن نتراجع».", "ثم غادر."]),
        ("Arabic abbreviation for doctor", "قال د. محمد إن الوضع مستقر.", ["قال د. محمد إن الوضع مستقر."]),
        ("line breaks end sentences", "First line without a dot\nSecond line.", ["First line without a dot", "Second line."]),
        ("empty", "", []),
    ])
    func segments(_ what: String, _ text: String, _ expected: [String]) {
        #expect(Self.split(text) == expected, "\(what)")
    }

    @Test func offsetsPointIntoTheText() {
        let text = "  Benghazi. طرابلس؟ "
        let scalars = Array(text.unicodeScalars)
        for s in SentenceSegmenter().sentences(in: text) {
            #expect(String(String.UnicodeScalarView(scalars[s.start..<s.end])) == s.text)
        }
    }
}

@Suite struct SentenceAlignerTests {
    static let en = [
        "Envoys from Tripoli and Benghazi met in Sirte on Sunday for a third round of talks.",
        "The meeting was chaired by the deputy envoy.",
        "Officials in Misrata, about 200 km west of Sirte, welcomed the move but asked for guarantees.",
        "A second meeting is planned in Tobruk on 24 November.",
        "The Red Crescent said 1,250 families had returned.",
    ]
    static let ar = [
        "التقى مبعوثون من طرابلس وبنغازي في سرت يوم الأحد في جولة ثالثة من المحادثات.",
        "وترأست الاجتماع نائبة المبعوث.",
        "ورحب مسؤولون في مصراتة، على بعد نحو ٢٠٠ كيلومتر غرب سرت، بالخطوة لكنهم طالبوا بضمانات.",
        "ومن المقرر عقد اجتماع ثان في طبرق يوم ٢٤ نوفمبر.",
        "وقال الهلال الأحمر إن ١٬٢٥٠ أسرة عادت.",
    ]

    static func links(_ en: [String], _ ar: [String]) -> [[Int]] {
        SentenceAligner().align(en: en.map { SentenceFeatures(text: $0) }, ar: ar.map { SentenceFeatures(text: $0) })
            .map { [$0.en.count, $0.ar.count] + $0.en + $0.ar }
    }

    @Test func oneToOne() {
        #expect(Self.links(Self.en, Self.ar) == [[1, 1, 0, 0], [1, 1, 1, 1], [1, 1, 2, 2], [1, 1, 3, 3], [1, 1, 4, 4]])
    }

    @Test func mergedSentences() {
        var ar = Self.ar
        ar[1] = ar[1] + " " + ar[2]
        ar.remove(at: 2)
        #expect(Self.links(Self.en, ar) == [[1, 1, 0, 0], [2, 1, 1, 2, 1], [1, 1, 3, 2], [1, 1, 4, 3]])
    }

    @Test func missingSentence() {
        var ar = Self.ar
        ar.remove(at: 3)
        #expect(Self.links(Self.en, ar) == [[1, 1, 0, 0], [1, 1, 1, 1], [1, 1, 2, 2], [1, 0, 3], [1, 1, 4, 3]])
    }

    @Test func numbersOfAnyDigitSystemAreAnchors() {
        #expect(SentenceFeatures(text: "١٬٢٥٠ أسرة في ٢٠٢٣ و 3.5").numbers == ["1250", "2023", "35"])
        #expect(SentenceFeatures(text: "1,250 families in 2023").numbers == ["1250", "2023"])
    }

    @Test func emptySides() {
        #expect(Self.links([], []).isEmpty)
        #expect(Self.links(["One."], []) == [[1, 0, 0]])
        #expect(Self.links([], ["واحد."]) == [[0, 1, 0]])
    }

    @Test func scoresAreInRange() {
        for b in SentenceAligner().align(en: Self.en.map { SentenceFeatures(text: $0) }, ar: Self.ar.map { SentenceFeatures(text: $0) }) {
            #expect(b.score >= 0 && b.score <= 1)
        }
    }
}
