// NameMatcher.swift — similarity of two names in any scripts.

/// Words that say what kind of organization a name is, and function words, in English,
/// French and transliterated Arabic/Persian: in a name they count for little (a quarter).
enum OrganizationWords {
    static let designators: Set<[UInt8]> = Set("""
        the of for and in to on at by a an de la le les des du di da van von \
        company co corporation corp inc incorporated ltd limited llc llp plc jsc ojsc cjsc oao zao pjsc pao ooo \
        sa sarl sas sal spa srl gmbh bv nv kg ab as oy fze fzco fzc fz wll \
        est establishment establishments foundation foundations association associations society societies \
        organization organisation organizations group groups holding holdings international intl \
        trading trade traders commerce commercial industries industry industrial enterprise enterprises \
        services service factory bank exchange exchanges committee committees fund funds trust \
        charitable charity relief welfare institute institution center centre union league council \
        movement front party brigade brigades battalion battalions army forces force division unit units \
        corps network branch office agency bureau bureaux station satellite television tv media \
        import export general construction engineering development investment investments \
        shipping transport logistics petroleum oil gas energy brothers \
        sheikh shaykh shaikh sheik shaik sheykh haji hajji hajj alhaj alhajj mullah mulla maulana maulvi \
        mawlawi mawlana qari ustad ustadz dr doctor imam jr sr mr mrs \
        muassasat muassasa jamiat jamiyat jamia shirkat sherkat sharikat harakat jaysh jaish katibat \
        kataib liwa saraya majlis tanzim hizb
        """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { Array($0.utf8) })
}

/// Word weights from a collection of names: a word's rarity is log(1 + n / df), df the
/// number of names with the same word (the same attested Arabic word, or the same phonetic
/// form). Common words (Mohammed, Company) then count for little and rare ones (a family
/// name) for much.
public struct WordWeights: Sendable {
    let idf: [String: Double]
    let unseen: Double

    /// The weights of the words of `names` (prepared by a ``NameMatcher``).
    public init(_ names: [PreparedName]) {
        var df: [String: Int] = [:]
        for n in names {
            var seen = Set<String>()
            for f in n.forms {
                for t in f.tokens {
                    let k = t.frequencyKey
                    if seen.insert(k).inserted { df[k, default: 0] += 1 }
                }
            }
        }
        let total = Double(max(1, names.count))
        var idf: [String: Double] = [:]
        for (k, c) in df { idf[k] = log(1 + total / Double(c)) }
        self.idf = idf
        unseen = log(1 + total)
    }
}

/// A name ready to be compared many times (its words canonicalized, an Arabic name's
/// Latin spellings computed once).
public struct PreparedName: Sendable {
    /// The name as given.
    public let text: String
    /// True when the name is written in Arabic script.
    public let isArabic: Bool
    /// Latin forms: the name itself, or an Arabic name's most likely spellings, with weights
    /// (the best is 1).
    let forms: [Form]
    /// An Arabic name's words (search-folded, article kept).
    let arabicWords: [[UInt32]]
    /// Blocking keys of the words (see ``NameKey``), from every form.
    public let keys: [String]
    /// False for an Arabic name prepared lightly (no Latin forms yet).
    public let isComplete: Bool

    struct Form: Sendable {
        var tokens: [Token]
        var weight: Double
        var total: Double
        var concat: [UInt8]
        /// The family name, when the spelling marks it in capitals (`Muammar QADDAFI`, as
        /// sanctions lists and French style write names); empty when unknown.
        var family: [Token] = []
        /// The words as written (letters only, particles kept), for acronyms.
        var words: [[UInt8]] = []
    }

    struct Token: Sendable {
        var canon: [UInt8]
        /// The word's blocking key (``NameKey``), for its rarity.
        var key: String
        /// The word's weight: its rarity (idf), static from the lexicon's counts unless the
        /// matcher has the collection's.
        var weight: Double
        /// The Arabic word this spelling is attested for (article removed), when the lexicon
        /// says so with confidence.
        var arabic: [UInt32]?
        /// A word that says what kind of organization a name is (company, foundation,
        /// brigade …), a title (Sheikh, Haji, Dr) or a function word: it counts for a quarter.
        var designator = false
        /// An initial (`M.`): it pairs with a word it could stand for, and counts for a quarter.
        var initial = false
        /// The word as written (identity letters).
        var raw: [UInt8] = []

        /// What counts as the same word for its frequency in a collection: the Arabic word
        /// it is attested for (so Gaddafi and Qadhafi count together, Hassan and Hosni
        /// apart), else its phonetic form.
        var frequencyKey = ""

