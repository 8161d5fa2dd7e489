import BitextCore
@testable import BitextNormalize
import ICUBridge
import PropertyBased
import Testing

@Suite struct NormalizerTests {
    static let search = Normalizer(profile: .search)
    static let display = Normalizer(profile: .display)

    /// What the search profile folds, one behaviour per row.
    @Test(arguments: [
        ("hamza seats", "أحمد إبراهيم آمنة ٱلله مؤمن سائل", "احمد ابراهيم امنه الله مومن سايل"),
        ("alef maksura", "مصطفى", "مصطفي"),
        ("ta marbuta", "مدينة", "مدينه"),
        ("tatweel", "جـــميل", "جميل"),
        ("harakat, shadda, sukun, tanween", "مُحَمَّدٌ يَكْتُبُ", "محمد يكتب"),
        ("superscript alef and Quranic marks", "هٰذَا ٱلْكِتَٰبُ ۖ", "هذا الكتب "),
        ("lam-alef ligature", "\u{FEFB}", "لا"),
        ("Allah ligature", "\u{FDF2}", "الله"),
        ("presentation forms of letters", "\u{FE91}\u{FEE8}\u{FED0}\u{FE8E}\u{FEB0}\u{FEF2}", "بنغازي"),
        ("Persian kaf and yeh", "کتاب ایران", "كتاب ايران"),
        ("Urdu heh goal, heh doachashmee, yeh barree", "ہ ھ ے", "ه ه ي"),
        ("heh with yeh above", "\u{06C0}", "ه"),
        ("Arabic-Indic and Persian digits", "٢٠٢٤ و ۱۴۰۳", "2024 و 1403"),
        ("decimal and thousands separators, percent", "٣٫٥٪ ١٬٠٠٠", "3.5% 1,000"),
        ("no-break and em spaces", "ليبيا\u{00A0}2024\u{2003}x", "ليبيا 2024 x"),
        ("RLM inside a word does not split it", "ب\u{200F}يت", "بيت"),
        ("every bidi control stripped", "\u{202B}بنغازي\u{202C} \u{2067}x\u{2069}\u{200E}", "بنغازي x"),
        ("ZWNJ and ZWJ dropped", "می\u{200C}خواهم", "ميخواهم"),
        ("zero-width space, BOM, soft hyphen", "\u{FEFF}a\u{200B}b\u{00AD}c", "abc"),
        ("fullwidth and ligature Latin", "\u{FF2C}ibya \u{FB01}le", "Libya file"),
        ("case kept", "Benghazi", "Benghazi"),
        ("free-standing hamza kept", "سماء", "سماء"),
        ("Persian letters without Arabic twin kept", "پ چ ژ گ", "پ چ ژ گ"),
        ("empty", "", ""),
    ])
    func searchProfile(_ what: String, _ input: String, _ expected: String) {
        #expect(Self.search.normalize(input) == expected, "\(what): \(escaped(Self.search.normalize(input)))")
    }

