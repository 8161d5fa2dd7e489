// NameSpans.swift — likely proper names in English text, and word spans in Arabic text.
import BitextCore
import BitextLexicon

/// A stretch of text: scalar offsets and the text itself.
public struct TextSpan: Equatable, Sendable, CustomStringConvertible {
    public var start: Int
    public var end: Int
    public var text: String
    /// True for one capitalized word starting a sentence: a name, or a common word that
    /// only starts the sentence ("Officials said …").
    public var onlyCapitalizedBySentence: Bool

    public init(start: Int, end: Int, text: String, onlyCapitalizedBySentence: Bool = false) {
        self.start = start
        self.end = end
        self.text = text
        self.onlyCapitalizedBySentence = onlyCapitalizedBySentence
    }

    public var description: String { "\(text)@\(start)..<\(end)" }
}

/// Finds the spans of English text that look like proper names: runs of capitalized words,
/// with the particles Arabic names carry inside them (al-, el-, bin, ibn, Abu, Abdel) and the
/// connectives of organization names (of, for, and, the) between capitalized words.
///
/// Titles before a name (Gen., President, Sheikh) and the capitalized function word that
/// starts a sentence are left out; a possessive 's is left out of the span.
///
///     EnglishNameSpans().spans(in: "Gen. Khalifa Haftar's spokesman, Ahmed al-Mismari, spoke.")
///     // ["Khalifa Haftar", "Ahmed al-Mismari"]
public struct EnglishNameSpans: Sendable {
    /// A run of more capitalized words than this is title-case text (a headline), not a name:
    /// it gives no span (lexicon names inside it are still found by the matcher).
    public var maximumWords = 8

    public init() {}

    /// Words that start sentences and are capitalized only for that.
    static let functionWords: Set<String> = [
        "the", "a", "an", "in", "on", "at", "of", "for", "to", "from", "by", "with", "as", "and", "but", "or",
        "he", "she", "it", "they", "we", "i", "you", "his", "her", "its", "their", "our", "my", "your",
        "this", "that", "these", "those", "there", "here", "when", "while", "after", "before", "since",
        "during", "if", "although", "though", "because", "however", "meanwhile", "also", "yet", "so",
        "some", "many", "most", "all", "both", "each", "other", "others", "no", "not", "one", "two",
        "three", "who", "what", "which", "where", "why", "how", "according", "asked", "speaking",
        "earlier", "later", "last", "next", "then", "now", "today", "yesterday", "tomorrow", "still",
        "it's", "that's", "we're", "they're", "he's", "she's", "i'm", "don't", "can't", "won't",
    ]

    /// Titles and roles written before names; never part of the name.
    static let titles: Set<String> = [
        "mr", "mrs", "ms", "dr", "prof", "gen", "general", "lt", "col", "colonel", "maj", "major", "capt",
        "captain", "sgt", "adm", "admiral", "field", "marshal", "sen", "senator", "rep", "gov", "governor",
        "president", "vice", "prime", "minister", "king", "queen", "prince", "princess", "emir", "sheikh",
        "shaikh", "sultan", "imam", "ayatollah", "pope", "rev", "sir", "lord", "lady", "judge", "justice",
        "chancellor", "secretary", "ambassador", "envoy", "commander", "chief", "mayor", "premier", "chairman",
        "spokesman", "spokeswoman", "spokesperson", "deputy", "acting", "former", "late", "mp", "st",
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    ]

    /// Lowercase particles inside Arabic and other names.
    static let particles: Set<String> = [
        "al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "bin", "ibn", "bint", "ben", "abu", "abou",
        "abd", "abdel", "abdul", "bou", "ould", "de", "del", "da", "di", "du", "la", "le", "van", "von", "der",
    ]

    /// Connectives allowed between two capitalized words of an organization's name ("and"
    /// joins two names far more often than it sits inside one).
    public static let connectives: Set<String> = ["of", "for", "de", "du"]