        static func frequencyKey(canon: [UInt8], arabic: [UInt32]?) -> String {
            if let arabic {
                var s = "ar:"
                s.unicodeScalars.append(contentsOf: arabic.compactMap(Unicode.Scalar.init))
                return s
            }
            return "la:" + String(decoding: canon, as: UTF8.self)
        }
    }
}

/// Scores how likely two names, in any scripts, are spellings of the same name, in [0, 1].
///
/// Latin spellings are compared word by word in a phonetic form (``LatinPhonetics``: q/k/g,
/// th/s, dh/d/z, ou/u, e/a count as near; a consonant for another as far), with the word
/// order free, particles (al-, bin, ibn …) set aside and `Abd`/`Abu` compounds joined. When
/// the lexicon knows which Arabic word two spellings stand for, that decides: *Gaddafi* and
/// *Qadhafi* both write `القذافي`; *Hassan* (`حسن`) and *Hussein* (`حسين`) are different names.
/// An Arabic name is compared through its most likely Latin spellings; two Arabic names
/// letter by letter.
///
///     var m = NameMatcher(model: .embedded!)
///     m.similarity("Muammar Gaddafi", "Moammar al-Qadhafi")   // 0.94
///     m.similarity("معمر القذافي", "Muammar Gaddafi")          // 1.0
///     m.similarity("Khalifa Hafter", "Khalifa Haftar")         // 1.0
///     m.similarity("حسين", "Hussein")                          // 1.0
///     m.similarity("Hassan", "Hussein")                        // 0.47: different names
///     m.similarity("Hafez", "Haftar")                          // 0
///
/// Not thread-safe (it keeps a transliterator and caches): one per thread.
public struct NameMatcher {
    /// The model whose lexicon and transliterations the matcher uses.
    public let model: NameModel
    var transliterator: NameTransliterator
    /// Folds Arabic input like the `search` normalization profile (supplied by the caller:
    /// the core has no ICU). Identity by default, for input that is already folded.
    public var normalizeArabic: @Sendable (String) -> String
    /// Latin spellings tried per Arabic name.
    public var arabicForms = 5
    /// Countries whose spelling conventions are summed for an Arabic name's Latin spellings
    /// (``NameTransliterator/Parameters/regions``); fewer is faster.
    public var arabicRegions: Int {
        get { transliterator.parameters.regions }
        set { transliterator.parameters.regions = max(1, newValue) }
    }
    /// Whether a short name contained in a longer one counts as a match (aliases that drop
    /// parts: *Muammar Qaddafi* in *Muammar Abu Minyar al-Qaddafi*), and how much.
    public var containmentWeight = 0.9
    /// The summed word weight a shorter name needs for containment to count.
    public var minimumEvidence = 6.0
    var tokenCache: [[UInt8]: PreparedName.Token] = [:]
    /// ``isDifferentName(_:_:)`` by Latin word and Arabic word.
    var differentNameCache: [[UInt32]: Bool] = [:]
    /// An Arabic word's lexicon units (bare and with the article) and the sounds of their
    /// usual spellings (``LatinPhonetics`` canonical words), for ``isDifferentName(_:_:)``.
    var knownWordCache: [[UInt32]: (units: [Int], sounds: [[UInt8]])] = [:]

    /// A matcher over `model`; `normalizeArabic` should be the `search` normalization
    /// (`BitextTranslit` passes it) unless Arabic input is already folded.
    public init(model: NameModel, normalizeArabic: @escaping @Sendable (String) -> String = { $0 }) {
        self.model = model
        self.normalizeArabic = normalizeArabic
        transliterator = NameTransliterator(model: model)
    }

    /// Similarity of two names in [0, 1].
    public mutating func similarity(_ a: String, _ b: String) -> Double {
        let pa = prepare(a)
        let pb = prepare(b)
        return similarity(pa, pb)
    }