    /// What the display profile does — and does not — change.
    @Test(arguments: [
        ("override closed at the end", "\u{202E}abc", "\u{202E}abc\u{202C}"),
        ("isolate closed at the end", "x \u{2067}بنغازي", "x \u{2067}بنغازي\u{2069}"),
        ("nested: innermost closed first", "\u{202B}a\u{2066}b", "\u{202B}a\u{2066}b\u{2069}\u{202C}"),
        ("PDI closes the embeddings inside its isolate", "\u{2067}x\u{202B}y\u{2069}z", "\u{2067}x\u{202B}y\u{202C}\u{2069}z"),
        ("unmatched PDF and PDI dropped", "a\u{202C}b\u{2069}c", "abc"),
        ("PDF does not close an isolate", "\u{2066}a\u{202C}b", "\u{2066}ab\u{2069}"),
        ("closed before a paragraph separator", "a\u{202E}b\u{2029}c", "a\u{202E}b\u{202C}\u{2029}c"),
        ("marks kept", "\u{200F}ليبيا\u{200E}", "\u{200F}ليبيا\u{200E}"),
        ("ZWNJ kept", "می\u{200C}خواهم", "می\u{200C}خواهم"),
        ("ZWSP and BOM removed", "a\u{200B}b\u{FEFF}", "ab"),
        ("diacritics kept", "مُحَمَّد", "مُحَمَّد"),
        ("composition", "e\u{0301}", "\u{00E9}"),
        ("composition across a removed ZWSP", "e\u{200B}\u{0301}", "\u{00E9}"),
        ("letters as written", "أحمد مصطفى مدينة ی ک ٢", "أحمد مصطفى مدينة ی ک ٢"),
        ("subdivision flag kept", "\u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}", "\u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}"),
        ("stray tag characters removed", "a\u{E0041}\u{E0042}b", "ab"),
        ("variation selector kept", "\u{2764}\u{FE0F}", "\u{2764}\u{FE0F}"),
        // Found by the fuzzer: the marks on both sides of a dropped PDF meet, and are reordered.
        ("marks reordered across a dropped PDF", "\u{08E8}\u{202C}\u{064D}\u{062A}", "\u{064D}\u{08E8}\u{062A}"),
        ("marks reordered across a stray tag", "a\u{0301}\u{E0041}\u{0316}", "a\u{0316}\u{0301}"),
        ("a dropped PDF inside a flag's tag sequence", "\u{1F3F4}\u{202C}\u{E0067}\u{E007F}", "\u{1F3F4}\u{E0067}\u{E007F}"),
        // Found by the property test: the same between two tags.
        ("a dropped PDF between a flag's tags", "\u{1F3F4}\u{E0067}\u{202C}\u{E0067}\u{E007F}", "\u{1F3F4}\u{E0067}\u{E0067}\u{E007F}"),
    ])
    func displayProfile(_ what: String, _ input: String, _ expected: String) {
        let got = Self.display.normalize(input)
        #expect(referenceNormalize(input, .display) == expected, "\(what): the reference")
        #expect(got == expected, "\(what): got \(escaped(got))")
        #expect(isBalanced(got))
    }

    static let profiles: [NormalizationProfile] = [
        .search, .display, .nfc, .nfkc,
        NormalizationProfile(name: "search-keep", steps: NormalizationProfile.search.steps, bidi: .keep),
        NormalizationProfile(name: "search-repair-casefold", steps: NormalizationProfile.search.steps.union([.casefold]), bidi: .repair),
        NormalizationProfile(name: "folds-only", steps: [.foldHamza, .foldDigits, .foldPersian, .removeInvisible], bidi: .strip),
        NormalizationProfile(name: "nfc-diacritics", steps: [.nfc, .stripDiacritics, .removeTatweel], bidi: .repair),
        NormalizationProfile(name: "nothing", steps: [], bidi: .keep),
    ]

    /// The fast engine against the stage-by-stage reference, on random text.
    @Test(arguments: profiles)
    func engineMatchesReference(_ profile: NormalizationProfile) async {
        let n = Normalizer(profile: profile)
        await propertyCheck(count: 1500, input: scalarText) { text in
            let got = n.normalize(text)
            let want = referenceNormalize(text, profile)
            #expect(got == want, "\(profile.name): \(escaped(text)) → \(escaped(got)), reference \(escaped(want))")
        }
    }

    @Test(arguments: [NormalizationProfile.search, .display, .nfc, .nfkc])
    func idempotent(_ profile: NormalizationProfile) async {
        let n = Normalizer(profile: profile)
        await propertyCheck(count: 400, input: scalarText) { text in
            let once = n.normalize(text)
            #expect(n.normalize(once) == once, "\(profile.name): \(escaped(text)) → \(escaped(once)) → \(escaped(n.normalize(once)))")
        }
    }

