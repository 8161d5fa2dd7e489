// ArabicRuns.swift — the runs of Arabic words an English name may be, prepared word by word.
import BitextCore
import BitextNames
import BitextNormalize

/// Every run of 1–4 adjacent words of each Arabic sentence, with the first word's attached
/// clitics split off in each possible way: the candidates ``EntityLinker`` compares English
/// names with.
///
/// A document has thousands of runs and only a few of them are names, so the work is done
/// per word, not per run: each word form (stem) is prepared once — its light blocking keys,
/// interned as small integers, and its `search`-folded text — and most runs are ruled out
/// by those keys alone. A run's name, folded text and mention are built only when a
/// comparison gets that far.
struct ArabicRuns {
    /// One form of a word: the word itself, or the word without some of its clitics.
    struct Stem {
        var text: String
        /// `search`-folded.
        var folded: String
        var foldedCount: Int
        /// `folded`, interned (``ArabicRuns/foldedID(of:)``).
        var foldedID: Int32
        /// Light blocking keys of the form alone (``NameMatcher/prepare(_:light:)``), interned, ascending.
        var keys: [Int32]
        /// The form has an Arabic letter (a Latin word in Arabic text has Latin keys).
        var isArabic: Bool
        /// The form is a word no name begins or ends with (``ArabicRuns/functionWords``).
        var isFunctionWord = false
        /// The form is a title or role written before names (``ArabicRuns/titles``).
        var isTitle = false
    }

    struct Word {
        /// Document offsets.
        var start: Int
        var end: Int
        var text: String
        /// The word itself first, then its forms without clitics, longest first.
        var stems: [Stem]
    }

    /// Words `first ..< first + count` of sentence `sentence`, the first one as its form `stem`.
    struct Run {
        var sentence: Int
        var first: Int
        var count: Int
        var stem: Int
        /// Document offsets, end exclusive.
        var start: Int
        var end: Int
        /// The length of the folded run (its words and the spaces between them).
        var foldedCount: Int
    }

    private(set) var words: [[Word]] = []
    /// Per sentence, in the order of first word, then length, then form.
    private(set) var runs: [[Run]] = []
    private var names: [[String?]] = []
    private var foldedRuns: [[String?]] = []

    /// Word forms prepared before, and the interned keys they use; kept across documents.
    struct Memo {
        var stems: [UTF8Key: Stem] = [:]
        /// A word as written → its forms (``Word/stems``).
        var words: [UTF8Key: [Stem]] = [:]
        var keyIDs: [String: Int32] = [:]
        /// The folded forms, interned.
        var foldedIDs: [UTF8Key: Int32] = [:]
        var count: Int { stems.count + words.count }
    }

    /// The interned keys and folded forms of the memo this table's words come from.
    private let keyIDs: [String: Int32]
    private let foldedIDs: [UTF8Key: Int32]

    /// The interned id of a folded word form, if some word form of the memo has it.
    func foldedID(of folded: String) -> Int32? { foldedIDs[UTF8Key(folded)] }

    /// One more than the largest folded-form id.
    var foldedIDCount: Int { foldedIDs.count }