    /// Prepares a name for repeated comparisons.
    ///
    /// A *light* preparation skips the transliteration: an Arabic name's keys then come from
    /// its letters alone, a Latin name's from its Latin words alone — enough for the
    /// candidates of an index; ``similarity(_:_:)-(PreparedName,PreparedName)`` completes an
    /// Arabic name when it meets a Latin one. A complete Latin name also has the keys of its
    /// Arabic spellings, so as a query it finds Arabic candidates prepared lightly.
    public mutating func prepare(_ name: String, light: Bool = false) -> PreparedName {
        if ArabicNameText.hasArabicLetter(name) {
            let folded = normalizeArabic(name)
            let words = Self.arabicWords(folded: folded)
            let keys = Self.arabicKeys(words)
            if light {
                return PreparedName(text: name, isArabic: true, forms: [], arabicWords: words, keys: keys.sorted(),
                                    isComplete: false)
            }
            var forms: [PreparedName.Form] = []
            let variants = transliterator.latin(for: folded, variants: arabicForms)
            let best = variants.first?.score ?? 1
            // (A name has a handful of keys: a list is quicker than hashing them.)
            var all = keys
            for v in variants {
                let f = latinForm(v.text, weight: best > 0 ? v.score / best : 1)
                forms.append(f)
                for t in f.tokens where !t.key.isEmpty && !all.contains(t.key) { all.append(t.key) }
            }
            return PreparedName(text: name, isArabic: true, forms: forms, arabicWords: words, keys: all.sorted(),
                                isComplete: true)
        }
        let f = latinForm(name, weight: 1)
        var keys = Set<String>()
        for t in f.tokens where !t.key.isEmpty { keys.insert(t.key) }
        Acronyms.blockingKeys(tokens: f.tokens, words: f.words, into: &keys)
        for v in light ? [] : transliterator.arabic(for: name, variants: 2) {
            for w in ArabicNameText.words(v.text) where w.isArabic {
                let k = NameKey.arabicWordKey(w.scalars)
                if !k.isEmpty { keys.insert(k) }
            }
        }
        return PreparedName(text: name, isArabic: false, forms: [f], arabicWords: [], keys: keys.sorted(), isComplete: !light)
    }

    /// The blocking keys of an Arabic name already folded by ``normalizeArabic``: those of
    /// its light preparation (``prepare(_:light:)``), without folding it again.
    public static func lightArabicKeys(folded: String) -> [String] {
        arabicKeys(arabicWords(folded: folded)).sorted()
    }

    static func arabicWords(folded: String) -> [[UInt32]] {
        ArabicNameText.words(folded).filter(\.isArabic).map(\.scalars)
    }

    /// The distinct keys of the words (unordered; a name has a handful, so no hashing).
    static func arabicKeys(_ words: [[UInt32]]) -> [String] {
        var keys: [String] = []
        for w in words {
            let k = NameKey.arabicWordKey(w)
            if !k.isEmpty && !keys.contains(k) { keys.append(k) }
        }
        return keys
    }

    /// The complete preparation of a name prepared lightly.
    public mutating func complete(_ p: PreparedName) -> PreparedName {
        p.isComplete ? p : prepare(p.text)
    }


    mutating func latinForm(_ text: String, weight: Double) -> PreparedName.Form {
        var id: [UInt8] = []
        LatinFolding.appendIdentity(of: text.unicodeScalars, to: &id)
        var tokens: [PreparedName.Token] = []
        var concat: [UInt8] = []
        var total = 0.0
        for t in LatinNameTokens.tokens(identity: id) {
            let tok = token(t)
            if tok.canon.isEmpty { continue }
            tokens.append(tok)
            concat.append(contentsOf: tok.canon)
            total += 1
        }
        var form = PreparedName.Form(tokens: tokens, weight: weight, total: total, concat: concat)
        form.words = Acronyms.words(identity: id)
        if let family = Self.capitalizedFamily(text) {
            var fid: [UInt8] = []
            LatinFolding.appendIdentity(of: family.unicodeScalars, to: &fid)
            form.family = LatinNameTokens.tokens(identity: fid).map { token($0) }.filter { !$0.canon.isEmpty }
        }
        return form
    }

    /// The words written in capitals, when the name also has words that are not
    /// (`Muammar Abu Minyar AL-QADHAFI` → `AL-QADHAFI`); nil otherwise.
    static func capitalizedFamily(_ text: String) -> String? {
        // One pass over the scalars, word by word (words end at a space or a comma).
        var caps: [String] = []
        var mixed = false
        var word = String.UnicodeScalarView()
        var letters = 0
        var upper = 0
        var lower = 0
        func endWord() {
            if letters >= 2 {
                if upper == letters { caps.append(String(word)) } else if lower > 0 { mixed = true }
            }
            word = String.UnicodeScalarView()
            letters = 0
            upper = 0
            lower = 0
        }
        for u in text.unicodeScalars {
            if u == " " || u == "," {
                endWord()
                continue
            }
            word.append(u)
            if u.isASCII {
                let v = u.value
                if v >= 0x41 && v <= 0x5A { letters += 1; upper += 1 } else if v >= 0x61 && v <= 0x7A { letters += 1; lower += 1 }
            } else {
                let p = u.properties
                if p.isAlphabetic {
                    letters += 1
                    if p.isUppercase { upper += 1 }
                    if p.isLowercase { lower += 1 }
                }
            }
        }
        endWord()
        guard mixed, !caps.isEmpty else { return nil }
        return caps.joined(separator: " ")
    }

