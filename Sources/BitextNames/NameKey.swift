// NameKey.swift — a spelling-independent key for blocking.

/// A coarse, spelling-independent key of a name, in either script, for blocking: spellings
/// of one name usually get the same key, so only names that share a key (or one of its
/// word keys) need to be compared.
///
/// Each word becomes its consonant skeleton in classes that romanizations do not tell apart
/// (q/k/g/gh → K; t/d/th/dh/z and ت ط ث د ض ذ ظ ز → D; sh/ch and ش → C; …); vowels, h, w,
/// y, ع and ء are dropped; the article (al-, el-, ال) and the particles bin/ben/ibn/bint/ould
/// are left out; the word keys are sorted, so word order does not matter.
///
///     NameKey.key("Muammar al-Qaddafi")   // "KDF MR"
///     NameKey.key("معمر القذافي")          // "KDF MR"
///     NameKey.key("Moammar Gadhafi")      // "KDF MR"
public enum NameKey {
    /// The key of a whole name: its word keys, sorted, space-separated.
    public static func key(_ name: String) -> String {
        wordKeys(name).sorted().joined(separator: " ")
    }

    /// The key of each word of a name (empty keys and particles left out), in order.
    public static func wordKeys(_ name: String) -> [String] {
        if ArabicNameText.hasArabicLetter(name) {
            let words = ArabicNameText.words(name)
            var keys: [String] = []
            var i = 0
            while i < words.count {
                let w = words[i]
                i += 1
                if !w.isArabic {
                    let k = latinWordKey(w.text)
                    if !k.isEmpty { keys.append(k) }
                    continue
                }
                var letters = w.scalars
                // عبد and ابو join the next word, as their Latin spellings do (Abdelaziz, Abubakr)
                if (letters == ArabicNameText.abd || arabicPrefixes.contains(letters)) && i < words.count && words[i].isArabic {
                    var next = words[i].scalars
                    if ArabicNameText.hasArticle(next) { next.removeFirst(2) }
                    letters += next
                    i += 1
                }
                let k = arabicWordKey(letters)
                if !k.isEmpty { keys.append(k) }
            }
            return keys
        }
        var id: [UInt8] = []
        LatinFolding.appendIdentity(of: name.unicodeScalars, to: &id)
        return LatinNameTokens.tokens(identity: id).compactMap { t -> String? in
            let k = String(decoding: latinKey(canonical: LatinPhonetics.canonical(identity: t)), as: UTF8.self)
            return k.isEmpty ? nil : k
        }
    }

    /// The key of one Latin word.
    public static func latinWordKey(_ word: String) -> String {
        var id: [UInt8] = []
        LatinFolding.appendIdentity(of: word.unicodeScalars, to: &id)
        guard let t = LatinNameTokens.tokens(identity: id).first else { return "" }
        return String(decoding: latinKey(canonical: LatinPhonetics.canonical(identity: t)), as: UTF8.self)
    }

    /// Class of a canonical Latin symbol (0 = dropped).
    static func latinClass(_ s: UInt8) -> UInt8 {
        switch s {
        case UInt8(ascii: "b"), UInt8(ascii: "p"): UInt8(ascii: "B")
        case UInt8(ascii: "f"), UInt8(ascii: "v"): UInt8(ascii: "F")
        case UInt8(ascii: "t"), UInt8(ascii: "d"), UInt8(ascii: "T"), UInt8(ascii: "D"), UInt8(ascii: "z"):
            UInt8(ascii: "D")
        case UInt8(ascii: "s"): UInt8(ascii: "S")
        case UInt8(ascii: "S"): UInt8(ascii: "C")
        case UInt8(ascii: "j"): UInt8(ascii: "J")
        case UInt8(ascii: "x"): UInt8(ascii: "X")
        case UInt8(ascii: "k"), UInt8(ascii: "q"), UInt8(ascii: "g"), UInt8(ascii: "G"): UInt8(ascii: "K")
        case UInt8(ascii: "r"): UInt8(ascii: "R")
        case UInt8(ascii: "l"): UInt8(ascii: "L")
        case UInt8(ascii: "m"): UInt8(ascii: "M")
        case UInt8(ascii: "n"): UInt8(ascii: "N")
        default: 0
        }
    }