    struct Word {
        var start: Int
        var end: Int
        var capitalized: Bool
        var sentenceStart: Bool
    }

    func words(_ s: [Unicode.Scalar]) -> [Word] {
        var out: [Word] = []
        var i = 0
        var sentenceStart = true
        while i < s.count {
            let c = s[i]
            let cc = WordScalars.classes(c)
            if cc & (WordScalars.alphabetic | WordScalars.numeric) != 0 {
                var j = i
                while j < s.count {
                    let d = s[j]
                    if WordScalars.classes(d) & (WordScalars.alphabetic | WordScalars.numeric | WordScalars.nonspacingMark) != 0 {
                        j += 1
                    } else if (d == "-" || d == "'" || d == "\u{2019}" || d == ".") && j + 1 < s.count
                                && WordScalars.classes(s[j + 1]) & WordScalars.alphabetic != 0 {
                        // "Tripoli-based", "U.S.-backed": a name with an adjective joined to it
                        // ends at the hyphen ("al-Mismari", "Al-bayda" go on: a particle).
                        if d == "-" && cc & WordScalars.uppercase != 0 && s[j + 1].properties.isLowercase
                            && !Self.particles.contains(String(scalars: s[i..<j]).lowercased()) {
                            break
                        }
                        j += 1
                    } else {
                        break
                    }
                }
                // An acronym written with dots keeps its last one: "U.N.", "U.S.".
                if j < s.count && s[j] == "." && j - i >= 3 && s[j - 2] == "." { j += 1 }
                out.append(Word(start: i, end: j, capitalized: cc & WordScalars.uppercase != 0, sentenceStart: sentenceStart))
                sentenceStart = false
                i = j
                continue
            }
            if c == "." || c == "!" || c == "?" || c == "\n" || c == ":" || c == "\"" || c == "\u{201C}" { sentenceStart = true }
            i += 1
        }
        return out
    }

    /// The name-like spans of `text`, in order.
    public func spans(in text: String) -> [TextSpan] {
        spans(in: Array(text.unicodeScalars))
    }

    /// The name-like spans of a text given as its scalars, in order (offsets index `s`).
    public func spans(in s: [Unicode.Scalar]) -> [TextSpan] {
        let ws = words(s)
        var out: [TextSpan] = []
        var k = 0
        // The word lowercased; ASCII words without a detour through Unicode case mapping.
        func lower(_ w: Word) -> String {
            let r = s[w.start..<w.end]
            if r.allSatisfy({ $0.isASCII }) {
                return String(scalars: r.lazy.map { $0.value >= 0x41 && $0.value <= 0x5A ? Unicode.Scalar($0.value | 0x20)! : $0 })
            }
            return String(scalars: r).lowercased()
        }
        func isNameWord(_ w: Word) -> Bool {
            // "al-Mismari", "bin-Laden": a particle joined by a hyphen to a capitalized word.
            if !w.capitalized {
                guard let dash = s[w.start..<w.end].firstIndex(of: "-") else { return false }
                guard dash - w.start <= Self.longestParticle else { return false }
                let head = String(scalars: s[w.start..<dash]).lowercased()
                guard Self.particles.contains(head) else { return false }
                return String(scalars: s[(dash + 1)..<w.end]).first?.isUppercase ?? false
            }
            return true
        }
        /// "Haftar's", "Haftar’s".
        func isPossessive(_ w: Word) -> Bool {
            w.end - w.start >= 2 && s[w.end - 1] == "s" && (s[w.end - 2] == "'" || s[w.end - 2] == "\u{2019}")
        }
        while k < ws.count {
            let w = ws[k]
            guard isNameWord(w) else {
                k += 1
                continue
            }
            let l = lower(w).trimmingSuffixDot()
            guard !Self.titles.contains(l), !(w.sentenceStart && Self.functionWords.contains(l)) else {
                k += 1
                continue
            }
            var last = k
            var j = k + 1
            while j < ws.count {
                // Words must be separated by spaces only (or a hyphen inside a word).
                guard s[ws[j - 1].end..<ws[j].start].allSatisfy({ $0 == " " || $0 == "\u{00A0}" }) else { break }
                let next = ws[j]
                // A possessive ends the name: "LSU's Sims" is two names.
                if isPossessive(ws[j - 1]) { break }
                if isNameWord(next) {
                    if Self.titles.contains(lower(next).trimmingSuffixDot()) { break }
                    last = j
                    j += 1
                } else if next.end - next.start <= Self.longestParticle,
                          case let nl = lower(next), Self.particles.contains(nl) || Self.connectives.contains(nl) {
                    j += 1  // kept only if a name word follows
                } else {
                    break
                }
            }
            if last - k + 1 > maximumWords {
                k = last + 1
                continue
            }
            var end = ws[last].end
            // Possessive: "Haftar's" → "Haftar".
            if ws[last].end - ws[last].start > 2 && isPossessive(ws[last]) { end -= 2 }
            let start = ws[k].start
            out.append(TextSpan(start: start, end: end, text: String(scalars: s[start..<end]),
                                onlyCapitalizedBySentence: last == k && w.sentenceStart))
            k = last + 1
        }
        return out
    }

