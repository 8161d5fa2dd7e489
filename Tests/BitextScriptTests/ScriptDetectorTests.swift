import BitextCore
import BitextScript
import PropertyBased
import Testing

/// The rules of ``ScriptDetector``, written plainly, one scalar at a time: the oracle for the
/// optimized detector.
func referenceRuns(_ text: String) -> [ScriptRun] {
    let scalars = Array(text.unicodeScalars)
    if scalars.isEmpty { return [] }
    var runs: [ScriptRun] = []
    var current = Script.common
    var runStart = 0
    var lastStrong = -1
    var pendingBracket = -1
    var stack: [(close: UInt32, at: Int)] = []
    func scriptAt(_ pos: Int) -> Script {
        if pos >= runStart { return current }
        return runs.last { $0.start <= pos }?.script ?? current
    }
    for (k, u) in scalars.enumerated() {
        let p = UnicodeTables.properties(of: u.value)
        let s = p.script
        if s == .common || s == .inherited || s == .unknown {
            if p.bracketType == .open {
                if pendingBracket <= lastStrong { pendingBracket = k }
                if stack.count < 64, let close = UnicodeTables.closingBracket(for: u.value) { stack.append((close, k)) }
            } else if p.bracketType == .close, let m = stack.lastIndex(where: { $0.close == u.value }) {
                let opener = stack[m].at
                stack.removeSubrange(m...)
                let os = opener > lastStrong ? Script.common : scriptAt(opener)
                if os != .common && os != current && current != .common {
                    runs.append(ScriptRun(start: runStart, end: k, script: current))
                    runStart = k
                    current = os
                    lastStrong = k
                } else if os == current && os != .common {
                    lastStrong = k
                }
            }
            continue
        }
        if s != current {
            if current == .common {
                current = s
            } else {
                let split = pendingBracket > lastStrong ? pendingBracket : k
                runs.append(ScriptRun(start: runStart, end: split, script: current))
                runStart = split
                current = s
            }
        }
        lastStrong = k
    }
    runs.append(ScriptRun(start: runStart, end: scalars.count, script: current))
    return runs
}

let scriptPool: [Unicode.Scalar] = [
    "a", "Z", "q", " ", " ", "1", ",", ".", "-", "(", ")", "[", "]", "{", "}", "«", "»", "\u{2019}",
    "\u{0628}", "\u{0646}", "\u{064A}", "\u{060C}", "\u{061F}", "\u{0640}", "\u{064E}", "\u{0651}", "\u{0663}",
    "\u{0430}", "\u{03B1}", "\u{05D0}", "\u{4E2D}", "\u{00E9}", "\u{0301}", "\u{200F}", "\u{1F600}",
    "\u{FEFB}", "\u{10FFFF}", "\u{0378}", "\u{2067}", "\u{2069}",
]
let scriptText = Gen.int(in: 0...(scriptPool.count - 1)).map { scriptPool[$0] }.array(of: 0...40)
    .map { String(String.UnicodeScalarView($0)) }

@Suite struct ScriptDetectorTests {
    static func runs(_ s: String) -> String {
        ScriptDetector().analyze(s).runs.map { "\($0.script.code) \($0.start)..<\($0.end)" }.joined(separator: ", ")
    }

    @Test(arguments: [
        ("brackets go with the text they hold", "(بنغازي)", "Arab 0..<8"),
        ("diacritics never split a word", "مُحَمَّد", "Arab 0..<8"),
        ("mixed line", "Libya (ليبيا) today", "Latn 0..<6, Arab 6..<14, Latn 14..<19"),
        ("closing bracket follows its opener", "(Libya ليبيا)", "Latn 0..<7, Arab 7..<12, Latn 12..<13"),
        ("digits and spaces join the run around them", "عام 2011 في", "Arab 0..<11"),
        ("trailing Common stays with the run before", "Libya 2011 ", "Latn 0..<11"),
        ("leading Common takes the first script", "« ليبيا »", "Arab 0..<9"),
        ("no letters at all", "2011 - 2024", "Zyyy 0..<11"),
        ("Arabic comma between scripts", "Tripoli، طرابلس", "Latn 0..<9, Arab 9..<15"),
        ("nested brackets", "a (b [ج] c) د", "Latn 0..<5, Arab 5..<9, Latn 9..<12, Arab 12..<13"),
        ("unmatched closer is plain punctuation", "abc) ب", "Latn 0..<5, Arab 5..<6"),
        ("RLM is Common", "ب\u{200F}يت", "Arab 0..<4"),
        ("Cyrillic inside Latin", "pаypal", "Latn 0..<1, Cyrl 1..<2, Latn 2..<6"),
        ("empty", "", ""),
    ])
    func knownRuns(_ what: String, _ text: String, _ expected: String) {
        #expect(Self.runs(text) == expected, "\(what)")
    }