    static func latinKey(canonical: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        for s in canonical {
            let c = latinClass(s)
            if c != 0 && out.last != c { out.append(c) }
        }
        return out
    }

    /// Class of an Arabic letter (0 = dropped).
    static func arabicClass(_ v: UInt32) -> UInt8 {
        switch v {
        case 0x0628, 0x067E: UInt8(ascii: "B")
        case 0x0641, 0x06A4: UInt8(ascii: "F")
        case 0x062A, 0x0637, 0x062B, 0x062F, 0x0636, 0x0630, 0x0638, 0x0632: UInt8(ascii: "D")
        case 0x0633, 0x0635: UInt8(ascii: "S")
        case 0x0634, 0x0686: UInt8(ascii: "C")
        case 0x062C, 0x0698: UInt8(ascii: "J")
        case 0x062E: UInt8(ascii: "X")
        case 0x0642, 0x0643, 0x063A, 0x06AF, 0x06A9: UInt8(ascii: "K")
        case 0x0631: UInt8(ascii: "R")
        case 0x0644: UInt8(ascii: "L")
        case 0x0645: UInt8(ascii: "M")
        case 0x0646: UInt8(ascii: "N")
        default: 0
        }
    }

    static let arabicPrefixes: Set<[UInt32]> = [[0x0627, 0x0628, 0x0648], [0x0627, 0x0628, 0x064A]]  // ابو ابي

    static let arabicParticles: Set<[UInt32]> = [[0x0628, 0x0646], [0x0627, 0x0628, 0x0646], [0x0628, 0x0646, 0x062A],
                                                 [0x0627, 0x0644], [0x0648, 0x0644, 0x062F]]

