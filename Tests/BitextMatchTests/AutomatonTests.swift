// AutomatonTests.swift — table-driven cases in both scripts, and the automaton against the oracle.
import PropertyBased
import Testing

@testable import BitextMatch

struct Case: CustomTestStringConvertible, Sendable {
    var name: String
    var patterns: [String]
    var text: String
    var expected: [String]  // "start..<end:p,q"
    var kind: MatchKind = .leftmostLongest
    var caseMode: CaseMode = .smart
    var testDescription: String { name }
}

func render(_ ms: [FoundMatch]) -> [String] {
    ms.map { "\($0.range.lowerBound)..<\($0.range.upperBound):" + $0.patterns.map(String.init).joined(separator: ",") }
}

/// Behaviour the team wrote down, sentence by sentence. This table only grows.
let cases: [Case] = [
    // Word boundaries: مصر (Egypt) inside مصرف (bank) or مصرع (death) is no match.
    Case(name: "false friend مصرف", patterns: ["مصر"], text: "أودع المال في مصرف", expected: []),
    Case(name: "false friend مصرع", patterns: ["مصر"], text: "لقي مصرعه أمس", expected: []),
    Case(name: "whole word مصر", patterns: ["مصر"], text: "زار مصر ثم مصرف", expected: ["4..<7:0"]),
    Case(name: "Libya not in Libyan", patterns: ["Libya"], text: "a Libyan official", expected: []),
    // Clitics: و ف ب ك ل, and ل + ال.
    Case(name: "wa", patterns: ["مصر"], text: "ليبيا ومصر", expected: ["7..<10:0"]),
    Case(name: "wa + bi", patterns: ["بنغازي"], text: "وببنغازي", expected: ["2..<8:0"]),
    Case(name: "bi + al", patterns: ["القاهرة"], text: "اجتمعوا بالقاهرة", expected: ["9..<16:0"]),
    Case(name: "li + al contraction", patterns: ["القاهرة"], text: "عاد للقاهرة", expected: ["5..<11:0"]),
    Case(name: "wa + li + al contraction", patterns: ["القاهرة"], text: "وللقاهرة", expected: ["2..<8:0"]),
    Case(name: "li before a name without article", patterns: ["ليبيا"], text: "دعم لليبيا", expected: ["5..<10:0"]),
    Case(name: "ka", patterns: ["تونس"], text: "كتونس", expected: ["1..<5:0"]),
    Case(name: "fa", patterns: ["طرابلس"], text: "فطرابلس", expected: ["1..<7:0"]),
    Case(name: "no clitic stripping when a word starts with و", patterns: ["واشنطن", "اشنطن"], text: "في واشنطن",
         expected: ["3..<9:0"]),
    Case(name: "three letters are not a clitic chain", patterns: ["مصر"], text: "وبكمصر", expected: []),
    Case(name: "clitic alone is not a match", patterns: ["و"], text: "و ليبيا", expected: ["0..<1:0"]),
    // English possessives and compounds.
    Case(name: "possessive", patterns: ["Benghazi"], text: "Benghazi's port", expected: ["0..<8:0"]),
    Case(name: "curly possessive", patterns: ["Libya"], text: "Libya\u{2019}s oil", expected: ["0..<5:0"]),
    Case(name: "hyphenated compound", patterns: ["Tripoli"], text: "a Tripoli-based group", expected: ["2..<9:0"]),
    Case(name: "pro- prefix", patterns: ["Gaddafi"], text: "pro-Gaddafi forces", expected: ["4..<11:0"]),
    Case(name: "hyphen matches space", patterns: ["al-Qaeda"], text: "al Qaeda and al-Qaeda", expected: ["0..<8:0", "13..<21:0"]),
    Case(name: "apostrophes", patterns: ["Sana'a"], text: "in Sana\u{2019}a today", expected: ["3..<9:0"]),
    Case(name: "separator runs", patterns: ["Fajr Libya"], text: "Fajr   Libya", expected: ["0..<12:0"]),
    // Leftmost-longest and overlapping.
    Case(name: "longest", patterns: ["Libya", "Fajr Libya"], text: "Fajr Libya's men", expected: ["0..<10:1"]),
    Case(name: "overlapping", patterns: ["Libya", "Fajr Libya"], text: "Fajr Libya's men", expected: ["0..<10:1", "5..<10:0"],
         kind: .overlapping),
    Case(name: "longest in Arabic", patterns: ["ليبيا", "فجر ليبيا"], text: "قوات فجر ليبيا", expected: ["5..<14:1"]),
    Case(name: "overlapping in Arabic", patterns: ["ليبيا", "فجر ليبيا"], text: "قوات فجر ليبيا",
         expected: ["5..<14:1", "9..<14:0"], kind: .overlapping),
    Case(name: "shorter when the longer does not end a word", patterns: ["Abu", "Abu Bakr"], text: "Abu Bakrs",
         expected: ["0..<3:0"]),
    // Ambiguity: one surface, several patterns.
    Case(name: "shared surface", patterns: ["طرابلس", "طرابلس"], text: "طرابلس", expected: ["0..<6:0,1"]),
    Case(name: "shared key", patterns: ["al-Qaeda", "Al Qaeda"], text: "Al-Qaeda", expected: ["0..<8:0,1"]),
    // Case.
    Case(name: "smart: capitalized", patterns: ["al-Qaeda"], text: "Al-Qaeda said", expected: ["0..<8:0"]),
    Case(name: "smart: headline", patterns: ["Nice"], text: "ATTACK IN NICE", expected: ["10..<14:0"]),
    Case(name: "smart: not lowercased", patterns: ["Nice", "US"], text: "a nice day for us", expected: []),
    Case(name: "smart: no capital inside a word", patterns: ["bin Laden"], text: "BiN Laden", expected: []),
    Case(name: "sensitive", patterns: ["al-Qaeda"], text: "Al-Qaeda and al-Qaeda", expected: ["13..<21:0"], caseMode: .sensitive),
    Case(name: "insensitive", patterns: ["US"], text: "for us", expected: ["4..<6:0"], caseMode: .insensitive),
    // Digits and marks are word characters.
    Case(name: "digits", patterns: ["G7"], text: "G7 and G77", expected: ["0..<2:0"]),
]

