// ConfusableCheck.swift — mixed-script and confusable words (UTS #39), with Arabic-keyboard checks.
import BitextCore
import ICUBridge

/// Something suspicious about one word.
public struct ConfusableFinding: Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Equatable, Sendable {
        /// Letters from scripts that do not belong together in one word (UTS #39
        /// "highly restrictive" violated), e.g. Latin with Cyrillic.
        case mixedScripts([Script])
        /// A letter from a minority script that looks like a letter of the word's main
        /// script: `offset` (scalar, within the word), the letter and its look-alike.
        case lookalike(offset: Int, scalar: UInt32, looksLike: String)
        /// Arabic-only and Persian/Urdu-only letter forms in one word (ك with ی, ي with ی,
        /// ة with ک …): typed on two keyboard layouts, or spoofed. The label lists the forms.
        case mixedArabicPersianLetters(String)
        /// Digits from more than one decimal system (4, ٤, ۴).
        case mixedDigits
        /// A bidi control or invisible character inside the word.
        case invisibleInside(offset: Int, scalar: UInt32)
    }

    public var kind: Kind

    public init(kind: Kind) { self.kind = kind }

    public var description: String {
        switch kind {
        case .mixedScripts(let s): "mixed scripts: " + s.map(\.code).joined(separator: "+")
        case .lookalike(let o, let c, let l): "U+\(hex(c)) at \(o) looks like \"\(l)\""
        case .mixedArabicPersianLetters(let pair): "Arabic and Persian letter forms mixed: \(pair)"
        case .mixedDigits: "digits from several systems"
        case .invisibleInside(let o, let c): "invisible U+\(hex(c)) at \(o)"
        }
    }
}

func hex(_ c: UInt32) -> String {
    let s = String(c, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 4 - s.count)) + s
}

/// A word with its findings (scalar offsets within the checked text).
public struct ConfusableWord: Equatable, Sendable {
    public var start: Int
    public var end: Int
    public var word: String
    public var findings: [ConfusableFinding]
}

/// Checks words for script mixing and confusable characters: ICU's spoof checker (UTS #39
/// restriction level, mixed numbers, skeletons) plus bitext's own Arabic checks.
///
///     let check = try ConfusableCheck()
///     check.findings(in: "pаypal")       // mixed scripts Latn+Cyrl; U+0430 looks like "a"
///     check.findings(in: "كتابی")        // Arabic and Persian letter forms mixed: ك with ی
///     check.findings(in: "بنغازي")       // []
///
/// Thread-safe.
public final class ConfusableCheck: Sendable {
    private let spoof: ICUSpoofChecker

    public init() throws {
        spoof = try ICUSpoofChecker()
    }

    /// Letter forms only Arabic spelling uses, and forms only Persian/Urdu spelling uses,
    /// for the same sounds (ك/ک, ي ى/ی, ة/ۃ ه, ه/ہ ھ ۀ).
    static let arabicOnlyForms: Set<UInt32> = [0x0643, 0x064A, 0x0649, 0x0629]
    static let persianOnlyForms: Set<UInt32> = [0x06A9, 0x06CC, 0x06C0, 0x06C1, 0x06BE, 0x06C3]

    /// Findings for one word (empty when it is clean).
    public func findings(in word: String) -> [ConfusableFinding] {
        var out: [ConfusableFinding] = []
        let scalars = Array(word.unicodeScalars)
        // Invisible characters and bidi controls inside the word.
        for (i, s) in scalars.enumerated() where i > 0 && i < scalars.count - 1 {
            let p = UnicodeTables.properties(of: s.value)
            if p.isDefaultIgnorable && s.value != 0x200C && s.value != 0x200D {
                out.append(.init(kind: .invisibleInside(offset: i, scalar: s.value)))
            }
        }
        // Scripts of the letters.
        var letterScripts: [Script: Int] = [:]
        for s in scalars {
            let p = UnicodeTables.properties(of: s.value)
            if p.isLetter && !p.script.isContextual { letterScripts[p.script, default: 0] += 1 }
        }
        let result = spoof.check(word)
        if letterScripts.count > 1 && result.restrictionLevel > .highlyRestrictive {
            let ordered = letterScripts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            out.append(.init(kind: .mixedScripts(ordered.map(\.key))))
            // Minority letters that look like majority-script letters.
            let main = ordered[0].key
            for (i, s) in scalars.enumerated() {
                let sc = UnicodeTables.properties(of: s.value).script
                guard !sc.isContextual, sc != main else { continue }
                let skeleton = spoof.skeleton(String(Character(s)))
                let skeletonScripts = skeleton.unicodeScalars.map { UnicodeTables.properties(of: $0.value).script }
                if !skeleton.isEmpty && skeletonScripts.allSatisfy({ $0 == main || $0.isContextual }) {
                    out.append(.init(kind: .lookalike(offset: i, scalar: s.value, looksLike: skeleton)))
                }
            }
        }
        if result.mixedNumbers { out.append(.init(kind: .mixedDigits)) }
        // Arabic-only and Persian-only letter forms in one word.
        var arabicForms = String.UnicodeScalarView()
        var persianForms = String.UnicodeScalarView()
        for s in scalars {
            if Self.arabicOnlyForms.contains(s.value) && !arabicForms.contains(s) { arabicForms.append(s) }
            if Self.persianOnlyForms.contains(s.value) && !persianForms.contains(s) { persianForms.append(s) }
        }
        if !arabicForms.isEmpty && !persianForms.isEmpty {
            out.append(.init(kind: .mixedArabicPersianLetters(String(arabicForms) + " with " + String(persianForms))))
        }
        return out
    }

    /// Every word of `text` (maximal runs of letters, marks, digits and joiners; bidi
    /// controls and invisible characters inside a word count as part of it) that has
    /// findings, with scalar offsets.
    public func check(_ text: String) -> [ConfusableWord] {
        var words: [ConfusableWord] = []
        let scalars = Array(text.unicodeScalars)
        var i = 0
        func inWord(_ s: Unicode.Scalar) -> Bool {
            let p = UnicodeTables.properties(of: s.value)
            let gc = p.generalCategory
            return gc.isLetter || gc.isMark || gc == .decimalNumber || p.isDefaultIgnorable
                || gc == .connectorPunctuation
        }
        while i < scalars.count {
            guard inWord(scalars[i]) else {
                i += 1
                continue
            }
            var j = i
            while j < scalars.count && inWord(scalars[j]) { j += 1 }
            // Trim invisible characters at the word's edges.
            var a = i
            var b = j
            while a < b && UnicodeTables.properties(of: scalars[a].value).isDefaultIgnorable { a += 1 }
            while b > a && UnicodeTables.properties(of: scalars[b - 1].value).isDefaultIgnorable { b -= 1 }
            if a < b {
                var w = String.UnicodeScalarView()
                w.append(contentsOf: scalars[a..<b])
                let word = String(w)
                let f = findings(in: word)
                if !f.isEmpty { words.append(ConfusableWord(start: a, end: b, word: word, findings: f)) }
            }
            i = j
        }
        return words
    }
}