    /// `keys` gives a word form's light blocking keys (``NameMatcher/prepare(_:light:)``)
    /// from the form and its `search`-folded text; `memo` keeps the forms prepared (and
    /// gains this document's).
    init(sentences: [Sentence], maxWords: Int, normalizer: Normalizer, memo: inout Memo,
         keys: (_ text: String, _ folded: String) -> [String]) {
        let splitter = ArabicWords()
        // A form's keys: the light keys of a name of that one form (one word of Arabic letters
        // has one key, or none for a particle); other forms go through `keys`.
        func stem(_ t: String) -> Stem {
            let key = UTF8Key(t)
            if let x = memo.stems[key] { return x }
            let folded = normalizer.normalize(t)
            var foldedScalars: [UInt32] = []
            var onlyLetters = true
            for u in folded.unicodeScalars {
                if !ArabicNameText.isLetter(u.value) { onlyLetters = false; break }
                foldedScalars.append(u.value)
            }
            let isArabic = ArabicNameText.hasArabicLetter(t)
            let ids: [Int32]
            if isArabic && onlyLetters && !foldedScalars.isEmpty {
                let k = NameKey.arabicWordKey(foldedScalars)
                ids = k.isEmpty ? [] : [Self.intern(k, &memo.keyIDs)]
            } else {
                ids = keys(t, folded).map { Self.intern($0, &memo.keyIDs) }.sorted()
            }
            let foldedKey = UTF8Key(folded)
            let foldedID = memo.foldedIDs[foldedKey] ?? {
                let id = Int32(memo.foldedIDs.count)
                memo.foldedIDs[foldedKey] = id
                return id
            }()
            let stem = Stem(text: t, folded: folded, foldedCount: folded.unicodeScalars.count, foldedID: foldedID, keys: ids,
                            isArabic: isArabic,
                            isFunctionWord: Self.functionWordKeys.contains(foldedKey),
                            isTitle: Self.titleKeys.contains(foldedKey))
            memo.stems[key] = stem
            return stem
        }
        for (j, s) in sentences.enumerated() {
            let scalars = Array(s.text.unicodeScalars)
            let ws = ArabicWords.wordRanges(scalars).map { r in
                let text = String(scalars: scalars[r])
                let key = UTF8Key(text)
                let stems: [Stem]
                if let x = memo.words[key] {
                    stems = x
                } else {
                    stems = splitter.stems(scalars[r]).map(stem)
                    memo.words[key] = stems
                }
                return Word(start: s.start + r.lowerBound, end: s.start + r.upperBound, text: text, stems: stems)
            }
            var rs: [Run] = []
            for a in ws.indices {
                for len in 1...maxWords where a + len <= ws.count {
                    // The words must be adjacent: one space apart, no punctuation between them.
                    if len > 1 && ws[a + len - 1].start - ws[a + len - 2].end != 1 { break }
                    var rest = len - 1
                    for k in (a + 1)..<(a + len) { rest += ws[k].stems[0].foldedCount }
                    for (t, stem) in ws[a].stems.enumerated() {
                        rs.append(Run(sentence: j, first: a, count: len, stem: t, start: ws[a].start,
                                      end: ws[a + len - 1].end, foldedCount: stem.foldedCount + rest))
                    }
                }
            }
            words.append(ws)
            runs.append(rs)
            names.append([String?](repeating: nil, count: rs.count))
            foldedRuns.append([String?](repeating: nil, count: rs.count))
        }
        keyIDs = memo.keyIDs
        foldedIDs = memo.foldedIDs
    }

    private static func intern(_ key: String, _ ids: inout [String: Int32]) -> Int32 {
        if let id = ids[key] { return id }
        let id = Int32(ids.count)
        ids[key] = id
        return id
    }

    /// The interned ids of `keys` that some Arabic word form has, ascending (the others
    /// cannot meet a run).
    func ids(of keys: [String]) -> [Int32] {
        keys.compactMap { keyIDs[$0] }.sorted()
    }

    @inline(__always)
    private func stem(of r: Run, _ k: Int) -> Stem {
        k == 0 ? words[r.sentence][r.first].stems[r.stem] : words[r.sentence][r.first + k].stems[0]
    }

    /// The run's name: the first word's form, then the other words as written.
    mutating func name(_ j: Int, _ i: Int) -> String {
        if let x = names[j][i] { return x }
        let s = joined(runs[j][i], \.text)
        names[j][i] = s
        return s
    }

    /// Prepositions, conjunctions, pronouns, demonstratives and verbs of saying, `search`-folded:
    /// a run that begins or ends with one is no name (من مجلس, النواب في, الشريف قال). Words
    /// that are also names or spell foreign ones are not here: علي (Ali, and على folded),
    /// باسم (Basem), ان (آن, Anne), ما (Ma), هو (Hu), بين (Ben).
    static let functionWords: Set<String> = [
        "في", "من", "عن", "مع", "الي", "التي", "الذي", "الذين", "اللذين", "اللتين", "اللواتي", "قال", "قالت",
        "وقال", "وقالت", "يقول", "تقول", "خلال", "بعد", "قبل", "منذ", "حتي", "ثم", "لم", "لن", "كانت", "عبر",
        "لدي", "ضد", "عند", "فقد", "قد", "وقد", "كما", "الا", "بان", "لان", "هذا", "هذه", "ذلك", "تلك", "هولاء",
        "انه", "انها", "اذا", "ايضا", "اكد", "اكدت", "اعلن", "اعلنت", "اضاف", "اضافت", "اشار", "اشارت", "صرح",
        "صرحت", "واضاف", "واضافت", "واكد", "واكدت", "حيث", "لكن", "ولكن", "وفي", "ومن",
    ]

    /// Titles and roles written before a name, `search`-folded, with and without the
    /// article (those ``ArabicTitledNames`` knows, and a few more): a run that begins with
    /// one is the title and the name, and the name alone is a run too. Not the titles that
    /// are names as well (امير Amir, سيد Sayed, امين Amin, حاكم Hakim, قاضي Qadi …).
    static let titles: Set<String> = {
        func withArticle(_ words: [String]) -> Set<String> { Set(words.flatMap { [$0, "ال" + $0] }) }
        let alsoNames = withArticle(["ملك", "ملكه", "امير", "اميره", "شيخ", "شيخه", "سيد", "سيده", "امام", "قاضي",
                                     "سلطان", "قايد", "نجم", "كاتب", "حاكم", "امين"])
        return ArabicTitledNames.titles.subtracting(alsoNames)
            .union(withArticle(["متحدث", "متحدثه", "مقدم", "نقيب"]))
    }()