@Test(arguments: cases)
func table(_ c: Case) {
    let a = Automaton(patterns: c.patterns)
    let s = Searcher(automaton: a, options: MatchOptions(kind: c.kind, caseMode: c.caseMode))
    #expect(render(s.find(in: c.text)) == c.expected)
    // The oracle agrees.
    let oracle = ReferenceMatcher(patterns: c.patterns.map { $0.unicodeScalars.map(\.value) }, fold: { _ in .keep },
                              options: s.options)
    #expect(render(oracle.find(c.text.unicodeScalars.map(\.value))!) == c.expected)
}

@Test func foldingKeepsOriginalOffsets() {
    let a = Automaton(patterns: ["بنغازي", "القاهرة", "Fajr Libya"])
    let s = Searcher(automaton: a, folding: TestFolding())
    // A fatha after the last letter belongs to it; an RLM inside the word is skipped.
    #expect(render(s.find(in: "في بنغازيَ")) == ["3..<10:0"])
    #expect(render(s.find(in: "بن\u{200F}غازي")) == ["0..<7:0"])
    // A standalone deletion after the match is not part of it.
    #expect(render(s.find(in: "بنغازي\u{200F} ")) == ["0..<6:0"])
    // ة folds to ه on both sides; أ to ا.
    #expect(render(s.find(in: "للقاهرة")) == [])  // the pattern was not folded: القاهرة keeps its ة
    #expect(render(s.find(in: "Fajr\u{A0}Libya")) == ["0..<10:2"])
    // An expansion: matched through the expanded line; a match inside it covers it whole.
    let l = Searcher(automaton: Automaton(patterns: ["لا", "بنغازي"]), folding: TestFolding(), options: MatchOptions(kind: .overlapping))
    #expect(render(l.find(in: "ﻻَ بنغازي")) == ["0..<2:0", "3..<9:1"])
    // A scalar the folding cannot handle alone: the caller must normalize the line.
    var line = "e\u{301} بنغازي"
    #expect(line.withUTF8 { s.find(utf8: $0) } == false)
    #expect(s.matches.isEmpty)
}

@Test func emptyAndOddPatterns() {
    var b = AutomatonBuilder()
    #expect(b.add("") == nil)
    #expect(b.add(" - ") == nil)
    #expect(b.add(" (Libya) ") == 0)  // leading "(" dropped, trailing ")" kept
    #expect(b.add("U.N.") == 1)
    let a = b.build()
    #expect(a.pattern(0) == "Libya)")
    #expect(render(Searcher(automaton: a).find(in: "the U.N. said")) == ["4..<8:1"])
    #expect(render(Searcher(automaton: Automaton(patterns: [])).find(in: "anything")) == [])
}

@Test func alphabetOverflowSkipsPatternsInsteadOfStopping() {
    // 70,000 distinct characters: the alphabet holds 65,535 codes; later patterns are skipped.
    var letters: [UInt32] = []
    for range in [UInt32(0x4E00)...0x9FFF, 0xAC00...0xD7A3, 0x3400...0x4DBF, 0x20000...0x2A6DF] {
        for c in range where MatchKey.isWord(c) && letters.count < 70_000 { letters.append(c) }
    }
    #expect(letters.count == 70_000)
    var b = AutomatonBuilder()
    var added = 0
    for c in letters where b.add(scalars: [c]) != nil { added += 1 }
    #expect(added == 65_535)
    let a = b.build()
    #expect(render(Searcher(automaton: a).find(in: "\u{4E00}")) == ["0..<1:0"])
}