    /// Length of the longest particle or connective, in scalars.
    static let longestParticle = particles.union(connectives).map(\.unicodeScalars.count).max() ?? 0
}

/// Classes of scalars that make up words, from a table for the scripts news is written in
/// (Latin, Greek, Cyrillic, Hebrew, Arabic: below U+0700) and the scalar properties above.
enum WordScalars {
    static let alphabetic: UInt8 = 1
    static let numeric: UInt8 = 2
    static let nonspacingMark: UInt8 = 4
    static let uppercase: UInt8 = 8

    static let table: [UInt8] = (0..<0x700).map { v in compute(Unicode.Scalar(UInt32(v))!) }

    static func compute(_ u: Unicode.Scalar) -> UInt8 {
        let p = u.properties
        var c: UInt8 = 0
        if p.isAlphabetic { c |= alphabetic }
        if p.numericType != nil { c |= numeric }
        if p.generalCategory == .nonspacingMark { c |= nonspacingMark }
        if p.isUppercase { c |= uppercase }
        return c
    }

    @inline(__always)
    static func classes(_ u: Unicode.Scalar) -> UInt8 {
        u.value < 0x700 ? table.withUnsafeBufferPointer { $0[Int(u.value)] } : compute(u)
    }
}

/// The words of Arabic text with their attached clitics split off, for matching names.
///
///     ArabicWords().words(in: "وقال لبنغازي")
///     // [("وقال", stem "قال"), ("لبنغازي", stem "بنغازي")]
public struct ArabicWords: Sendable {
    public struct Word: Equatable, Sendable {
        public var start: Int
        public var end: Int
        /// The word as written, clitics included.
        public var text: String
        /// The forms the word may have without its attached clitics (و ف ب ل ك, ال, لل),
        /// longest first; the word itself comes first.
        public var stems: [String]
    }

    public init() {}

    static let conjunctions: Set<Unicode.Scalar> = ["\u{0648}", "\u{0641}"]  // و ف
    static let prepositions: Set<Unicode.Scalar> = ["\u{0628}", "\u{0644}", "\u{0643}"]  // ب ل ك

    public func words(in text: String) -> [Word] {
        let s = Array(text.unicodeScalars)
        return Self.wordRanges(s).map { r in
            Word(start: r.lowerBound, end: r.upperBound, text: String(scalars: s[r]), stems: stems(s[r]))
        }
    }

    /// The scalar ranges of the words of `s`.
    static func wordRanges(_ s: [Unicode.Scalar]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var i = 0
        while i < s.count {
            guard isWordScalar(s[i]) else {
                i += 1
                continue
            }
            var j = i + 1
            while j < s.count && isWordScalar(s[j]) { j += 1 }
            out.append(i..<j)
            i = j
        }
        return out
    }