    /// ``functionWords`` and ``titles`` by their bytes (hashing a `String` of Arabic letters
    /// normalizes it first: slow, and the folded forms need no normalizing).
    static let functionWordKeys = Set(functionWords.map(UTF8Key.init))
    static let titleKeys = Set(titles.map(UTF8Key.init))

    /// Whether the run's edges rule it out as a name: it begins or ends with a function word
    /// (``functionWords``), or begins with a title (``titles``).
    func edgesRuleOutName(_ j: Int, _ i: Int) -> Bool {
        let r = runs[j][i]
        let first = words[j][r.first].stems[r.stem]
        return first.isFunctionWord || first.isTitle || words[j][r.first + r.count - 1].stems[0].isFunctionWord
    }

    /// The run's name, `search`-folded.
    mutating func folded(_ j: Int, _ i: Int) -> String {
        if let x = foldedRuns[j][i] { return x }
        let s = joined(runs[j][i], \.folded)
        foldedRuns[j][i] = s
        return s
    }

    /// One part of each of the run's word forms, joined by spaces.
    private func joined(_ r: Run, _ part: KeyPath<Stem, String>) -> String {
        (0..<r.count).map { stem(of: r, $0)[keyPath: part] }.joined(separator: " ")
    }

    /// The folded form of the run's first word (the part before the first space of ``folded(_:_:)``).
    func firstFolded(_ j: Int, _ i: Int) -> String {
        let r = runs[j][i]
        return words[j][r.first].stems[r.stem].folded
    }

    /// True when the folded run (its article aside: ال before more than one letter) starts
    /// with one of `letters`.
    func mayStart(_ j: Int, _ i: Int, with letters: Set<Unicode.Scalar>) -> Bool {
        let r = runs[j][i]
        // The folded run is the first word's folded form, then a space and the other words.
        var first = words[j][r.first].stems[r.stem].folded.unicodeScalars.makeIterator()
        guard let a = first.next() else { return false }
        if r.foldedCount > 3 && a == "\u{0627}" {
            if first.next() == "\u{0644}" {
                // the next scalar, or the space before the second word
                guard let c = first.next() else { return false }
                return letters.contains(c)
            }
        }
        return letters.contains(a)
    }

    /// The run as a mention: its words as written, and its name.
    mutating func found(_ j: Int, _ i: Int) -> EntityLinker.Found {
        let r = runs[j][i]
        let text = words[j][r.first..<(r.first + r.count)].map(\.text).joined(separator: " ")
        return EntityLinker.Found(start: r.start, end: r.end, text: text, sentence: j, entities: [], demonym: false,
                                  name: name(j, i))
    }

    /// What blocking decides for an English name with key ids `english` (ascending) and run
    /// `i` of sentence `j`: false when no word of the run shares a key with the name, or when
    /// a run of several words has more than one word (of those with keys) that shares none —
    /// the tests ``EntityLinker`` applies to a run's light keys and its words' keys. Nil when
    /// the run has no Arabic word (its keys are then the Latin name's; the caller decides).
    func mayMatch(_ english: [Int32], _ j: Int, _ i: Int) -> Bool? {
        let r = runs[j][i]
        var arabic = false
        var hit = false
        var misses = 0
        // (The stems are read in place, not copied: this runs for every name and run.)
        for k in 0..<r.count {
            let w = r.first + k, t = k == 0 ? r.stem : 0
            let isArabic = words[j][w].stems[t].isArabic
            let (empty, shares) = words[j][w].stems[t].keys.withUnsafeBufferPointer { keys in
                (keys.isEmpty, Self.intersects(english, keys))
            }
            if empty {
                if isArabic { arabic = true }
                continue
            }
            if isArabic {
                arabic = true
                if shares { hit = true }
            }
            if !shares { misses += 1 }
        }
        if !arabic { return nil }
        return hit && (r.count == 1 || misses <= 1)
    }

    /// True when the two ascending lists share an element.
    @inline(__always)
    static func intersects(_ a: [Int32], _ b: UnsafeBufferPointer<Int32>) -> Bool {
        var x = 0, y = 0
        while x < a.count && y < b.count {
            if a[x] == b[y] { return true }
            if a[x] < b[y] { x += 1 } else { y += 1 }
        }
        return false
    }
}