    @Test func repairAlwaysBalances() async {
        let n = Normalizer(profile: NormalizationProfile(name: "repair", steps: [], bidi: .repair))
        await propertyCheck(count: 600, input: scalarText) { text in
            #expect(isBalanced(n.normalize(text)), "\(escaped(text))")
            #expect(isBalanced(Self.display.normalize(text)), "\(escaped(text))")
        }
    }

    @Test func bidiControlsNeverChangeWhatIsLeft() async {
        // Stripping bidi controls gives what the text without them gives: no control
        // turns into a space or splits a word.
        await propertyCheck(count: 400, input: scalarText) { text in
            var bare = String.UnicodeScalarView()
            bare.append(contentsOf: text.unicodeScalars.filter { BidiControl(scalar: $0.value) == nil })
            #expect(Self.search.normalize(text) == Self.search.normalize(String(bare)), "\(escaped(text))")
        }
    }

    /// The offset map: covers both texts, is monotone, copies map to equal scalars, and every
    /// chunk of input normalizes on its own to its chunk of output.
    @Test(arguments: [NormalizationProfile.search, .nfc, .nfkc,
                      NormalizationProfile(name: "display-keep", steps: [.nfc, .removeInvisible], bidi: .keep)])
    func offsetMapSlicesTheOriginal(_ profile: NormalizationProfile) async {
        let n = Normalizer(profile: profile)
        await propertyCheck(count: 400, input: scalarText) { text in
            let r = n.normalizeWithMap(text)
            let input = Array(text.unicodeScalars)
            let output = Array(r.text.unicodeScalars)
            #expect(r.text == n.normalize(text))
            #expect(r.map.inputCount == input.count && r.map.outputCount == output.count)
            var previous = 0..<0
            for o in 0..<output.count {
                let range = r.map.originalRange(o..<(o + 1))
                #expect(range.lowerBound >= previous.lowerBound && range.upperBound >= previous.upperBound)
                previous = range
            }
            var covered = 0..<0
            for c in r.map.chunks {
                let source = String(String.UnicodeScalarView(input[c.input]))
                let target = String(String.UnicodeScalarView(output[c.output]))
                // (Tag characters depend on the flag before them: not checkable alone.)
                if source.unicodeScalars.contains(where: { (0xE0000...0xE007F).contains($0.value) }) { continue }
                #expect(n.normalize(source) == target, "\(escaped(text)): chunk \(c) \(escaped(source)) → \(escaped(target))")
                covered = covered.upperBound..<c.outEnd
            }
            // Between chunks, one scalar gives one scalar (copied or folded on its own).
            var o = 0
            for c in r.map.chunks + [OffsetMap.Chunk(outStart: output.count, outEnd: output.count, inStart: input.count, inEnd: input.count)] {
                while o < c.outStart {
                    let scalar = input[r.map.originalStart(ofOutput: o)]
                    // (A tag character's fate depends on the flag before it: not checkable alone.)
                    if !(0xE0000...0xE007F).contains(scalar.value) {
                        #expect(n.normalize(String(Character(scalar))) == String(Character(output[o])), "\(escaped(text)) at \(o)")
                    }
                    o += 1
                }
                o = max(o, c.outEnd)
            }
        }
    }

    @Test func offsetsOfAMatchInDiacritizedText() {
        // Find بنغازي in normalized text; report it in the original.
        let original = "وصلَ إلى \u{200F}بَنْغَازِي\u{200F} أمس"
        let r = Self.search.normalizeWithMap(original)
        let target = Array("بنغازي".unicodeScalars)
        let out = Array(r.text.unicodeScalars)
        let start = try! #require((0...(out.count - target.count)).first { Array(out[$0..<($0 + target.count)]) == target })
        let range = r.map.originalRange(start..<(start + target.count))
        let scalars = Array(original.unicodeScalars)
        #expect(String(String.UnicodeScalarView(scalars[range])) == "بَنْغَازِي")
    }

