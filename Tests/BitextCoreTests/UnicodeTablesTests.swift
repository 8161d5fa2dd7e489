import BitextCore
import ICUBridge
import Testing

/// The generated tables must say exactly what ICU says, for every code point.
@Suite struct UnicodeTablesTests {
    @Test func tablesWereGeneratedFromThisICU() {
        #expect(UnicodeTables.unicodeVersion == ICU.unicodeVersion)
        #expect(UnicodeTables.generatedFromICU == ICU.version)
    }

    @Test func scriptCategoryAndBidiClassAgreeWithICUEverywhere() {
        var mismatches: [String] = []
        for c in UInt32(0)...0x10FFFF {
            let p = UnicodeTables.properties(of: c)
            let sc = ICUCharacterProperties.scriptCode(of: c)
            let gc = ICUCharacterProperties.generalCategory(of: c)
            let bc = ICUCharacterProperties.bidiClass(of: c)
            if p.script.code != sc || p.generalCategory.alias != gc || p.bidiClass.alias != bc {
                mismatches.append("U+\(String(c, radix: 16)): \(p.script.code)/\(p.generalCategory.alias)/\(p.bidiClass.alias) vs ICU \(sc)/\(gc)/\(bc)")
                if mismatches.count > 10 { break }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches)")
    }

    @Test func normalizationFlagsAgreeWithICUInTheBMP() throws {
        var mismatches: [String] = []
        for c in UInt32(0)...0xFFFF where !(0xD800...0xDFFF).contains(c) {
            let p = UnicodeTables.properties(of: c)
            let s = String(Character(Unicode.Scalar(c)!))
            let nfkcForm = try ICUNormalizer.nfkc.normalize(s)
            let nfcForm = try ICUNormalizer.nfc.normalize(s)
            let nfkcQuick = ICUNormalizer.nfkc.hasBoundaryBefore(c) && nfkcForm == s
            let nfcQuick = ICUNormalizer.nfc.hasBoundaryBefore(c) && nfcForm == s
            if p.isNFKCQuick != nfkcQuick || p.isNFCQuick != nfcQuick
                || p.hasNFKCBoundaryBefore != ICUNormalizer.nfkc.hasBoundaryBefore(c)
                || p.hasNFCBoundaryBefore != ICUNormalizer.nfc.hasBoundaryBefore(c)
            {
                mismatches.append("U+\(String(c, radix: 16))")
                if mismatches.count > 10 { break }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches)")
    }

    @Test func bracketsAndBinaryProperties() {
        for c in UInt32(0)...0x10FFFF where c % 7 == 0 || c < 0x3000 {
            let p = UnicodeTables.properties(of: c)
            let b = ICUCharacterProperties.pairedBracket(of: c)
            #expect(p.bracketType.rawValue == UInt8(b.type), "U+\(String(c, radix: 16))")
            #expect(p.isWhiteSpace == ICUCharacterProperties.has(.whiteSpace, c))
            #expect(p.isDefaultIgnorable == ICUCharacterProperties.has(.defaultIgnorable, c))
            #expect(p.isAlphabetic == ICUCharacterProperties.has(.alphabetic, c))
            if b.type == 1 { #expect(UnicodeTables.closingBracket(for: c) == b.pair) }
        }
    }

    @Test(arguments: [
        (UInt32(0x0628), "Arab", "Lo"),  // ب
        (0x064E, "Zinh", "Mn"),  // fatha
        (0x060C, "Zyyy", "Po"),  // Arabic comma
        (0x0660, "Arab", "Nd"),  // Arabic-Indic zero
        (0x0041, "Latn", "Lu"),
        (0x0430, "Cyrl", "Ll"),  // Cyrillic а
        (0x200F, "Zyyy", "Cf"),  // RLM
        (0x1F600, "Zyyy", "So"),  // emoji
        (0x10FFFF, "Zzzz", "Cn"),
    ])
    func knownCharacters(_ c: UInt32, _ script: String, _ gc: String) {
        let p = UnicodeTables.properties(of: c)
        #expect(p.script.code == script)
        #expect(p.generalCategory.alias == gc)
    }

    @Test func scriptsByCodeAndName() {
        #expect(Script(code: "Arab") == .arabic)
        #expect(Script(code: "Arabic") == .arabic)
        #expect(Script(code: "Latn")?.name == "Latin")
        #expect(Script(code: "Nope") == nil)
        #expect(Script.common.isContextual && Script.inherited.isContextual && !Script.arabic.isContextual)
        // Far above U+10FFFF reads as unassigned, never out of bounds.
        #expect(UnicodeTables.properties(of: 0xFFFF_FFFF).generalCategory == .unassigned)
    }
}