    @Test func matchesTheReferenceOnRandomText() async {
        await propertyCheck(count: 2000, input: scriptText) { text in
            let a = ScriptDetector().analyze(text)
            #expect(a.runs == referenceRuns(text), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    @Test func runsTileTheTextAndHoldTheirStrongCharacters() async {
        await propertyCheck(count: 1000, input: scriptText) { text in
            let a = ScriptDetector().analyze(text)
            let scalars = Array(text.unicodeScalars)
            #expect(a.length == scalars.count)
            var next = 0
            for (i, r) in a.runs.enumerated() {
                #expect(r.start == next && r.end > r.start)
                if i > 0 { #expect(a.runs[i - 1].script != r.script) }
                for k in r.start..<r.end {
                    let s = UnicodeTables.properties(of: scalars[k].value).script
                    if !s.isContextual && s != .unknown { #expect(s == r.script) }
                }
                next = r.end
            }
            #expect(next == scalars.count)
            // The profile counts letters by script.
            let letters = scalars.filter { UnicodeTables.properties(of: $0.value).isLetter && !UnicodeTables.properties(of: $0.value).script.isContextual }
            #expect(a.profile.letters == letters.count)
            #expect(a.profile.arabic == letters.filter { UnicodeTables.properties(of: $0.value).script == .arabic }.count)
            #expect(a.profile.latin == letters.filter { UnicodeTables.properties(of: $0.value).script == .latin }.count)
        }
    }

    @Test func longLatinAndArabicStretchesUseTheFastPaths() {
        // The 8-byte ASCII path and the two-byte path must count exactly.
        let text = String(repeating: "Benghazi and Tripoli, ", count: 50) + "(" + String(repeating: "بنغازي ", count: 30) + ")"
        let a = ScriptDetector().analyze(text)
        #expect(a.runs == referenceRuns(text))
        #expect(a.profile.latin == 50 * 18)
        #expect(a.profile.arabic == 30 * 6)
        #expect(a.dominant == .latin)
    }

    @Test func dominantScriptAndProfile() {
        let a = ScriptDetector().analyze("قال معمر القذافي for Reuters")
        #expect(a.dominant == .arabic)
        #expect(a.profile.letters == 24)
        #expect(a.profile.arabic == 14 && a.profile.latin == 10)
        #expect(abs(a.profile.arabicShare - 14.0 / 24.0) < 1e-9)
        let digitsOnly = ScriptDetector().analyze("٢٠٢٤")
        #expect(digitsOnly.dominant == .arabic)
        #expect(ScriptDetector().analyze("2024").dominant == .common)
    }

    @Test func invalidUTF8() {
        let d = ScriptDetector()
        let bad: [UInt8] = [0x61, 0xD8]
        #expect(bad.withUnsafeBufferPointer { d.analyzeChecked(utf8: $0) } == nil)
        // The lenient door reads it as U+FFFD.
        #expect(bad.withUnsafeBufferPointer { d.analyze(utf8: $0) }.length == 2)
    }
}

@Suite struct ArabicScriptHintTests {
    @Test(arguments: [
        ("بنغازي", ArabicScriptLanguage.arabic),
        ("مكتبة القاهرة", .arabic),
        ("پاکستان", .persian),
        ("تهران، ایران", .persian),
        ("کراچی میں", .urdu),
        ("ٹیلی ویژن", .urdu),
        ("هەولێر", .kurdish),
        ("کوردستانی عێراق", .kurdish),
        ("پښتو ژبه", .pashto),
        ("ډېر ښه", .pashto),
    ])
    func language(_ text: String, _ expected: ArabicScriptLanguage) {
        #expect(ArabicScriptHint(text).language == expected, "\(text): \(ArabicScriptHint(text).evidence)")
    }

    @Test func undecided() {
        #expect(ArabicScriptHint("محمد").language == nil)
        #expect(ArabicScriptHint("Libya").language == nil)
    }
}

@Suite struct ConfusableCheckTests {
    static let check = try! ConfusableCheck()

    @Test func latinWithCyrillicLookalike() {
        let f = Self.check.findings(in: "p\u{0430}ypal")
        #expect(f.contains(.init(kind: .mixedScripts([.latin, .cyrillic]))))
        #expect(f.contains(.init(kind: .lookalike(offset: 1, scalar: 0x0430, looksLike: "a"))))
    }

    @Test(arguments: ["paypal", "بنغازي", "يحيى", "مستشفى", "پاکستان", "Москва", "東京"])
    func clean(_ word: String) {
        #expect(Self.check.findings(in: word).isEmpty, "\(Self.check.findings(in: word))")
    }

    @Test(arguments: [
        ("كتابی", "ك with ی"),
        ("مکتبة", "ة with ک"),
        ("يی", "ي with ی"),
    ])
    func arabicAndPersianFormsMixed(_ word: String, _ label: String) {
        #expect(Self.check.findings(in: word).contains(.init(kind: .mixedArabicPersianLetters(label))))
    }

    @Test func mixedDigitsAndHiddenControls() {
        #expect(Self.check.findings(in: "٤۴").contains(.init(kind: .mixedDigits)))
        #expect(Self.check.findings(in: "ب\u{200F}يت").contains(.init(kind: .invisibleInside(offset: 1, scalar: 0x200F))))
    }

    @Test func wordsInText() {
        let words = Self.check.check("Visit p\u{0430}ypal.com and بنغازي, or كتابی.")
        #expect(words.map(\.word) == ["p\u{0430}ypal", "كتابی"])
        #expect(words.first?.start == 6 && words.first?.end == 12)
    }
}
