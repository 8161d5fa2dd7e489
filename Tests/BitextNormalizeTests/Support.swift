import BitextCore
import BitextNormalize
import ICUBridge
import PropertyBased
import Testing

/// Writes invisible and format characters as `\u{…}` escapes (and `\` as `\\`), so golden
/// files and failure messages show what is there.
func escaped(_ s: String) -> String {
    var out = ""
    for u in s.unicodeScalars {
        let v = u.value
        let p = UnicodeTables.properties(of: v)
        let gc = p.generalCategory
        if u == "\\" {
            out += "\\\\"
        } else if gc == .control || gc == .format || gc == .lineSeparator || gc == .paragraphSeparator
            || p.isDefaultIgnorable || (gc == .spaceSeparator && v != 0x20) || gc == .nonspacingMark
            || gc == .unassigned || gc == .privateUse
        {
            out += "\\u{" + String(v, radix: 16, uppercase: true) + "}"
        } else {
            out.unicodeScalars.append(u)
        }
    }
    return out
}

/// Reads `\u{…}` and `\\` escapes back.
func unescaped(_ s: String) -> String {
    var out = String.UnicodeScalarView()
    var it = Array(s.unicodeScalars)[...]
    while let c = it.popFirst() {
        guard c == "\\", let next = it.first else {
            out.append(c)
            continue
        }
        if next == "\\" {
            it.removeFirst()
            out.append("\\")
        } else if next == "u", it.dropFirst().first == "{", let close = it.firstIndex(of: "}") {
            let hex = String(String.UnicodeScalarView(it[(it.startIndex + 2)..<close]))
            it = it[(close + 1)...]
            out.append(Unicode.Scalar(UInt32(hex, radix: 16)!)!)
        } else {
            out.append(c)
        }
    }
    return String(out)
}

/// Characters that exercise every part of the engine.
let interestingScalars: [Unicode.Scalar] = [
    // ASCII and spaces
    "a", "B", "z", " ", "1", "(", ")", "\t", "\u{00A0}", "\u{2003}", "\u{3000}",
    // Arabic letters, hamza seats, maksura, ta marbuta, tatweel, digits
    "\u{0627}", "\u{0628}", "\u{064A}", "\u{0647}", "\u{0648}", "\u{0623}", "\u{0625}", "\u{0622}",
    "\u{0671}", "\u{0624}", "\u{0626}", "\u{0621}", "\u{0649}", "\u{0629}", "\u{0640}", "\u{0662}",
    "\u{06F4}", "\u{066B}", "\u{0675}", "\u{0674}",
    // harakat, shadda, madda/hamza marks, superscript alef, Quranic marks
    "\u{064E}", "\u{064F}", "\u{0650}", "\u{0651}", "\u{0652}", "\u{064B}", "\u{0653}", "\u{0654}",
    "\u{0655}", "\u{0670}", "\u{06D6}", "\u{06E5}", "\u{08F0}",
    // Persian / Urdu look-alikes and letters
    "\u{06A9}", "\u{06CC}", "\u{06C1}", "\u{06C0}", "\u{06D5}", "\u{06BE}", "\u{06D2}", "\u{067E}", "\u{06AF}",
    // presentation forms and ligatures
    "\u{FEFB}", "\u{FDF2}", "\u{FDFA}", "\u{FE8D}", "\u{FC5E}", "\u{FB50}", "\u{FE70}",
    // Latin with combining marks, compatibility characters
    "e", "\u{0301}", "\u{0308}", "\u{0323}", "\u{0316}", "\u{08E8}", "\u{064D}", "\u{0300}", "\u{00E9}", "\u{FB01}", "\u{FF21}", "\u{2460}", "\u{1E9B}", "\u{0132}",
    // Hangul jamo that compose
    "\u{1100}", "\u{1161}", "\u{11A8}",
    // bidi controls
    "\u{200E}", "\u{200F}", "\u{061C}", "\u{202A}", "\u{202B}", "\u{202C}", "\u{202D}", "\u{202E}",
    "\u{2066}", "\u{2067}", "\u{2068}", "\u{2069}",
    // invisibles, joiners, variation selectors, paragraph separators
    "\u{200B}", "\u{200C}", "\u{200D}", "\u{FEFF}", "\u{00AD}", "\u{2060}", "\u{FE0F}", "\u{2029}", "\u{001C}", "\u{0085}",
    // emoji, tags
    "\u{1F3F4}", "\u{E0067}", "\u{E0062}", "\u{E007F}", "\u{1F600}", "\u{1D400}", "\u{E0100}",
    // a capital letter with a lowercase mapping outside ASCII
    "\u{0130}", "\u{023A}", "\u{0410}",
]

let scalarText = Gen.int(in: 0...(interestingScalars.count - 1)).map { interestingScalars[$0] }.array(of: 0...24)
    .map { String(String.UnicodeScalarView($0)) }