    mutating func token(_ t: [UInt8]) -> PreparedName.Token {
        if let c = tokenCache[t] { return c }
        let canon = LatinPhonetics.canonical(identity: t)
        let key = String(decoding: NameKey.latinKey(canonical: canon), as: UTF8.self)
        // (The word's row of the reverse lexicon is looked up once for both.)
        let m = model
        let row = t.withUnsafeBytes { m.reverseIndex(utf8: $0) }
        var tok = PreparedName.Token(canon: canon, key: key, weight: staticWeight(row: row),
                                     arabic: t.count > 1 ? attestedArabic(t, row: row) : nil)
        tok.raw = t
        tok.designator = OrganizationWords.designators.contains(t)
        tok.initial = t.count == 1
        tok.frequencyKey = PreparedName.Token.frequencyKey(canon: canon, arabic: tok.arabic)
        if tokenCache.count > 200_000 { tokenCache.removeAll(keepingCapacity: true) }
        tokenCache[t] = tok
        return tok
    }

    /// How rare a Latin word is among names: log(1 + total / (1 + the word's attestations)).
    /// `row`: the word's row of the reverse lexicon (nil: unattested).
    func staticWeight(row: Int?) -> Double {
        let m = model
        let count = row.map { m.reverseTotal($0) } ?? 0
        return log(1 + m.grandTotal / (1 + count))
    }

    /// Word weights from a collection (see ``WordWeights``); nil: weights from the lexicon.
    public var collectionWeights: WordWeights? = nil

    @inline(__always)
    func weight(_ t: PreparedName.Token) -> Double { Self.weight(t, collectionWeights) }

    static func weight(_ t: PreparedName.Token, _ weights: WordWeights?) -> Double {
        let base: Double
        if let w = weights { base = w.idf[t.frequencyKey] ?? w.unseen } else { base = t.weight }
        return t.designator || t.initial ? 0.25 * base : base
    }

    /// The Arabic word a Latin word spells, if the reverse lexicon is confident (most of
    /// the attestations, at least three of them); the article is removed. `row`: the word's
    /// row of the reverse lexicon (nil: unattested).
    func attestedArabic(_ t: [UInt8], row: Int?) -> [UInt32]? {
        let m = model
        for (k, candidate) in [t, Array("al ".utf8) + t].enumerated() {
            let r = k == 0 ? row : candidate.withUnsafeBytes { m.reverseIndex(utf8: $0) }
            guard let r else { continue }
            let es = m.reverseEntries(r)
            let total = es.reduce(0) { $0 + $1.count }
            guard let top = es.first, total >= 3, top.count / total >= 0.6 else { return nil }
            var w = Array(m.unitKey(top.unit).unicodeScalars.map(\.value))
            if w.contains(0x20) { return nil }
            if ArabicNameText.hasArticle(w) { w.removeFirst(2) }
            return w
        }
        return nil
    }

    /// Similarity of two prepared names in [0, 1].
    public mutating func similarity(_ a: PreparedName, _ b: PreparedName) -> Double {
        if a.isArabic != b.isArabic && ((a.isArabic && !a.isComplete) || (b.isArabic && !b.isComplete)) {
            return similarity(a.isArabic ? complete(a) : a, b.isArabic ? complete(b) : b)
        }
        if a.isArabic && b.isArabic {
            let direct = Self.matchWords(a.arabicWords, b.arabicWords, containment: containmentWeight,
                                         weight: { Double($0.count) }, similarity: Self.arabicWordSimilarity,
                                         minimumEvidence: 0)
            if a.forms.isEmpty || b.forms.isEmpty { return direct }
            return max(direct, 0.95 * formsSimilarity(a, b))
        }
        let forms = formsSimilarity(a, b)
        if a.isArabic != b.isArabic {
            return min(forms, attestedAgreement(arabic: a.isArabic ? a : b, latin: a.isArabic ? b : a))
        }
        return forms
    }

