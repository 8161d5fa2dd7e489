// NameSpans.swift — likely proper names in English text, and word spans in Arabic text.

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
        var text: String
        var capitalized: Bool
        var sentenceStart: Bool
    }

    func words(_ s: [Unicode.Scalar]) -> [Word] {
        var out: [Word] = []
        var i = 0
        var sentenceStart = true
        while i < s.count {
            let c = s[i]
            if c.properties.isAlphabetic || c.properties.numericType != nil {
                var j = i
                while j < s.count {
                    let d = s[j]
                    if d.properties.isAlphabetic || d.properties.numericType != nil || d.properties.generalCategory == .nonspacingMark {
                        j += 1
                    } else if (d == "-" || d == "'" || d == "\u{2019}" || d == ".") && j + 1 < s.count && s[j + 1].properties.isAlphabetic {
                        j += 1
                    } else {
                        break
                    }
                }
                // An acronym written with dots keeps its last one: "U.N.", "U.S.".
                if j < s.count && s[j] == "." && j - i >= 3 && s[j - 2] == "." { j += 1 }
                let text = String(String.UnicodeScalarView(s[i..<j]))
                out.append(Word(start: i, end: j, text: text, capitalized: c.properties.isUppercase, sentenceStart: sentenceStart))
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
        let s = Array(text.unicodeScalars)
        let ws = words(s)
        var out: [TextSpan] = []
        var k = 0
        func lower(_ w: Word) -> String { w.text.lowercased() }
        func isNameWord(_ w: Word) -> Bool {
            // "al-Mismari", "bin-Laden": a particle joined by a hyphen to a capitalized word.
            if !w.capitalized, let dash = w.text.firstIndex(of: "-") {
                let head = String(w.text[..<dash]).lowercased()
                let tail = w.text[w.text.index(after: dash)...]
                return Self.particles.contains(head) && (tail.first?.isUppercase ?? false)
            }
            return w.capitalized
        }
        while k < ws.count {
            let w = ws[k]
            let l = lower(w).trimmingSuffixDot()
            guard isNameWord(w), !Self.titles.contains(l), !(w.sentenceStart && Self.functionWords.contains(l)) else {
                k += 1
                continue
            }
            var last = k
            var j = k + 1
            while j < ws.count {
                // Words must be separated by spaces only (or a hyphen inside a word).
                let gap = s[ws[j - 1].end..<ws[j].start]
                guard gap.allSatisfy({ $0 == " " || $0 == "\u{00A0}" }) else { break }
                let next = ws[j]
                let nl = lower(next)
                // A possessive ends the name: "LSU's Sims" is two names.
                let previous = ws[j - 1].text
                if previous.hasSuffix("'s") || previous.hasSuffix("\u{2019}s") { break }
                if isNameWord(next) && !Self.titles.contains(nl.trimmingSuffixDot()) {
                    last = j
                    j += 1
                } else if Self.particles.contains(nl) || Self.connectives.contains(nl) {
                    j += 1  // kept only if a name word follows
                } else {
                    break
                }
            }
            var end = ws[last].end
            // Possessive: "Haftar's" → "Haftar".
            let tail = Array(s[ws[last].start..<end])
            if tail.count > 2, tail[tail.count - 1] == "s", tail[tail.count - 2] == "'" || tail[tail.count - 2] == "\u{2019}" {
                end -= 2
            }
            let start = ws[k].start
            out.append(TextSpan(start: start, end: end, text: String(String.UnicodeScalarView(s[start..<end])),
                                onlyCapitalizedBySentence: last == k && w.sentenceStart))
            k = last + 1
        }
        return out
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
        var out: [Word] = []
        var i = 0
        while i < s.count {
            guard isWordScalar(s[i]) else {
                i += 1
                continue
            }
            var j = i
            while j < s.count && isWordScalar(s[j]) { j += 1 }
            let word = Array(s[i..<j])
            out.append(Word(start: i, end: j, text: String(String.UnicodeScalarView(word)), stems: stems(word)))
            i = j
        }
        return out
    }

    func isWordScalar(_ u: Unicode.Scalar) -> Bool {
        u.properties.isAlphabetic || u.properties.generalCategory == .nonspacingMark || u.value == 0x0640
            || u.properties.numericType != nil
    }

    /// The word without each possible prefix of clitics: [conj] [prep] [al], and لل for ل+ال.
    func stems(_ w: [Unicode.Scalar]) -> [String] {
        var results: [String] = [String(String.UnicodeScalarView(w))]
        func add(_ x: ArraySlice<Unicode.Scalar>) {
            guard x.count >= 2 else { return }
            let s = String(String.UnicodeScalarView(x))
            if !results.contains(s) { results.append(s) }
        }
        var a = w[...]
        if let f = a.first, Self.conjunctions.contains(f), a.count > 3 {
            a = a.dropFirst()
            add(a)
        }
        var b = a
        if let f = b.first, Self.prepositions.contains(f), b.count > 3 {
            // لل = ل + ال with the alef dropped.
            if f == "\u{0644}", b.dropFirst().first == "\u{0644}", b.count > 4 {
                add(b.dropFirst(2))
                add(["\u{0627}", "\u{0644}"] + b.dropFirst(2))
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
        let words = ArabicWords().words(in: text)
        let scalars = Array(text.unicodeScalars)
        var out: [TextSpan] = []
        let folded = words.map { normalizer($0.text) }
        var k = 0
        while k < words.count {
            let stem = folded[k].hasPrefix("و") && Self.titles.contains(String(folded[k].dropFirst())) ? String(folded[k].dropFirst()) : folded[k]
            guard Self.titles.contains(stem) else {
                k += 1
                continue
            }
            var j = k + 1
            // Nisba adjectives after the title (الرئيس الأمريكي).
            var skipped = 0
            while j < words.count && skipped < 2 && folded[j].hasPrefix("ال") && (folded[j].hasSuffix("ي") || folded[j].hasSuffix("يه"))
                    && adjacent(words[j - 1], words[j], scalars) {
                j += 1
                skipped += 1
            }
            let first = j
            var last = j - 1
            while j < words.count && j - first < 4 && adjacent(words[j - 1], words[j], scalars)
                    && !Self.stopWords.contains(folded[j]) && !Self.titles.contains(folded[j])
                    && words[j].text.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || $0.properties.generalCategory == .nonspacingMark }) {
                last = j
                j += 1
            }
            if last >= first {
                let start = words[first].start
                let end = words[last].end
                out.append(TextSpan(start: start, end: end, text: String(String.UnicodeScalarView(scalars[start..<end]))))
            }
            k = max(j, k + 1)
        }
        return out
    }

    /// Two words separated by spaces only.
    func adjacent(_ a: ArabicWords.Word, _ b: ArabicWords.Word, _ s: [Unicode.Scalar]) -> Bool {
        s[a.end..<b.start].allSatisfy { $0 == " " || $0 == "\u{00A0}" }
    }
}