@Test func serializedRoundTripAndCorruption() throws {
    let a = Automaton(patterns: ["Benghazi", "بنغازي", "Tripoli", "طرابلس", "𝔸bc"])
    let bytes = Array(a.serialized)
    let b = try Automaton(copying: bytes)
    #expect(b.nodeCount == a.nodeCount && b.patternCount == a.patternCount)
    for text in ["Benghazi and وطرابلس", "𝔸bc", "Tripoli-based"] {
        #expect(Searcher(automaton: b).find(in: text) == Searcher(automaton: a).find(in: text))
    }
    // Every single-byte corruption in the header or the tables is either harmless or an error.
    var rng = Xoshiro(seed: (7, 11, 13, 17))
    for _ in 0..<300 {
        var bad = bytes
        let k = Int.random(in: 0..<bad.count, using: &rng)
        bad[k] ^= UInt8.random(in: 1...255, using: &rng)
        if let c = try? Automaton(copying: bad) {
            _ = Searcher(automaton: c).find(in: "Benghazi and وطرابلس 𝔸bc")
        }
    }
    #expect(throws: AutomatonFormatError.self) { try Automaton(copying: Array(bytes.prefix(20))) }
    #expect(throws: AutomatonFormatError.self) { try Automaton(copying: []) }
}

// MARK: - Against the oracle, on seeded random inputs

/// An alphabet that exercises everything at once: clitic letters, ا ل, folds, deletions,
/// separators, apostrophes, both cases, digits and punctuation.
let alphabet: [UInt32] = Array("وفبكلالمصرقهةأ".unicodeScalars.map(\.value))
    + Array("aAbBsS".unicodeScalars.map(\.value))
    + [0x20, 0x2D, 0x27, 0x2019, 0x2E, 0x30, 0x064E, 0x0640, 0x200F, 0x00A0]

/// Pieces of words, so that random texts and patterns meet often: articles, clitics,
/// stems, folds, deletions, separators, both cases.
let tokens: [[UInt32]] = ["ال", "ل", "لل", "و", "ف", "ب", "ك", "مصر", "قاهرة", "ة", "أ", "ا", "ه", "a", "A", "Ab", "ab", "b", "B",
                          "s", "'s", " ", "  ", "-", "ﻻ", "\u{064E}", "\u{200F}", "\u{A0}", ".", "0"]
    .map { $0.unicodeScalars.map(\.value) }

@Test func automatonAgreesWithReferenceMatcher() async {
    let tokenGen = Gen.element(of: tokens).map { $0! }
    let patternGen = tokenGen.array(of: 1...3).map { $0.flatMap { $0 } }.array(of: 1...6)
    let textGen = tokenGen.array(of: 0...16).map { $0.flatMap { $0 } }
    await propertyCheck(count: 400, input: patternGen, textGen) { pats, text in
        for kind in MatchKind.allCases {
            for caseMode in CaseMode.allCases {
                for clitics in [true, false] {
                    let options = MatchOptions(kind: kind, caseMode: caseMode, arabicClitics: clitics)
                    var b = AutomatonBuilder()
                    var ids: [Int: Int] = [:]  // automaton id → pattern index
                    for (k, p) in pats.enumerated() {
                        if let id = b.add(scalars: p) { ids[id] = k }
                    }
                    let s = Searcher(automaton: b.build(), folding: TestFolding(), options: options)
                    let str = String(String.UnicodeScalarView(text.compactMap(Unicode.Scalar.init)))
                    let got = s.find(in: str).map { FoundMatch(range: $0.range, patterns: $0.patterns.map { ids[$0]! }.sorted()) }
                    let oracle = ReferenceMatcher(patterns: pats, fold: TestFolding().fold, options: options)
                    let want = oracle.find(text)!
                    #expect(got == want, "\(options) patterns \(pats.map { String(String.UnicodeScalarView($0.compactMap(Unicode.Scalar.init))) }) text \(str.debugDescription)")
                }
            }
        }
    }
}

@Test func automatonAgreesOnManyPatterns() {
    // Larger sets: 300 patterns drawn from the text itself, so most of them occur.
    var rng = Xoshiro(seed: (2024, 1, 2, 3))
    for _ in 0..<20 {
        let text = (0..<400).map { _ in alphabet.randomElement(using: &rng)! }
        var pats: [[UInt32]] = []
        for _ in 0..<300 {
            let a = Int.random(in: 0..<text.count, using: &rng)
            let l = Int.random(in: 1...6, using: &rng)
            pats.append(Array(text[a..<min(text.count, a + l)]))
        }
        var b = AutomatonBuilder()
        var ids: [Int: Int] = [:]
        for (k, p) in pats.enumerated() { if let id = b.add(scalars: p) { ids[id] = k } }
        let a = b.build()
        for kind in MatchKind.allCases {
            let options = MatchOptions(kind: kind)
            let s = Searcher(automaton: a, folding: TestFolding(), options: options)
            let str = String(String.UnicodeScalarView(text.compactMap(Unicode.Scalar.init)))
            let got = s.find(in: str).map { FoundMatch(range: $0.range, patterns: $0.patterns.map { ids[$0]! }.sorted()) }
            #expect(got == ReferenceMatcher(patterns: pats, fold: TestFolding().fold, options: options).find(text)!)
        }
    }
}