    /// When the lexicon knows which Arabic words a Latin name's words spell, how well they
    /// agree with the Arabic name's own words: from 0.3 (none agrees) to 1 (all agree, or
    /// nothing is known). *Hussein* spells `حسين`, so it does not agree with `حسن`.
    mutating func attestedAgreement(arabic: PreparedName, latin: PreparedName) -> Double {
        guard let form = latin.forms.first, !arabic.arabicWords.isEmpty else { return 1 }
        var total = 0.0
        var agree = 0.0
        for t in form.tokens {
            guard let x = t.arabic else { continue }
            let w = weight(t)
            var best = 0.0
            var closest: [UInt32] = []
            for y in arabic.arabicWords {
                let s = Self.arabicWordSimilarity(x, y)
                if s > best { best = s; closest = y }
            }
            // The nearest word is another name the lexicon knows: حسن is not a spelling of
            // Hussein (حسين), however close the letters.
            if best < 1 && !closest.isEmpty && isDifferentName(t, closest) { best = 0 }
            total += w
            agree += w * Self.credit(best)
        }
        guard total > 0 else { return 1 }
        return 0.3 + 0.7 * agree / total
    }

    /// True when the Arabic word is another name than the Latin word spells: the lexicon
    /// knows the Arabic word as a name, has never seen the Latin word written for it, and
    /// none of its usual spellings sounds like the Latin word. *Hussein* is not حسن
    /// (Hassan, Hasan); *Hassan* may be حسان, and *Dib* may be ذيب (Dhib).
    mutating func isDifferentName(_ t: PreparedName.Token, _ arabic: [UInt32]) -> Bool {
        // The key: the Latin bytes, a separator no scalar has, the Arabic scalars.
        let key = t.raw.map { UInt32($0) } + [0xFFFF_FFFF] + arabic
        if let known = differentNameCache[key] { return known }
        let known = knownWord(arabic)
        let answer = computeIsDifferentName(t, units: known.units, sounds: known.sounds)
        if differentNameCache.count > 100_000 { differentNameCache.removeAll(keepingCapacity: true) }
        differentNameCache[key] = answer
        return answer
    }

    /// The lexicon units of an Arabic word (without and with the article) and the sounds of
    /// their eight most usual spellings, cached.
    mutating func knownWord(_ arabic: [UInt32]) -> (units: [Int], sounds: [[UInt8]]) {
        if let x = knownWordCache[arabic] { return x }
        let m = model
        var bare = arabic
        if ArabicNameText.hasArticle(bare) { bare.removeFirst(2) }
        func unit(_ w: [UInt32]) -> Int? {
            var key = String(String.UnicodeScalarView(w.compactMap(Unicode.Scalar.init)))
            return key.withUTF8 { m.unitIndex(utf8: UnsafeRawBufferPointer($0)) }
        }
        let units = [unit(bare), unit(Array("\u{0627}\u{0644}".unicodeScalars.map(\.value)) + bare)].compactMap { $0 }
        var sounds: [[UInt8]] = []
        for u in units {
            for sp in m.spellingRange(ofUnit: u).prefix(8) {
                var id: [UInt8] = []
                LatinFolding.appendIdentity(of: m.spellingDisplay(sp).unicodeScalars, to: &id)
                for w in LatinNameTokens.tokens(identity: id) { sounds.append(LatinPhonetics.canonical(identity: w)) }
            }
        }
        if knownWordCache.count > 50_000 { knownWordCache.removeAll(keepingCapacity: true) }
        knownWordCache[arabic] = (units, sounds)
        return (units, sounds)
    }

    /// ``isDifferentName(_:_:)`` for an Arabic word with lexicon units `units` whose usual
    /// spellings sound as `sounds`.
    func computeIsDifferentName(_ t: PreparedName.Token, units: [Int], sounds: [[UInt8]]) -> Bool {
        let m = model
        guard !units.isEmpty, !t.raw.isEmpty else { return false }
        // Written so somewhere in the lexicon?
        for candidate in [t.raw, Array("al ".utf8) + t.raw] {
            guard let r = candidate.withUnsafeBytes({ m.reverseIndex(utf8: $0) }) else { continue }
            if m.reverseEntries(r).contains(where: { units.contains($0.unit) }) { return false }
        }
        // Sounds like one of its usual spellings?
        for w in sounds where LatinPhonetics.similarity(canonical: w, t.canon) >= 0.8 { return false }
        return true
    }

    func formsSimilarity(_ a: PreparedName, _ b: PreparedName) -> Double {
        var best = 0.0
        for fa in a.forms {
            for fb in b.forms {
                // a less likely spelling of an Arabic name counts for less
                let s = formSimilarity(fa, fb) * (0.8 + 0.2 * pow(min(fa.weight, fb.weight), 0.25))
                if s > best { best = s }
            }
        }
        return best
    }