    /// Found by the fuzzer: a zero-width space, a high hamza that fold-hamza drops, a fatha,
    /// then a combining mark that sends the engine back to the hamza.
    @Test func restartingASegmentAfterFoldedDeletions() {
        let text = "ا\u{200B}\u{0674}\u{064E}\u{05C1}ى"
        let r = Self.search.normalizeWithMap(text)
        #expect(r.text == referenceNormalize(text, .search))
        #expect(r.map.inputCount == 6 && r.map.outputCount == r.text.unicodeScalars.count)
    }

    /// A standalone deletion right after a slow segment stays outside its chunk.
    @Test func invisibleAfterALigatureIsNotPartOfIt() {
        let r = Self.search.normalizeWithMap("\u{FDFA}\u{200B}x")
        #expect(r.text == "صلي الله عليه وسلمx")
        #expect(r.map.originalRange(0..<18) == 0..<1)
        #expect(r.map.originalRange(18..<19) == 2..<3)
    }

    @Test func invalidUTF8IsReportedAndNothingWritten() throws {
        var out: [UInt8] = Array("keep".utf8)
        let bad: [UInt8] = Array("بن".utf8) + [0xD9] + Array("x".utf8)
        #expect(throws: UTF8Error.self) {
            try bad.withUnsafeBufferPointer { try Self.search.normalize(utf8: $0, into: &out) }
        }
        #expect(out == Array("keep".utf8))
        do {
            try bad.withUnsafeBufferPointer { _ = try Self.search.normalize(utf8: $0, into: &out) }
            Issue.record("expected an error")
        } catch let error as UTF8Error {
            #expect(error.byteOffset == 4)
            #expect(error.reason == .truncated)
        }
    }

    @Test func longLineIsLinear() {
        // A 4 MB line with every kind of character: completes, and matches the reference on a slice.
        let unit = "بَنْغَازِي Benghazi ﻻ \u{200F}٢٠٢٤ e\u{0301} "
        let long = String(repeating: unit, count: 100_000)
        let got = Self.search.normalize(long)
        #expect(got == String(repeating: Self.search.normalize(unit), count: 100_000))
    }

    /// The shortcut for characters no step touches must agree with the full computation.
    @Test(arguments: profiles)
    func ordinaryShortcutAgreesWithFullComputation(_ profile: NormalizationProfile) {
        let compiler = ActionCompiler(profile: profile)
        var table = ReplacementTable()
        var other = ReplacementTable()
        for c in UInt32(0)...0xFFFF where compiler.isOrdinary(c) {
            #expect(compiler.action(c, &table).raw == compiler.fullAction(c, &other).raw, "U+\(String(c, radix: 16))")
        }
    }
}

@Suite struct FuzzRegressionTests {
    /// An override opened before a line break is closed before it, in every repairing profile.
    @Test(arguments: ["\u{202D}^\n", "\u{202D}^\n\u{202E}x", "a\u{2067}^\n"])
    func repairClosesBeforeTheLineBreak(_ text: String) throws {
        let profiles = [
            NormalizationProfile.display,
            NormalizationProfile(name: "search-repair-casefold", steps: NormalizationProfile.search.steps.union([.casefold]), bidi: .repair),
        ]
        for p in profiles {
            let n = Normalizer(profile: p)
            var out: [UInt8] = []
            try Array(text.utf8).withUnsafeBufferPointer { _ = try n.normalize(utf8: $0, into: &out, offsets: true) }
            let s = String(decoding: out, as: UTF8.self)
            let issues = BidiReport(s).issues.filter { $0.kind != .override }
            #expect(issues.isEmpty, "\(p.name): \(s.unicodeScalars.map { String($0.value, radix: 16) }) \(issues)")
            var again: [UInt8] = []
            try out.withUnsafeBufferPointer { try n.normalize(utf8: $0, into: &again) }
            #expect(again == out, "\(p.name): not idempotent")
        }
    }
}