    @inline(__always)
    static func isWordScalar(_ u: Unicode.Scalar) -> Bool {
        WordScalars.classes(u) & (WordScalars.alphabetic | WordScalars.nonspacingMark | WordScalars.numeric) != 0 || u.value == 0x0640
    }

    /// The word without each possible prefix of clitics: [conj] [prep] [al], and لل for ل+ال.
    func stems(_ w: ArraySlice<Unicode.Scalar>) -> [String] {
        var results: [String] = [String(scalars: w)]
        func add(_ x: ArraySlice<Unicode.Scalar>) {
            guard x.count >= 2 else { return }
            let s = String(scalars: x)
            if !results.contains(s) { results.append(s) }
        }
        var a = w
        if let f = a.first, Self.conjunctions.contains(f), a.count > 3 {
            a = a.dropFirst()
            add(a)
        }
        var b = a
        if let f = b.first, Self.prepositions.contains(f), b.count > 3 {
            // لل = ل + ال with the alef dropped.
            if f == "\u{0644}", b.dropFirst().first == "\u{0644}", b.count > 4 {
                add(b.dropFirst(2))
                add(ArraySlice(["\u{0627}", "\u{0644}"] + b.dropFirst(2)))
            }
            b = b.dropFirst()
            add(b)
        }
        for base in [a, b] where base.count > 4 && base.first == "\u{0627}" && base.dropFirst().first == "\u{0644}" {
            add(base.dropFirst(2))
        }
        return results
    }
}

extension String {
    func trimmingSuffixDot() -> String { hasSuffix(".") ? String(dropLast()) : self }
}

/// Names in Arabic text that a title or role introduces (الرئيس، المشير، الدكتور، المتحدث …):
/// the words after it — past a nisba adjective or two (الأمريكي، الليبي) — up to
/// punctuation or a function word, at most four.
///
///     ArabicTitledNames().spans(in: "وقال المشير خليفة حفتر، للصحفيين").map(\.text)
///     // ["خليفة حفتر"]
public struct ArabicTitledNames: Sendable {
    let normalizer: @Sendable (String) -> String

    /// `fold` should be the search normalization (so أ and ا, ة and ه compare equal).
    public init(fold: @escaping @Sendable (String) -> String) { normalizer = fold }

    /// Titles and roles, search-folded, with and without the article.
    static let titles: Set<String> = {
        let base = [
            "رييس", "رييسه", "ملك", "ملكه", "امير", "اميره", "شيخ", "شيخه", "لواء", "عقيد", "عميد", "مشير", "فريق",
            "جنرال", "دكتور", "دكتوره", "سيد", "سيده", "وزير", "وزيره", "سفير", "سفيره", "مبعوث", "مبعوثه",
            "محلل", "محلله", "نايب", "نايبه", "امام", "استاذ", "استاذه", "قاضي", "مستشار", "مستشاره", "سلطان",
            "زعيم", "قايد", "النجم", "مدرب", "لاعب", "اللاعب", "مراسل", "مراسله", "كاتب", "الكاتب", "الصحفي",
            "الناشط", "الناشطه", "المعارض", "المخرج", "الفنان", "الفنانه", "البروفيسور", "بروفيسور", "السيناتور",
            "سيناتور", "النايب", "المدعي", "العاهل", "الحاكم", "حاكم", "المفوض", "مفوض", "الامين", "امين",
        ]
        var out = Set<String>()
        for b in base {
            if b.hasPrefix("ال") { out.insert(b) } else { out.insert("ال" + b); out.insert(b) }
        }
        return out
    }()