    func formSimilarity(_ a: PreparedName.Form, _ b: PreparedName.Form) -> Double {
        if a.tokens.isEmpty || b.tokens.isEmpty { return 0 }
        // words written together in one name and apart in the other (TAJIDEEN / TAJI AL-DIN,
        // AEROSKYONE / AERO SKY ONE), and acronyms (IRGC / ISLAMIC REVOLUTIONARY GUARD CORPS)
        var ta = a.tokens
        var tb = b.tokens
        Self.joinSplitWords(&ta, against: tb)
        Self.joinSplitWords(&tb, against: ta)
        Acronyms.expand(&ta, words: b.words, into: &tb)
        Acronyms.expand(&tb, words: a.words, into: &ta)
        // (A closure of the weights alone: `self.weight` would copy the whole matcher, its
        // caches included, at every comparison.)
        let weights = collectionWeights
        let weight = { (t: PreparedName.Token) in Self.weight(t, weights) }
        let words = Self.matchWords(ta, tb, containment: containmentWeight, weight: weight,
                                    similarity: Self.tokenSimilarity, minimumEvidence: minimumEvidence)
        // written together or apart (Nasrallah / Nasr Allah): compare the whole names too,
        // with the same credit as a word pair
        var score = words
        if a.tokens.count != b.tokens.count {
            let concat = LatinPhonetics.similarity(canonical: a.concat, b.concat)
            score = max(score, Self.credit(concat))
        }
        if !a.family.isEmpty && !b.family.isEmpty {
            // both spellings say which words are the family name: one's family name must be
            // among the other's words (lists move names between the given and the family
            // part: Taha Yassin RAMADAN / Taha Yassin Ramadan AL-JIZRAWI)
            var fa = a.family
            var fb = b.family
            Self.joinSplitWords(&fa, against: tb)
            Self.joinSplitWords(&fb, against: ta)
            let family = max(Self.matchWords(fa, tb, containment: 1, weight: weight,
                                             similarity: Self.tokenSimilarity, minimumEvidence: 0),
                             Self.matchWords(fb, ta, containment: 1, weight: weight,
                                             similarity: Self.tokenSimilarity, minimumEvidence: 0))
            score = min(score, 0.5 + 0.5 * family)
        }
        return score
    }

    /// Joins two or three adjacent words of `tokens` when together they spell a word of
    /// `other` that none of them spells alone.
    static func joinSplitWords(_ tokens: inout [PreparedName.Token], against other: [PreparedName.Token]) {
        guard tokens.count >= 2 else { return }
        var i = 0
        while i + 1 < tokens.count {
            var merged = false
            for n in stride(from: min(3, tokens.count - i), through: 2, by: -1) {
                let run = tokens[i..<(i + n)]
                if run.contains(where: { $0.initial || $0.designator }) { continue }
                let joined = run.reduce([UInt8]()) { $0 + $1.canon }
                var hit = false
                for o in other where !o.initial && o.canon.count + 2 >= joined.count && joined.count + 2 >= o.canon.count {
                    if LatinPhonetics.similarity(canonical: joined, o.canon) >= 0.85
                        && run.allSatisfy({ tokenSimilarity($0, o) < 0.8 }) {
                        hit = true
                        break
                    }
                }
                guard hit else { continue }
                var t = run.max { $0.weight < $1.weight }!  // the rarest part's frequency stands for the whole
                t.canon = joined
                t.raw = run.reduce([UInt8]()) { $0 + $1.raw }
                t.arabic = nil
                tokens.replaceSubrange(i..<(i + n), with: [t])
                merged = true
                break
            }
            if !merged { i += 1 } else { i += 1 }
        }
    }

    static func tokenSimilarity(_ a: PreparedName.Token, _ b: PreparedName.Token) -> Double {
        if a.initial || b.initial {
            // an initial stands for a word that starts with its letter
            if a.initial && b.initial { return a.canon == b.canon ? 1 : 0 }
            return a.canon.first == b.canon.first ? 0.8 : 0
        }
        let p = LatinPhonetics.similarity(canonical: a.canon, b.canon)
        if let x = a.arabic, let y = b.arabic {
            if x == y { return max(p, 0.97) }
            // the lexicon says they spell different Arabic words: unless the two are near
            // variants themselves (وهبه / وهبي), they are different names (Hassan حسن /
            // Hussein حسين), and the words stay unpaired rather than half count
            let s = arabicWordSimilarity(x, y)
            return s >= 0.8 ? min(p, s) : 0
        }
        return p
    }

