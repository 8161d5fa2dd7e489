import ICUBridge
import Testing

@Suite struct ICUBridgeTests {
    @Test func versions() {
        let parts = ICU.version.split(separator: ".")
        #expect(parts.count >= 2 && Int(parts[0]) != nil)
        #expect(Int(ICU.unicodeVersion.split(separator: ".")[0]) ?? 0 >= 13)
    }

    @Test func normalizers() throws {
        #expect(try ICUNormalizer.nfkc.normalize("\u{FEFB}") == "لا")
        #expect(try ICUNormalizer.nfc.normalize("e\u{0301}") == "\u{00E9}")
        #expect(try ICUNormalizer.nfd.normalize("\u{00E9}") == "e\u{0301}")
        #expect(try ICUNormalizer.nfkcCasefold.normalize("Ｌibya") == "libya")
        #expect(ICUNormalizer.nfc.isNormalized("بنغازي"))
        #expect(!ICUNormalizer.nfkc.isNormalized("\u{FDF2}"))
        #expect(ICUNormalizer.nfkc.hasBoundaryBefore(0x0628))
        #expect(!ICUNormalizer.nfkc.hasBoundaryBefore(0x064E))
        #expect(try ICUNormalizer.nfkc.normalize("") == "")
    }

    @Test func systemTransliterators() throws {
        let t = try ICUTransliterator(id: "Any-Latin")
        #expect(t.transliterate("Москва") == "Moskva")
        #expect(!t.transliterate("بنغازي").isEmpty)
        let copy = try t.copy()
        #expect(copy.transliterate("Москва") == "Moskva")
        #expect(ICUTransliterator.availableIDCount > 500)
        #expect(throws: ICUError.self) { try ICUTransliterator(id: "No-Such-Transliterator") }
    }

    @Test func ruleTransliterators() throws {
        let t = try ICUTransliterator(id: "test-rules", rules: "ب > b; ن > n; غ > gh; ا > a; ز > z; ي > i;")
        #expect(t.transliterate("بنغازي") == "bnghazi")
        do {
            _ = try ICUTransliterator(id: "bad", rules: "a > b;\nc > > d;")
            Issue.record("a syntax error should throw")
        } catch {
            #expect(error.ruleLine != nil)
            #expect(error.description.contains("U_"))
        }
    }

    @Test func spoofChecker() throws {
        let s = try ICUSpoofChecker()
        #expect(s.check("p\u{0430}ypal").restrictionLevel > .highlyRestrictive)
        #expect(s.check("paypal").restrictionLevel == .ascii)
        #expect(s.check("بنغازي").restrictionLevel == .singleScript)
        #expect(s.skeleton("p\u{0430}ypal") == s.skeleton("paypal"))
        #expect(s.check("٤۴").mixedNumbers)
    }

    @Test func regionNames() {
        #expect(ICULocaleNames.regionName("LY", in: "ar") == "ليبيا")
        #expect(ICULocaleNames.regionName("LY", in: "en") == "Libya")
        #expect(ICULocaleNames.regionName("ZZZ", in: "en") == nil)
        #expect(ICULocaleNames.regionCodes.contains("EG"))
    }

    @Test func bidiAndBreaks() throws {
        let b = try ICUBidiParagraph()
        #expect(b.levels(of: "abc \u{202E}def", base: .leftToRight) == [0, 0, 0, 0, 1, 1, 1, 1])
        #expect(b.visualOrder(of: "ab \u{202E}cd", base: .leftToRight) == "ab dc")
        let s = try ICUBreakIterator(.sentence, locale: "en")
        #expect(s.boundaries(in: "He left. She stayed.") == [0, 9, 20])
        #expect(s.boundaries(in: "") == [0])
    }

    @Test func characterProperties() {
        #expect(ICUCharacterProperties.scriptCode(of: 0x0628) == "Arab")
        #expect(ICUCharacterProperties.scriptExtensionCodes(of: 0x060C).contains("Arab"))
        #expect(ICUCharacterProperties.generalCategory(of: 0x064E) == "Mn")
        #expect(ICUCharacterProperties.bidiClass(of: 0x0628) == "AL")
        #expect(ICUCharacterProperties.pairedBracket(of: 0x28) == (1, 0x29))
        #expect(ICUCharacterProperties.combiningClass(of: 0x0651) == 33)
        #expect(ICUCharacterProperties.lowercase(0x0041) == 0x61)
        #expect(ICUCharacterProperties.allScripts.count > 150)
    }
}