    /// The key of one (search-folded) Arabic word.
    public static func arabicWordKey(_ w: [UInt32]) -> String {
        if w.count <= 3 && arabicParticles.contains(w) { return "" }  // (particles have 2 or 3 letters)
        var letters = w[...]
        if ArabicNameText.hasArticle(w) { letters = w.dropFirst(2) }
        var out: [UInt8] = []
        for v in letters {
            let c = arabicClass(v)
            if c != 0 && out.last != c { out.append(c) }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Latin name words as the name matcher sees them: particles left out, the article split
/// off, `Abd` compounds and `Abu` joined to the next word.
enum LatinNameTokens {
    static let particles: Set<[UInt8]> = Set(["al", "el", "ul", "il", "ol", "l", "bin", "ben", "ibn", "bint", "ould",
                                              "wuld", "ag", "b"].map { Array($0.utf8) })
    static let abdForms: Set<[UInt8]> = Set(["abd", "abdul", "abdel", "abdal", "abdol", "abdoul", "abdu", "abde", "abdil",
                                             "abdelal", "abdu l"].map { Array($0.utf8) })
    static let abuForms: Set<[UInt8]> = Set(["abu", "abou", "abo", "aboul", "abul"].map { Array($0.utf8) })

    /// Abbreviations written for a whole word: Mohd, Md, Mhd → muhammad; Ltd → limited; Co
    /// → company …
    static let expansions: [[UInt8]: [UInt8]] = {
        var t: [[UInt8]: [UInt8]] = [:]
        for (short, long) in [("mohd", "muhammad"), ("muhd", "muhammad"), ("mhd", "muhammad"), ("md", "muhammad"),
                              ("mohamad", "muhammad"),
                              ("ltd", "limited"), ("co", "company"), ("cos", "companies"), ("corp", "corporation"),
                              ("inc", "incorporated"), ("est", "establishment"), ("intl", "international"),
                              ("bros", "brothers"), ("assn", "association"), ("assoc", "association"),
                              ("org", "organization"), ("orgn", "organization"), ("dept", "department"),
                              ("govt", "government"), ("natl", "national")] {
            t[Array(short.utf8)] = Array(long.utf8)
        }
        return t
    }()

    /// The words of an identity-folded name (bytes), ready for matching. An initial written
    /// with a full stop (`M.`, `H.A.`) is a word of one letter; a free-standing `e` or `i`
    /// without one is the Persian/Urdu ezafe (Lashkar-e-Taiba, Lashkar I Jhangvi) and is left
    /// out like the article.
    static func tokens(identity: [UInt8]) -> [[UInt8]] {
        var raw: [[UInt8]] = []
        for piece in identity.split(separator: 0x20) {
            if piece.contains(0x2E) && piece.count > 1 {
                // H.A. → h, a; Bros. → bros; A.I.C. → a, i, c
                for part in piece.split(separator: 0x2E) {
                    let letters = Array(part.filter { $0 >= 0x61 && $0 <= 0x7A })
                    if !letters.isEmpty { raw.append(letters.count == 1 ? letters + [0x2E] : letters) }
                }
                continue
            }
            let letters = Array(piece.filter { $0 >= 0x61 && $0 <= 0x7A })
            if !letters.isEmpty { raw.append(letters) }
        }
        raw = raw.map { expansions[$0] ?? $0 }
        var out: [[UInt8]] = []
        var i = 0
        func isParticle(_ k: Int) -> Bool {
            if particles.contains(raw[k]) { return true }
            let t = raw[k]
            // the ezafe: a lone e or i between two words
            if t.count == 1 && (t[0] == 0x65 || t[0] == 0x69) && k > 0 && k + 1 < raw.count { return true }
            // an assimilated article written apart: ar-Rahman, ash-Shams, ad-Din
            if k + 1 < raw.count, (2...3).contains(t.count), t[0] == 0x61 || t[0] == 0x65 {
                let cons = t[1...]
                return !cons.contains(where: LatinPhonetics.isVowel) && raw[k + 1].starts(with: cons) && raw[k + 1].count > cons.count + 1
            }
            return false
        }
        while i < raw.count {
            var t = raw[i]
            if t.last == 0x2E {
                // an initial
                t.removeLast()
                out.append(t)
                i += 1
                continue
            }
            let isAbd = abdForms.contains(t)
            if (isAbd || abuForms.contains(t)) && i + 1 < raw.count && raw[i + 1].last != 0x2E {
                // Abd al-Rahman, Abdel Aziz, Abdul Latif → abd + the name; Abu Bakr → abubakr
                var j = i + 1
                while j < raw.count - 1 && isParticle(j) { j += 1 }
                let name = isAbd ? abdName(raw[j]) : stripArticle(raw[j])
                out.append(Array((isAbd ? "abd" : "abu").utf8) + name)
                i = j + 1
                continue
            }
            if isParticle(i) {
                i += 1
                continue
            }
            i += 1
            var w = stripArticle(t)
            if w.count > 5 && w.starts(with: Array("abd".utf8)) { w = Array("abd".utf8) + abdGlued(Array(w[3...])) }
            out.append(w)
        }
        return out
    }

    /// `alqaddafi` → `qaddafi`, `elhachimi` → `hachimi` (a glued article before a consonant,
    /// leaving at least four letters).
    static func stripArticle(_ t: [UInt8]) -> [UInt8] {
        if t.count >= 6, t[0] == 0x61 || t[0] == 0x65, t[1] == 0x6C, !LatinPhonetics.isVowel(t[2]), t[2] != 0x79 {
            return Array(t[2...])
        }
        return t
    }

    /// The name after a separate `Abd`: `allah` → `lah`, `al` + consonant dropped.
    static func abdName(_ t: [UInt8]) -> [UInt8] {
        if t.count >= 4, LatinPhonetics.isVowel(t[0]), t[1] == 0x6C, !LatinPhonetics.isVowel(t[2]) {
            return Array(t[2...])
        }
        return t
    }

    /// What follows `abd` in a glued compound: `elaziz` → `aziz`, `errahim` → `rahim`,
    /// `ullah` → `lah`, `irahman` → `rahman`.
    static func abdGlued(_ rest: [UInt8]) -> [UInt8] {
        guard rest.count >= 3, LatinPhonetics.isVowel(rest[0]) else { return rest }
        if rest[1] == 0x6C && rest.count >= 4 { return Array(rest[2...]) }
        if rest[1] == rest[2] && !LatinPhonetics.isVowel(rest[1]) { return Array(rest[2...]) }
        if !LatinPhonetics.isVowel(rest[1]) { return Array(rest[1...]) }
        return rest
    }
}