/// A deliberately simple normalizer to check the fast engine against: stage by stage, over
/// whole strings, calling ICU for the normalization form.
func referenceNormalize(_ text: String, _ profile: NormalizationProfile) -> String {
    let steps = profile.steps
    func isBidi(_ v: UInt32) -> Bool { BidiControl(scalar: v) != nil }
    func isParagraph(_ v: UInt32) -> Bool {
        v != 0x0A && v != 0x0D && UnicodeTables.properties(of: v).bidiClass == .paragraphSeparator
    }
    func deleted(_ v: UInt32) -> Bool {
        if isBidi(v) { return profile.bidi == .strip }
        if steps.contains(.stripDiacritics) {
            switch v {
            case 0x0610...0x061A, 0x064B...0x065F, 0x0670, 0x06D6...0x06DC, 0x06DF...0x06E8, 0x06EA...0x06ED,
                 0x0898...0x089F, 0x08CA...0x08E1, 0x08E3...0x08FF: return true
            default: break
            }
        }
        if steps.contains(.removeTatweel) && v == 0x0640 { return true }
        if steps.contains(.removeJoiners) && (v == 0x200C || v == 0x200D) { return true }
        if steps.contains(.removeVariationSelectors) && ((0xFE00...0xFE0F).contains(v) || (0xE0100...0xE01EF).contains(v)) { return true }
        if steps.contains(.removeInvisible) {
            switch v {
            case 0x00AD, 0x180E, 0x200B, 0x2060...0x2064, 0x206A...0x206F, 0xFEFF, 0xFFF9...0xFFFB: return true
            default: break
            }
        }
        return false
    }
    // Stage 1: deletions, tags, bidi repair.
    var s1: [UInt32] = []
    var stack: [UInt32] = []
    var previousKept: UInt32? = nil
    var tagRun = false
    func closeAll() {
        while let open = stack.popLast() { s1.append(open == 1 ? 0x2069 : 0x202C) }
    }
    for u in text.unicodeScalars {
        let v = u.value
        if deleted(v) { continue }
        if steps.contains(.removeInvisible) && (v == 0xE0001 || (0xE0020...0xE007F).contains(v)) {
            if previousKept == 0x1F3F4 || tagRun {
                s1.append(v)
                tagRun = v != 0xE007F
                previousKept = v
            }
            continue
        }
        if profile.bidi == .repair, let b = BidiControl(scalar: v) {
            if b.opensEmbedding || b.opensIsolate {
                stack.append(b.opensIsolate ? 1 : 0)
            } else if b == .pdf {
                guard stack.last == 0 else { continue }
                stack.removeLast()
            } else if b == .pdi {
                guard let top = stack.lastIndex(of: 1) else { continue }
                for _ in (top + 1)..<stack.count { s1.append(0x202C) }
                stack.removeSubrange(top...)
            }
        }
        if profile.bidi == .repair && isParagraph(v) { closeAll() }
        // A kept scalar ends a flag's tag sequence; a dropped one (a stray PDF) does not.
        tagRun = false
        s1.append(v)
        previousKept = v
    }
    if profile.bidi == .repair { closeAll() }
    var stage1 = String.UnicodeScalarView()
    for v in s1 { stage1.append(Unicode.Scalar(v)!) }
    // Stage 2: the normalization form.
    var s2 = String(stage1)
    if steps.contains(.nfkc) {
        s2 = try! ICUNormalizer.nfkc.normalize(s2)
    } else if steps.contains(.nfc) {
        s2 = try! ICUNormalizer.nfc.normalize(s2)
    }
    // Stage 3: folds (and the deletions again, for what the form unfolded).
    var out = String.UnicodeScalarView()
    for u in s2.unicodeScalars {
        var v = u.value
        if !isBidi(v) && deleted(v) { continue }
        if steps.contains(.foldHamza) {
            switch v {
            case 0x0622, 0x0623, 0x0625, 0x0671, 0x0672, 0x0673: v = 0x0627
            case 0x0624: v = 0x0648
            case 0x0626: v = 0x064A
            case 0x0674: continue
            default: break
            }
        }
        if steps.contains(.foldAlefMaksura) && v == 0x0649 { v = 0x064A }
        if steps.contains(.foldTaMarbuta) && v == 0x0629 { v = 0x0647 }
        if steps.contains(.foldPersian) {
            switch v {
            case 0x06A9, 0x06AA: v = 0x0643
            case 0x06CC, 0x06D2, 0x06D3: v = 0x064A
            case 0x06C1, 0x06C2, 0x06C0, 0x06D5, 0x06BE, 0x06C3: v = 0x0647
            default: break
            }
        }
        if steps.contains(.foldDigits) {
            switch v {
            case 0x0660...0x0669: v = 0x30 + v - 0x0660
            case 0x06F0...0x06F9: v = 0x30 + v - 0x06F0
            case 0x066B: v = 0x2E
            case 0x066C: v = 0x2C
            case 0x066A: v = 0x25
            default: break
            }
        }
        if steps.contains(.foldSpaces) && UnicodeTables.properties(of: v).generalCategory == .spaceSeparator { v = 0x20 }
        if steps.contains(.casefold) { v = ICUCharacterProperties.lowercase(v) }
        out.append(Unicode.Scalar(v)!)
    }
    return String(out)
}

/// Checks that the bidi controls of `text` are balanced in every paragraph.
func isBalanced(_ text: String) -> Bool {
    var stack: [BidiControl] = []
    for u in text.unicodeScalars {
        if let c = BidiControl(scalar: u.value) {
            if c.opensEmbedding || c.opensIsolate {
                stack.append(c)
            } else if c == .pdf {
                guard let top = stack.popLast(), top.opensEmbedding else { return false }
            } else if c == .pdi {
                guard let top = stack.popLast(), top.opensIsolate else { return false }
            }
        } else if u.value != 0x0A && u.value != 0x0D
                    && UnicodeTables.properties(of: u.value).bidiClass == .paragraphSeparator {
            if !stack.isEmpty { return false }
        }
    }
    return stack.isEmpty
}