    /// How much a paired word counts: fully for spellings of one word (similarity 0.8 and
    /// up), falling steeply below (Hassan / Hussein at 0.71 count less than half).
    @inline(__always)
    static func credit(_ s: Double) -> Double {
        s >= 0.8 ? s : max(0, s * (s - 0.55) / 0.25)
    }

    /// Letter-level similarity of two Arabic words (article removed).
    static func arabicWordSimilarity(_ a: [UInt32], _ b: [UInt32]) -> Double {
        var x = a[...]
        var y = b[...]
        if ArabicNameText.hasArticle(a) { x = a.dropFirst(2) }
        if ArabicNameText.hasArticle(b) { y = b.dropFirst(2) }
        if x == y { return 1 }
        let n = x.count
        let m = y.count
        if n == 0 || m == 0 { return 0 }
        let xs = x.startIndex
        let ys = y.startIndex
        // Two rows on the stack (no allocation per comparison).
        let d = withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * (m + 1)) { rows in
            var prev = rows.baseAddress!
            var cur = prev + (m + 1)
            for j in 0...m { prev[j] = Double(j) }
            for i in 1...n {
                cur[0] = Double(i)
                let a = x[xs + i - 1]
                for j in 1...m {
                    let b = y[ys + j - 1]
                    // alef for hamza, and a final vowel letter for another (وهبه / وهبي: Wahba, Wehbe, Wahbi)
                    let cheap = (isWeakLetter(a) && isWeakLetter(b))
                        || (i == n && j == m && isFinalVowelLetter(a) && isFinalVowelLetter(b))
                    let sub = prev[j - 1] + (a == b ? 0 : (cheap ? 0.5 : 1))
                    let del = prev[j] + (isWeakLetter(a) ? 0.6 : 1)
                    let ins = cur[j - 1] + (isWeakLetter(b) ? 0.6 : 1)
                    cur[j] = min(sub, min(del, ins))
                }
                swap(&prev, &cur)
            }
            return prev[m]
        }
        return max(0, 1 - d / Double(max(n, m)))
    }

    /// Alef and hamza: the letters spellings of one name most often differ by.
    @inline(__always) static func isWeakLetter(_ v: UInt32) -> Bool { v == 0x0627 || v == 0x0621 }
    /// Letters that end a name in a vowel: ه ي ا.
    @inline(__always) static func isFinalVowelLetter(_ v: UInt32) -> Bool { v == 0x0647 || v == 0x064A || v == 0x0627 }

    /// Word-by-word similarity: the best one-to-one pairing of words (greedy by score, pairs
    /// below 0.55 left unpaired), scored by the weight of the paired words over all words
    /// (Dice); with `containment` > 0 also the share of the shorter name that is paired.
    static func matchWords<T>(_ a: [T], _ b: [T], containment: Double, weight: (T) -> Double,
                              similarity: (T, T) -> Double, minimumEvidence: Double) -> Double {
        if a.isEmpty || b.isEmpty { return 0 }
        var pairs: [(Double, Int, Int)] = []
        pairs.reserveCapacity(a.count * b.count)
        for i in a.indices {
            for j in b.indices {
                let s = similarity(a[i], b[j])
                if s >= 0.55 { pairs.append((s, i, j)) }
            }
        }
        pairs.sort { $0.0 > $1.0 || ($0.0 == $1.0 && ($0.1, $0.2) < ($1.1, $1.2)) }
        var usedA = [Bool](repeating: false, count: a.count)
        var usedB = [Bool](repeating: false, count: b.count)
        var matchedA = 0.0
        var matchedB = 0.0
        for (s, i, j) in pairs where !usedA[i] && !usedB[j] {
            usedA[i] = true
            usedB[j] = true
            // a pair counts by how far above the pairing floor it is: near words (Hassan /
            // Hussein) count little, spellings of one word (Gaddafi / Qadhafi) nearly fully
            let credit = Self.credit(s)
            matchedA += credit * weight(a[i])
            matchedB += credit * weight(b[j])
        }
        let wa = a.reduce(0) { $0 + weight($1) }
        let wb = b.reduce(0) { $0 + weight($1) }
        guard wa > 0, wb > 0 else { return 0 }
        let dice = (matchedA + matchedB) / (wa + wb)
        guard containment > 0 else { return dice }
        // the shorter name inside the longer one, when the shorter one says enough (its
        // words' summed rarity); a one-word name counts for less
        let (shortMatched, shortTotal, shortCount) = wa <= wb ? (matchedA, wa, a.count) : (matchedB, wb, b.count)
        guard shortTotal >= minimumEvidence else { return dice }
        let factor = shortCount >= 2 ? containment : containment * 0.8
        return max(dice, factor * shortMatched / shortTotal)
    }
}