    /// Words that end a name (search-folded): prepositions, conjunctions, verbs of saying …
    static let stopWords: Set<String> = [
        "في", "من", "علي", "الي", "عن", "مع", "ان", "انه", "انها", "اذا", "التي", "الذي", "الذين", "قال", "قالت",
        "وقال", "وقالت", "يوم", "امس", "اليوم", "غدا", "خلال", "بعد", "قبل", "منذ", "حتي", "ثم", "او", "و", "لا",
        "ما", "لم", "لن", "كان", "كانت", "هو", "هي", "هم", "باسم", "انه", "ان", "الذي", "عبر", "لدي", "لدى", "حيث",
        "بين", "ضد", "نحو", "عند", "فقد", "قد", "وقد", "كما", "الا", "بان", "لان", "اي", "هذا", "هذه", "ذلك", "تلك",
        "يقول", "تقول", "اكد", "اكدت", "اعلن", "اعلنت", "اضاف", "اضافت", "اشار", "اشارت", "صرح", "صرحت",
    ]

    public func spans(in text: String) -> [TextSpan] {
        spans(in: Array(text.unicodeScalars))
    }

    /// The titled names of a text given as its scalars (offsets index `scalars`).
    public func spans(in scalars: [Unicode.Scalar]) -> [TextSpan] {
        let words = ArabicWords.wordRanges(scalars)
        var out: [TextSpan] = []
        // Folded words, made when first needed: most words are only checked for a title.
        var folded = [String?](repeating: nil, count: words.count)
        func fold(_ k: Int) -> String {
            if let f = folded[k] { return f }
            let f = Self.quickFold(scalars[words[k]], limit: Int.max) ?? normalizer(String(scalars: scalars[words[k]]))
            folded[k] = f
            return f
        }
        func isTitle(_ k: Int) -> Bool {
            let f: String
            if let f0 = folded[k] {
                f = f0
            } else if let q = Self.quickFold(scalars[words[k]], limit: Self.longestTitle + 1) {
                f = q
                folded[k] = q
            } else if Self.isSimple(scalars[words[k]]) {
                return false  // longer than any title
            } else {
                f = fold(k)
            }
            return Self.titles.contains(f) || (f.hasPrefix("و") && Self.titles.contains(String(f.dropFirst())))
        }
        func adjacent(_ a: Int, _ b: Int) -> Bool {
            scalars[words[a].upperBound..<words[b].lowerBound].allSatisfy { $0 == " " || $0 == "\u{00A0}" }
        }
        var k = 0
        while k < words.count {
            guard isTitle(k) else {
                k += 1
                continue
            }
            var j = k + 1
            // Nisba adjectives after the title (الرئيس الأمريكي).
            var skipped = 0
            while j < words.count && skipped < 2 && fold(j).hasPrefix("ال") && (fold(j).hasSuffix("ي") || fold(j).hasSuffix("يه"))
                    && adjacent(j - 1, j) {
                j += 1
                skipped += 1
            }
            let first = j
            var last = j - 1
            while j < words.count && j - first < 4 && adjacent(j - 1, j)
                    && !Self.stopWords.contains(fold(j)) && !Self.titles.contains(fold(j))
                    && scalars[words[j]].allSatisfy({ WordScalars.classes($0) & (WordScalars.alphabetic | WordScalars.nonspacingMark) != 0 }) {
                last = j
                j += 1
            }
            if last >= first {
                let start = words[first].lowerBound
                let end = words[last].upperBound
                out.append(TextSpan(start: start, end: end, text: String(scalars: scalars[start..<end])))
            }
            k = max(j, k + 1)
        }
        return out
    }

    /// Letters (after folding) of the longest title, و included.
    static let longestTitle = titles.map(\.unicodeScalars.count).max() ?? 0

    /// True for a word `quickFold` folds by itself.
    static func isSimple(_ w: ArraySlice<Unicode.Scalar>) -> Bool {
        w.allSatisfy { quickFoldTable(of: $0) != nil }
    }