/// Acronyms of organization names: IRGC for ISLAMIC REVOLUTIONARY GUARD CORPS, LEJ for
/// LASHKAR E JHANGVI, A.I.C. for AUM INFORMATION CENTER, AQAP for AL-QAIDA IN THE ARABIAN
/// PENINSULA (function words may be skipped or count).
enum Acronyms {
    static let functionWords: Set<[UInt8]> = Set(["of", "the", "in", "for", "and", "al", "el", "i", "e", "ul", "wa", "wal",
                                                  "de", "du", "des", "la", "le", "et", "fi", "li", "min", "an", "a", "to"]
                                                 .map { Array($0.utf8) })

    /// The words of an identity-folded name, letters only, split at spaces and full stops.
    static func words(identity: [UInt8]) -> [[UInt8]] {
        identity.split(whereSeparator: { $0 == 0x20 || $0 == 0x2E }).map { Array($0.filter { $0 >= 0x61 && $0 <= 0x7A }) }
            .filter { !$0.isEmpty }
    }

    /// When a word of `tokens` (or a run of initials) is the acronym of consecutive `words` of
    /// the other name, the matching tokens of the other name are replaced by it.
    static func expand(_ tokens: inout [PreparedName.Token], words: [[UInt8]], into other: inout [PreparedName.Token]) {
        guard words.count >= 2 else { return }
        var k = 0
        while k < tokens.count {
            // a run of initials (A.I.C.) or one word of 2–6 letters not attested as a name
            var letters: [UInt8] = []
            var end = k
            if tokens[k].initial {
                while end < tokens.count && tokens[end].initial { letters += tokens[end].raw; end += 1 }
                if letters.count < 2 { k = end; continue }
            } else {
                let t = tokens[k]
                end = k + 1
                guard (2...6).contains(t.raw.count), !t.designator else { k += 1; continue }
                letters = t.raw
            }
            // a word attested as a name (ALI, IRA) counts as an acronym only of three words or more
            if let span = find(letters, in: words), span.count >= 3 || tokens[k].initial || tokens[k].arabic == nil {
                let used = Set(span)
                // drop the other name's tokens spelled by the span's words
                var removed = 0
                other.removeAll { tok in
                    guard removed < used.count else { return false }
                    if used.contains(tok.raw) { removed += 1; return true }
                    return false
                }
                var t = tokens[k]
                t.canon = letters
                t.initial = false
                t.designator = false
                tokens.replaceSubrange(k..<end, with: [t])
                other.append(t)
            }
            k += 1
        }
    }

    /// Blocking keys that bring an acronym and the words it abbreviates together (they share
    /// no word): `acr:` + the letters of a word of 3–6 letters or of a run of initials, and
    /// `acr:` + the initials of every run of 3–6 consecutive content words (function words
    /// skipped) of a longer name.
    static func blockingKeys(tokens: [PreparedName.Token], words: [[UInt8]], into keys: inout Set<String>) {
        var initials: [UInt8] = []
        for t in tokens {
            if t.initial {
                initials += t.raw
                continue
            }
            if initials.count >= 2 { keys.insert("acr:" + String(decoding: initials, as: UTF8.self)) }
            initials = []
            if (3...6).contains(t.raw.count) && !t.designator && t.raw.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) {
                keys.insert("acr:" + String(decoding: t.raw, as: UTF8.self))
            }
        }
        if initials.count >= 2 { keys.insert("acr:" + String(decoding: initials, as: UTF8.self)) }
        let content = words.filter { !functionWords.contains($0) }
        guard content.count >= 3, content.count <= 12 else { return }
        for start in content.indices {
            var letters: [UInt8] = []
            for end in start..<min(content.count, start + 6) {
                letters.append(content[end][0])
                if letters.count >= 3 { keys.insert("acr:" + String(decoding: letters, as: UTF8.self)) }
            }
        }
    }

    /// The content words of the first span of `words` whose initials spell `letters`, nil if none.
    static func find(_ letters: [UInt8], in words: [[UInt8]]) -> [[UInt8]]? {
        let n = letters.count
        for start in words.indices where words[start].first == letters[0] {
            var li = 0
            var wi = start
            var content: [[UInt8]] = []
            while wi < words.count && li < n {
                let w = words[wi]
                if w.first == letters[li] {
                    li += 1
                    content.append(w)
                } else if !functionWords.contains(w) {
                    break
                }
                wi += 1
            }
            if li == n && content.count >= 2 && content.count == n { return content }
        }
        return nil
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