    /// How `quickFold` treats a scalar: 0 drops it, another value is its folded letter,
    /// nil means the normalizer must decide.
    @inline(__always)
    static func quickFoldTable(of u: Unicode.Scalar) -> UInt32? {
        let v = u.value
        switch v {
        case 0x0622, 0x0623, 0x0625, 0x0671: return 0x0627  // آ أ إ ٱ → ا
        case 0x0624: return 0x0648  // ؤ → و
        case 0x0626, 0x0649, 0x06CC: return 0x064A  // ئ ى ی → ي
        case 0x0629: return 0x0647  // ة → ه
        case 0x06A9: return 0x0643  // ک → ك
        case 0x0640, 0x064B...0x065F, 0x0670: return 0  // tatweel, harakat, superscript alef
        case 0x0621...0x063A, 0x0641...0x064A: return v
        default: return nil
        }
    }

    /// The search folding of an Arabic word made only of the letters and marks above, or nil
    /// (another scalar, or more than `limit` letters). Agrees with the `search` profile,
    /// which a test checks.
    static func quickFold(_ w: ArraySlice<Unicode.Scalar>, limit: Int) -> String? {
        var letters: [Unicode.Scalar] = []
        letters.reserveCapacity(min(w.count, 16))
        for u in w {
            guard let f = quickFoldTable(of: u) else { return nil }
            if f != 0 {
                if letters.count == limit { return nil }
                letters.append(Unicode.Scalar(f)!)
            }
        }
        return String(scalars: letters)
    }
}

/// Titles written before a name inside a lexicon match ("المشير خليفة حفتر", "Field Marshal
/// Haftar", "Gen. Joseph Aoun"): the mention of the person starts after them.
public enum MentionTitles {
    /// Where a gazetteer mention's name starts: past the titles of a person's lexicon spelling
    /// (`nameStart(_:_:_:fold:)`); other entities and demonyms start where they were found.
    public static func nameStart(of m: Mention, in s: [Unicode.Scalar], searcher: GazetteerSearcher,
                                 fold: (String) -> String) -> Int {
        guard !m.viaDemonym, let e = searcher.candidates(of: m).first,
              searcher.gazetteer.entities.type(Int(e)) == .person
        else { return m.start }
        return nameStart(s, m.start, m.end, fold: fold)
    }

    /// Where the name starts in `s[start..<end]`, past leading titles (and, after an Arabic
    /// title, the nisba adjectives and الراحل that follow it); at least one word is left.
    ///
    ///     let s = Array("للمشير خليفة حفتر".unicodeScalars)
    ///     MentionTitles.nameStart(s, 1, s.count, fold: { $0 })   // 7: خليفة حفتر
    public static func nameStart(_ s: [Unicode.Scalar], _ start: Int, _ end: Int, fold: (String) -> String) -> Int {
        var words: [Range<Int>] = []
        var i = start
        while i < end {
            while i < end && s[i] == " " { i += 1 }
            var j = i
            while j < end && s[j] != " " { j += 1 }
            if j > i { words.append(i..<j) }
            i = j
        }
        guard words.count >= 2 else { return start }
        let arabic = s[start].value >= 0x0600 && s[start].value <= 0x06FF
        var k = 0
        if arabic {
            func folded(_ r: Range<Int>) -> String {
                ArabicTitledNames.quickFold(s[r], limit: .max) ?? fold(String(scalars: s[r]))
            }
            var tookTitle = false
            while k < words.count - 1 {
                let f = folded(words[k])
                // A match after ل may start at the article's lam: لمشير is ال + مشير.
                let forms = f.hasPrefix("ل") && !f.hasPrefix("ال") ? [f, "ا" + f] : [f]
                if forms.contains(where: { ArabicTitledNames.titles.contains($0) }) {
                    tookTitle = true
                } else if tookTitle && (f == "الراحل" || (f.hasPrefix("ال") && (f.hasSuffix("ي") || f.hasSuffix("يه")))) {
                    // الرئيس العراقي الراحل صدام حسين
                } else {
                    break
                }
                k += 1
            }
        } else {
            while k < words.count - 1 {
                let w = String(scalars: s[words[k]]).lowercased()
                guard EnglishNameSpans.titles.contains(w.hasSuffix(".") ? String(w.dropLast()) : w) else { break }
                k += 1
            }
        }
        return words[k].lowerBound
    }
}
