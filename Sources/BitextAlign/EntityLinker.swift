// EntityLinker.swift — the entities an article and its translation both mention.
import BitextCore
import BitextLexicon
import BitextNames
import BitextNormalize
import BitextTranslit
import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Finds the entities mentioned in both an English article and its Arabic version, with all
/// their mentions on each side.
///
/// 1. Gazetteer mentions on both sides are linked by lexicon id (a demonym or nisba links to
///    its country: *Libyan* ↔ *الليبية* → Libya).
/// 2. English name spans no lexicon links (``EnglishNameSpans``) are linked to runs of
///    Arabic words in the aligned sentences — attached clitics split off — by cross-script
///    name similarity, best pairs first, each mention used once.
/// 3. Mentions of one entity are gathered across the document: a surname joins the full
///    name it belongs to (*Haftar* with *Khalifa Haftar*), and every other place the linked
///    spellings occur is collected.
///
/// Not thread-safe (it keeps a searcher and a name matcher): one per thread.
///
///     var linker = EntityLinker()
///     let entities = linker.link(english: en, arabic: ar, enSentences: es, arSentences: as_, beads: beads)
///     entities.first?.canonicalEnglish   // "Benghazi"
public struct EntityLinker {
    let searcher: GazetteerSearcher?
    var matcher: NameMatcher?
    let normalizer: Normalizer
    /// A second name matcher, for preparing names on a second thread (kept, like `matcher`,
    /// with its caches, from one document to the next).
    var helper: NameMatcher?
    /// Names prepared and word forms keyed in earlier documents (see ``Prepared``).
    var prepared = Prepared()
    /// The Arabic runs and English names of the document being aligned, being prepared on a
    /// second thread since ``beginPreparing(english:arabic:)``.
    var early: EarlyPreparation?
    /// Threads that prepare (transliterate) a document's new names before linking: 1 or 2.
    /// The output does not depend on it.
    public var preparationThreads: Int = {
        #if canImport(Glibc)
        return sysconf(Int32(_SC_NPROCESSORS_ONLN)) > 1 ? 2 : 1
        #else
        return 2
        #endif
    }()
    /// Lowest name similarity that links an English name to Arabic words.
    public var threshold = 0.8
    /// Lowest similarity that links one distinctive word of a longer English name.
    public var partThreshold = 0.9
    /// Bar for a full name whose words align one for one with an Arabic run, one word sure.
    public var fullNameThreshold = 0.7

    /// With the default lexicon and the embedded name model (either may be absent).
    public init(gazetteer: Gazetteer? = try? Lexicon.defaultGazetteer(), model: NameModel? = NameModel.embedded,
                normalizer: Normalizer = Normalizer(profile: .search)) {
        self.normalizer = normalizer
        searcher = gazetteer.map { GazetteerSearcher(gazetteer: $0) }
        matcher = model.map { Self.matcher(model: $0, normalizer) }
    }

    /// A name matcher as the linker uses it: an Arabic run is compared through its two most
    /// likely Latin spellings, summed over its two most likely countries (the linker needs a
    /// run's likely spellings, not the K best a reader is shown: fewer is faster).
    static func matcher(model: NameModel, _ normalizer: Normalizer) -> NameMatcher {
        var m = NameMatcher(model: model, normalizeArabic: { normalizer.normalize($0) })
        m.arabicForms = 2
        m.arabicRegions = 2
        return m
    }

    // MARK: - Mentions

    struct Found: Equatable {
        var start: Int
        var end: Int
        var text: String
        var sentence: Int
        /// Gazetteer entities, best first (empty for a name span).
        var entities: [Int]
        var demonym: Bool
        /// The name without clitics or possessive, for comparing spellings.
        var name: String
    }

    static func scalars(_ s: String) -> [Unicode.Scalar] { Array(s.unicodeScalars) }

    func gazetteerMentions(_ sentences: [Sentence]) -> [Found] {
        guard let searcher else { return [] }
        return Self.gazetteerMentions(sentences, searcher, normalizer)
    }

    static func gazetteerMentions(_ sentences: [Sentence], _ searcher: GazetteerSearcher, _ normalizer: Normalizer) -> [Found] {
        var out: [Found] = []
        for (k, s) in sentences.enumerated() {
            let sc = scalars(s.text)
            for m in searcher.find(in: s.text) {
                // A person's mention starts after the titles a lexicon spelling may carry.
                let start = MentionTitles.nameStart(of: m, in: sc, searcher: searcher, fold: { normalizer.normalize($0) })
                let text = String(scalars: sc[start..<m.end])
                out.append(Found(start: s.start + start, end: s.start + m.end, text: text, sentence: k,
                                 entities: searcher.candidates(of: m).map { Int($0) }, demonym: m.viaDemonym,
                                 name: text))
            }
        }
        return out
    }

    /// The lexicon mentions of both texts, found once for the sentence anchors and the linking.
    public struct LexiconMentions {
        var english: [Found]
        var arabic: [Found]
    }

    /// Finds the lexicon mentions of both texts' sentences.
    public func lexiconMentions(english: [Sentence], arabic: [Sentence]) -> LexiconMentions {
        // (The English ones are found already when their names are being prepared.)
        let en = early.flatMap { $0.sentences == english ? $0.mentions : nil } ?? gazetteerMentions(english)
        return LexiconMentions(english: en, arabic: gazetteerMentions(arabic))
    }

    /// Anchors for the sentence aligner: per sentence, the lexicon entities mentioned in it
    /// (a demonym counts for its country: Libyan ↔ الليبية), keeping only entities that the
    /// other text mentions somewhere too — one a text alone names says nothing of where its
    /// sentences went.
    public func sentenceAnchors(_ m: LexiconMentions, englishCount: Int, arabicCount: Int) -> (en: [[String]], ar: [[String]]) {
        func ids(_ found: [Found], _ n: Int) -> [[String]] {
            var out = [[String]](repeating: [], count: n)
            for f in found { if let e = f.entities.first { out[f.sentence].append(String(e)) } }
            return out
        }
        let en = ids(m.english, englishCount)
        let ar = ids(m.arabic, arabicCount)
        let common = Set(en.joined()).intersection(ar.joined())
        return (en.map { $0.filter(common.contains) }, ar.map { $0.filter(common.contains) })
    }

    /// English name spans, each with its possessive kept in the mention text.
    static func englishNames(_ sentences: [Sentence]) -> [Found] {
        var out: [Found] = []
        let finder = EnglishNameSpans()
        // The words the article also writes in lower case: one of them capitalized only
        // because it starts a sentence ("Even the coach …" beside "… even more") is no name.
        // (Read from the sentences' scalars, which the spans below are cut from too.)
        let sentenceScalars = sentences.map { scalars($0.text) }
        var lowercaseWords = Set<String>()
        for sc in sentenceScalars {
            func inWord(_ u: Unicode.Scalar) -> Bool {
                WordScalars.classes(u) & (WordScalars.alphabetic | WordScalars.nonspacingMark) != 0 || u == "'" || u == "\u{2019}"
            }
            var i = 0
            while i < sc.count {
                guard inWord(sc[i]) else { i += 1; continue }
                let start = i
                while i < sc.count && inWord(sc[i]) { i += 1 }
                if sc[start].properties.isLowercase { lowercaseWords.insert(String(scalars: sc[start..<i])) }
            }
        }
        for (k, s) in sentences.enumerated() {
            let sc = sentenceScalars[k]
            for span in finder.spans(in: sc) {
                if span.onlyCapitalizedBySentence && lowercaseWords.contains(span.text.lowercased()) { continue }
                // "Chris Harris of WSMV" may be one name or two: offer the parts as well.
                var pieces = [span]
                let words = span.text.split(separator: " ", omittingEmptySubsequences: false)
                if words.count >= 3, words.contains(where: { EnglishNameSpans.connectives.contains($0.lowercased()) }) {
                    var offset = span.start
                    var current: [Substring] = []
                    var currentStart = offset
                    for w in words {
                        if EnglishNameSpans.connectives.contains(w.lowercased()) {
                            if !current.isEmpty { pieces.append(TextSpan(start: currentStart, end: offset - 1, text: current.joined(separator: " "))) }
                            current = []
                            currentStart = offset + w.unicodeScalars.count + 1
                        } else {
                            current.append(w)
                        }
                        offset += w.unicodeScalars.count + 1
                    }
                    if !current.isEmpty { pieces.append(TextSpan(start: currentStart, end: span.end, text: current.joined(separator: " "))) }
                }
                for piece in pieces {
                    var end = piece.end
                    if end + 1 < sc.count, sc[end] == "'" || sc[end] == "\u{2019}", sc[end + 1] == "s" { end += 2 }
                    out.append(Found(start: s.start + piece.start, end: s.start + end,
                                     text: String(scalars: sc[piece.start..<end]), sentence: k,
                                     entities: [], demonym: false, name: piece.text))
                }
            }
        }
        return out
    }

    // MARK: - Linking

    /// The entities both texts mention.
    /// `lexiconMentions`, if given, are those ``lexiconMentions(english:arabic:)`` found in the
    /// same sentences (they are found here otherwise).
    public mutating func link(english: String, arabic: String, enSentences: [Sentence], arSentences: [Sentence],
                              beads: [SentenceBead], lexiconMentions: LexiconMentions? = nil) -> [AlignedEntity] {
        let found = lexiconMentions ?? self.lexiconMentions(english: enSentences, arabic: arSentences)
        let arGaz = found.arabic
        // The English names found by ``beginPreparing(english:)`` for these sentences, if it ran.
        let job = early.flatMap { $0.sentences == enSentences && $0.mentions == found.english ? $0 : nil }
        var (enGaz, enNames) = job.map { ($0.gazetteer, $0.names) }
            ?? Self.namesBesideGazetteer(Self.englishNames(enSentences), found.english)

        var entities: [Group] = []

        // 1. By lexicon id.
        var enByEntity: [Int: [Int]] = [:]
        var arByEntity: [Int: [Int]] = [:]
        for (i, f) in enGaz.enumerated() { for e in f.entities { enByEntity[e, default: []].append(i) } }
        for (i, f) in arGaz.enumerated() { for e in f.entities { arByEntity[e, default: []].append(i) } }
        var enTaken = Set<Int>()
        var arTaken = Set<Int>()
        // Best candidates first: a mention goes to the first of its entities found on both sides.
        var order: [(Int, Int)] = []  // (entity, rank of it among its mentions' candidates)
        for (e, list) in enByEntity where arByEntity[e] != nil {
            let rank = list.map { enGaz[$0].entities.firstIndex(of: e) ?? 99 }.min() ?? 99
            order.append((e, rank))
        }
        order.sort { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
        for (e, _) in order {
            let ens = enByEntity[e]!.filter { !enTaken.contains($0) }
            let ars = arByEntity[e]!.filter { !arTaken.contains($0) }
            guard !ens.isEmpty, !ars.isEmpty else { continue }
            enTaken.formUnion(ens)
            arTaken.formUnion(ars)
            var g = Group(entity: e, score: 1)
            g.en = ens.map { enGaz[$0] }
            g.ar = ars.map { arGaz[$0] }
            entities.append(g)
        }
        // Gazetteer mentions on the English side that found no partner by id take the name path.
        for (i, f) in enGaz.enumerated() where !enTaken.contains(i) && !f.demonym {
            var n = f
            n.entities = f.entities
            enNames.append(n)
        }
        enNames.sort { $0.start < $1.start }

        // 2. English names ↔ Arabic words in the aligned sentences.
        // The name matcher is moved out for the whole linking (a copy would retain all of it).
        var nm = matcher.take()
        defer { matcher = nm }
        // (An early preparation of these sentences is finished below, after the Arabic runs:
        // its helper thread works while this one reads them. One of other sentences is
        // finished now, its preparations kept.)
        if early != nil && job == nil { finishEarly(&nm) }
        // Every run of 1–4 Arabic words, prepared word by word: read on the helper thread
        // since ``beginPreparing(english:arabic:)``, or here.
        var arRuns: ArabicRuns
        if let (runs, memo) = job?.takeRuns() {
            prepared.runs = memo
            if job!.arabic == arSentences {
                arRuns = runs
            } else {
                arRuns = readRuns(arSentences, &nm)
            }
        } else {
            prepared.trim()
            arRuns = readRuns(arSentences, &nm)
        }
        var arClaimed: [Int: [Range<Int>]] = [:]  // sentence → claimed word ranges (document offsets)
        for g in entities { for m in g.ar { arClaimed[m.sentence, default: []].append(m.start..<m.end) } }
        var beadOfEnglish: [Int: Int] = [:]
        for (b, bead) in beads.enumerated() { for i in bead.en { beadOfEnglish[i] = b } }
        typealias Link = (en: Int, ar: Found, score: Double)
        var links: [Link] = []
        if nm != nil {
            // The blocking keys of an English name (or word) that Arabic words have.
            var englishIDs: [String: [Int32]] = [:]
            func ids(_ en: String) -> [Int32] {
                if let x = englishIDs[en] { return x }
                let x = arRuns.ids(of: Self.english(en, &prepared, &nm!).keys.sorted())
                englishIDs[en] = x
                return x
            }
            // The similarity of an English name and run `i` of sentence `j`, blocked or not;
            // blocking by the runs' word keys, which decide as the run's own keys do.
            func score(_ en: String, _ j: Int, _ i: Int, blocked: Bool, ids enIDs: [Int32]? = nil) -> Double {
                var keysChecked = false
                if blocked, let may = arRuns.mayMatch(enIDs ?? ids(en), j, i) {
                    if !may { return 0 }
                    keysChecked = true
                }
                return Self.similarity(en, arRuns.name(j, i), &prepared, &nm!, blocked: blocked && !keysChecked)
            }
            // What the passes need of each English name: its word count, its letters spelled out
            // in Arabic if it is an acronym, its distinctive words, its length and the letters
            // its first sound may be written with.
            let nameInfo = enNames.map { n in
                (words: n.name.split(separator: " ").count, acronym: Self.arabicLetterNames(n.name),
                 parts: Self.distinctiveWords(n.name), latinLength: n.name.unicodeScalars.count,
                 firstSounds: Self.firstSounds(of: n.name))
            }
            // Per bead, score every (English name, Arabic word run) pair; take the best pairs first.
            var byBead: [Int: [Int]] = [:]
            for (i, n) in enNames.enumerated() { if let b = beadOfEnglish[n.sentence] { byBead[b, default: []].append(i) } }
            if job != nil { finishEarly(&nm) }
            // The English names' own preparations first (their keys decide which runs are
            // completed), on two threads when there are two.
            if preparationThreads > 1 {
                var texts: [String] = []
                var seen = Set<String>()
                for names in byBead.values {
                    for i in names {
                        let name = enNames[i].name
                        for t in Self.englishTexts(name) where prepared.english[t] == nil && seen.insert(t).inserted {
                            texts.append(t)
                        }
                    }
                }
                for (t, p) in zip(texts, prepareInParallel(texts, &nm!)) { prepared.english[t] = (p, Set(p.keys)) }
            }
            struct BeadState {
                var usedEn: [Range<Int>] = []
                var usedAr: [Range<Int>] = []
                var links: [Link] = []
            }
            // One pass over a bead: score every (English name, Arabic word run) pair, take the
            // best pairs first. With `collecting`, only name the pairs of an English text (a
            // name, or a word of it) and a run that the pass would compare completely (the run
            // transliterated), so that they can be prepared and compared beforehand.
            func pass(_ b: Int, _ names: [Int], blocked: Bool, _ st: inout BeadState,
                      collecting: Bool = false, collect: (String, Int, Int) -> Void = { _, _, _ in }) {
                var pairs: [(Int, (Int, Int), Double)] = []
                // What each name needs (worked out once for every pass).
                let perName = names.map { i in
                    let x = nameInfo[i]
                    return (x.words, x.acronym, blocked ? x.parts : [], x.latinLength, blocked ? nil : x.firstSounds)
                }
                for j in beads[b].ar {
                    let claimed = (arClaimed[j] ?? []) + st.usedAr
                    let sentenceRuns = arRuns.runs[j]  // (read once: the loops below read it often)
                    let cands = sentenceRuns.indices.filter { r in
                        let run = sentenceRuns[r]
                        return !claimed.contains { $0.overlaps(run.start..<run.end) }
                    }
                    for (n, i) in names.enumerated() where !st.usedEn.contains(where: { $0.overlaps(enNames[i].start..<enNames[i].end) }) {
                        let name = enNames[i].name
                        let (words, acronym, parts, latinLength, firstSounds) = perName[n]
                        if !blocked && words > 2 { continue }
                        // The name's key ids, looked up once for all the runs.
                        var nameIDs: [Int32]? = nil
                        func idsOfName() -> [Int32] {
                            if let x = nameIDs { return x }
                            let x = ids(name)
                            nameIDs = x
                            return x
                        }
                        var partIDs: [[Int32]]? = nil
                        func idsOfParts() -> [[Int32]] {
                            if let x = partIDs { return x }
                            let x = parts.map(ids)
                            partIDs = x
                            return x
                        }
                        for r in cands {
                            let c = sentenceRuns[r]
                            if blocked, let acronym, c.count >= 2, arRuns.folded(j, r) == acronym {
                                pairs.append((i, (j, r), 1))
                                continue
                            }
                            // A run that begins with a title, or begins or ends with a function word, is no name.
                            if arRuns.edgesRuleOutName(j, r) { continue }
                            // Without blocking, only runs of a plausible length whose first
                            // sound can spell the name's first sound are compared.
                            if !blocked {
                                let n = c.foldedCount
                                if c.count > words || latinLength < n * 2 / 3 || latinLength > n * 3 + 2 { continue }
                                if let firstSounds, !arRuns.mayStart(j, r, with: firstSounds) { continue }
                            }
                            if collecting {
                                if c.count <= (blocked ? words + 1 : words), !blocked || arRuns.mayMatch(idsOfName(), j, r) == true {
                                    collect(name, j, r)
                                }
                                if c.count == 1 && words >= 2 {
                                    for (w, wIDs) in zip(parts, idsOfParts()) where arRuns.mayMatch(wIDs, j, r) == true { collect(w, j, r) }
                                }
                                continue
                            }
                            if c.count <= (blocked ? words + 1 : words) {
                                let s = score(name, j, r, blocked: blocked, ids: blocked ? idsOfName() : nil)
                                if s >= threshold {
                                    pairs.append((i, (j, r), s))
                                    continue
                                }
                                // A full name whose words line up one for one, one of them
                                // a sure match, passes at a lower bar (Mohammed al-Mnifi ↔
                                // محمد المنفي: the surname's spelling is unusual).
                                if blocked && words >= 2 && c.count == words && s >= fullNameThreshold
                                    && Self.oneWordMatches(name, arRuns.name(j, r), threshold: partThreshold, &prepared, &nm!) {
                                    // Ahead of a link of that one word alone (scored ≤ 0.9).
                                    pairs.append((i, (j, r), max(s, 0.905)))
                                    continue
                                }
                            }
                            // One distinctive word of a longer name, transliterated, is enough
                            // (Vanderbilt Medical Center ↔ مركز فاندربيلت الطبي).
                            if c.count == 1 && words >= 2 {
                                for (w, wIDs) in zip(parts, idsOfParts()) {
                                    let s = score(w, j, r, blocked: true, ids: wIDs)
                                    if s >= partThreshold { pairs.append((i, (j, r), s * 0.9)) }
                                }
                            }
                        }
                    }
                }
                if collecting { return }
                pairs.sort { $0.2 > $1.2 }
                for (i, (j, r), s) in pairs {
                    let e = enNames[i].start..<enNames[i].end
                    let run = arRuns.runs[j][r]
                    if st.usedEn.contains(where: { $0.overlaps(e) }) || st.usedAr.contains(where: { $0.overlaps(run.start..<run.end) }) { continue }
                    st.usedEn.append(e)
                    st.usedAr.append(run.start..<run.end)
                    st.links.append((i, arRuns.found(j, r), s))
                }
            }
            // Beads share no sentence, so each is linked on its own: first every bead with
            // blocking keys, then every bead without them, for the names still unlinked
            // (foreign names whose spellings share no key: Scherzer ↔ سيرزير). Before each
            // round, the runs it will complete are prepared on two threads, and then compared
            // there with the English texts the round will compare them with (the scores are
            // remembered, as the round would remember them: a pure function of the two texts).
            let beadList = byBead.sorted(by: { $0.key < $1.key })
            var states = [BeadState](repeating: BeadState(), count: beadList.count)
            for blocked in [true, false] {
                if preparationThreads > 1 {
                    var texts: [String] = []
                    var seen = Set<UTF8Key>()
                    var comparisons: [Prepared.ScoreKey] = []
                    var seenComparisons = Set<Prepared.ScoreKey>()
                    for (k, (b, names)) in beadList.enumerated() {
                        pass(b, names, blocked: blocked, &states[k], collecting: true) { en, j, r in
                            let key = UTF8Key(arRuns.name(j, r))
                            if prepared.completed[key] == nil && seen.insert(key).inserted { texts.append(key.text) }
                            // (compared unblocked: the run's keys were checked already, or there are none)
                            let comparison = Prepared.ScoreKey(english: en, arabic: key.text, blocked: false)
                            if prepared.scores[comparison] == nil && seenComparisons.insert(comparison).inserted {
                                comparisons.append(comparison)
                            }
                        }
                    }
                    for (t, p) in zip(texts, prepareInParallel(texts, &nm!)) { prepared.completed[UTF8Key(t)] = p }
                    for (c, s) in zip(comparisons, compareInParallel(comparisons, &nm!)) where s != nil { prepared.scores[c] = s }
                }
                for (k, (b, names)) in beadList.enumerated() { pass(b, names, blocked: blocked, &states[k]) }
            }
            for st in states { links += st.links }
        }

        // 3. Group the linked names into entities: same name, or a surname of a fuller name.
        var parent = Array(0..<enNames.count)
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
            return x
        }
        func union(_ a: Int, _ b: Int) { parent[find(a)] = find(b) }
        let folded = enNames.map { Self.fold($0.name) }
        // Each distinct folded name once: its first mention stands for the others.
        var firstOf: [String: Int] = [:]
        var distinct: [Int] = []
        for (a, f) in folded.enumerated() {
            if let b = firstOf[f] { union(a, b) } else { firstOf[f] = a; distinct.append(a) }
        }
        // The article is no part of a surname's identity: Al-Sharif is el-Sharif.
        let words = distinct.map { folded[$0].split(separator: " ").filter { $0 != "al" && $0 != "el" } }
        for x in distinct.indices {
            for y in 0..<x where Self.isSuffixName(words[x], of: words[y]) || Self.isSuffixName(words[y], of: words[x]) {
                union(distinct[x], distinct[y])
            }
        }
        // A given name alone (LeBron) is the one full name in the text that starts with it.
        var owners: [Substring: [Int]] = [:]
        for x in distinct.indices where words[x].count >= 2 { owners[words[x][0], default: []].append(x) }
        for x in distinct.indices where words[x].count == 1 && !folded[distinct[x]].contains(" ") && folded[distinct[x]].count >= 3 {
            if let o = owners[words[x][0]], o.count == 1 { union(distinct[x], distinct[o[0]]) }
        }
        // Arabic forms linked to two English names tie them too.
        var byArabic: [UTF8Key: Int] = [:]
        for l in links {
            let k = UTF8Key(Self.foldArabic(l.ar.name, normalizer))
            if let other = byArabic[k] { union(l.en, other) } else { byArabic[k] = l.en }
        }
        var nameGroups: [Int: Group] = [:]
        for l in links {
            let r = find(l.en)
            var g = nameGroups[r] ?? Group(entity: nil, score: 0)
            g.score = max(g.score, l.score)
            if !g.ar.contains(where: { $0.start == l.ar.start }) { g.ar.append(l.ar) }
            nameGroups[r] = g
        }
        for (i, n) in enNames.enumerated() {
            let r = find(i)
            guard nameGroups[r] != nil else { continue }
            nameGroups[r]!.en.append(n)
            if nameGroups[r]!.entity == nil, let e = n.entities.first { nameGroups[r]!.entity = e }
        }
        // A lexicon entity whose English mentions are all a linked person's surname joins it.
        let groupOrder = nameGroups.keys.sorted()
        var foldMemo: [String: String] = [:]
        func memoFold(_ s: String) -> String {
            if let x = foldMemo[s] { return x }
            let x = Self.fold(s)
            foldMemo[s] = x
            return x
        }
        // (The lexicon entities' names, folded and split into words, once.)
        var lexWords: [[[Substring]]?] = entities.map { lex in
            guard !lex.en.isEmpty, lex.en.allSatisfy({ !$0.demonym }) else { return nil }
            return lex.en.map { memoFold($0.name).split(separator: " ") }
        }
        for r in groupOrder {
            let full = nameGroups[r]!.en.map { memoFold($0.name).split(separator: " ") }
            var k = 0
            while k < entities.count {
                if let names = lexWords[k], names.allSatisfy({ n in full.contains { Self.isSuffixName(n, of: $0) } }) {
                    nameGroups[r]!.en.append(contentsOf: entities[k].en)
                    nameGroups[r]!.ar.append(contentsOf: entities[k].ar)
                    entities.remove(at: k)
                    lexWords.remove(at: k)
                } else {
                    k += 1
                }
            }
        }
        entities.append(contentsOf: groupOrder.map { nameGroups[$0]! })

        // Every other occurrence of a linked Arabic spelling is a mention too.
        // (Folded Arabic forms are keyed by their bytes: hashing a String of Arabic letters
        // normalizes it, which the folded forms do not need.)
        var entityOfForm: [UTF8Key: Int] = [:]
        var taken: [Range<Int>] = []
        for (k, e) in entities.enumerated() {
            for m in e.ar {
                let f = UTF8Key(Self.foldArabic(m.name, normalizer))
                if entityOfForm[f] == nil { entityOfForm[f] = k }
                taken.append(m.start..<m.end)
            }
        }
        if !entityOfForm.isEmpty {
            // A run's folded text starts with its first word's, and has the form's length: most
            // runs are ruled out by these (the word by its interned id), and only the others are
            // joined and compared.
            var lengthsOf = [Set<Int>?](repeating: nil, count: arRuns.foldedIDCount)  // by first word
            for f in entityOfForm.keys {
                let first = String(f.text.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false)[0])
                guard let id = arRuns.foldedID(of: first) else { continue }  // no word of these runs
                lengthsOf[Int(id)] = (lengthsOf[Int(id)] ?? []).union([f.text.unicodeScalars.count])
            }
            for j in arRuns.runs.indices {
                let runs = arRuns.runs[j]
                let words = arRuns.words[j]
                for r in runs.indices {
                    let run = runs[r]
                    let id = words[run.first].stems[run.stem].foldedID
                    guard let lengths = lengthsOf[Int(id)], lengths.contains(run.foldedCount) else { continue }
                    guard let k = entityOfForm[UTF8Key(arRuns.folded(j, r))] else { continue }
                    if !taken.contains(where: { $0.overlaps(run.start..<run.end) }) {
                        entities[k].ar.append(arRuns.found(j, r))
                        taken.append(run.start..<run.end)
                    }
                }
            }
        }
        // In order of the first English mention; the order is total (nothing left to the
        // hash order of the dictionaries above).
        let englishScalars = Array(english.unicodeScalars)
        return entities.compactMap { g in
            g.aligned(searcher?.gazetteer, locative: g.entity == nil && g.en.contains { Self.followsLocative($0, englishScalars) })
        }.sorted { a, b in
            let x = (a.en.first?.start ?? 0, a.en.first?.end ?? 0, a.ar.first?.start ?? 0, a.ar.first?.end ?? 0)
            let y = (b.en.first?.start ?? 0, b.en.first?.end ?? 0, b.ar.first?.start ?? 0, b.ar.first?.end ?? 0)
            return x < y
        }
    }

    struct Group {
        var entity: Int?
        var score: Double
        var en: [Found] = []
        var ar: [Found] = []

        /// `locative`: a mention follows *near* or the like (see ``EntityLinker/guessType(_:locative:)``).
        func aligned(_ g: Gazetteer?, locative: Bool = false) -> AlignedEntity? {
            guard !en.isEmpty, !ar.isEmpty else { return nil }
            let ens = en.sorted { $0.start < $1.start }
            let ars = ar.sorted { $0.start < $1.start }
            var type = "other"
            var id: String? = nil
            var canonicalEn = ens.max { $0.name.count < $1.name.count }!.name
            var canonicalAr = ars.max { $0.name.count < $1.name.count }!.name
            if let e = entity, let g {
                id = g.entities.id(e)
                switch g.entities.type(e) {
                case .place: type = "place"
                case .person: type = "person"
                case .org: type = "org"
                default: type = "other"
                }
                canonicalEn = g.entities.english(e) ?? canonicalEn
                canonicalAr = g.entities.arabic(e) ?? canonicalAr
            } else {
                type = EntityLinker.guessType(canonicalEn, locative: locative)
            }
            func mention(_ f: Found) -> EntityMention { EntityMention(start: f.start, end: f.end, text: f.text, sentence: f.sentence) }
            return AlignedEntity(entity: id, type: type, score: score, canonicalEnglish: canonicalEn, canonicalArabic: canonicalAr,
                                 en: ens.map(mention), ar: ars.map(mention))
        }
    }

    /// Whether one of `sorted` (by start) that starts in `from...through` passes `test`.
    static func someStarting(in sorted: [Found], from: Int, through: Int, _ test: (Found) -> Bool) -> Bool {
        var lo = 0, hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if sorted[mid].start <= through { lo = mid + 1 } else { hi = mid }
        }
        var k = lo - 1
        while k >= 0 && sorted[k].start >= from {
            if test(sorted[k]) { return true }
            k -= 1
        }
        return false
    }

    // MARK: - Types of names no lexicon knows

    /// The type of a name linked by spelling alone, from its words: a place when a word says
    /// so (*Ras Lanuf*, *Wadi Kaam*, *Kufra Airport*) or when a mention follows *near*
    /// or *outside* (`locative`: *positions near Abu Grein*); an organization when a word
    /// says so (*Vanderbilt Medical Center*, *Washington Examiner*); otherwise a person when
    /// it has two words or more, and `other` for a single word.
    static func guessType(_ name: String, locative: Bool) -> String {
        let words = name.split(separator: " ").map { $0.lowercased() }
        guard let first = words.first, let last = words.last else { return "other" }
        // A single word says too little (RAS, Covid): only the organization words count.
        let several = words.count >= 2
        if several && (placeFirstWords.contains(first) || placeLastWords.contains(last)) { return "place" }
        if words.contains(where: orgWords.contains) { return "org" }
        if several && locative { return "place" }
        return several ? "person" : "other"
    }

    /// Words that start Arabic and other place names (cape, well, valley, mountain, spring …).
    static let placeFirstWords: Set<String> = [
        "ras", "wadi", "bir", "jabal", "jebel", "djebel", "ain", "tell", "sidi", "mount", "lake", "cape", "port",
        "fort", "gulf", "bay", "qasr", "ksar", "khor", "marsa", "umm", "bab",
    ]
    static let placeLastWords: Set<String> = [
        "island", "islands", "valley", "desert", "river", "sea", "oasis", "square", "street", "airport", "port",
        "province", "region", "district", "county", "city", "town", "village", "camp", "stadium", "arena", "field",
        "mountains", "coast", "strait", "peninsula", "basin", "crossing", "border",
    ]
    static let orgWords: Set<String> = [
        "council", "committee", "commission", "ministry", "army", "forces", "brigade", "brigades", "party", "front",
        "union", "bank", "company", "corporation", "corp", "inc", "ltd", "agency", "organization", "organisation",
        "institute", "association", "federation", "movement", "university", "college", "school", "hospital",
        "center", "centre", "court", "parliament", "assembly", "authority", "foundation", "museum", "club", "fc",
        "league", "cup", "news", "times", "post", "telegraph", "examiner", "herald", "journal", "tribune",
        "gazette", "radio", "television", "tv", "media", "press", "airlines", "airways", "police", "guard",
        "entertainment", "group", "network", "office", "department", "government", "coalition", "alliance",
    ]

    /// Words before a mention that make it a place (*near Abu Grein*, *outside Sirte*). Not
    /// *in*, *from*, *to* or *at*, which come before people, teams and diseases as often
    /// (*a goal from Shaqiri*, *in COVID-19 cases*).
    static let locatives: Set<String> = ["near", "outside", "around", "towards", "toward"]

    /// True when the word before `f` (in `text`, the English article's scalars) is one of
    /// ``locatives`` and the mention is no possessive (*in Haftar's camp*).
    static func followsLocative(_ f: Found, _ text: [Unicode.Scalar]) -> Bool {
        guard f.start <= text.count, f.end <= text.count, !f.text.hasSuffix("'s"), !f.text.hasSuffix("\u{2019}s") else { return false }
        var i = f.start
        while i > 0 && text[i - 1] == " " { i -= 1 }
        var j = i
        while j > 0 && UnicodeTables.properties(of: text[j - 1].value).isAlphabetic { j -= 1 }
        guard j < i, i - j <= 8 else { return false }
        return locatives.contains(String(scalars: text[j..<i]).lowercased())
    }

    // MARK: - Arabic candidates

    /// Prepared names: English names completely (their keys include those of their Arabic
    /// spellings), Arabic word runs lightly, completed only when their keys meet an English
    /// name's — the blocking the resolve index uses. Kept from one document to the next, as
    /// the transliterator keeps its words: articles of a corpus share most of their names.
    /// Arabic text is keyed by its bytes (``UTF8Key``).
    struct Prepared {
        var english: [String: (name: PreparedName, keys: Set<String>)] = [:]
        var arabic: [UTF8Key: (name: PreparedName, keys: Set<String>)] = [:]
        var completed: [UTF8Key: PreparedName] = [:]
        /// The light keys of each word of an Arabic run.
        var wordKeys: [UTF8Key: [Set<String>]] = [:]
        /// The word forms of Arabic runs.
        var runs = ArabicRuns.Memo()
        /// Similarities computed, by English name, Arabic run and blocking.
        var scores: [ScoreKey: Double] = [:]

        /// (Compared and hashed by bytes: hashing a `String` of Arabic letters normalizes it.)
        struct ScoreKey: Hashable {
            var english: String
            var arabic: String
            var blocked: Bool

            static func == (a: ScoreKey, b: ScoreKey) -> Bool {
                a.blocked == b.blocked && UTF8Key(a.english) == UTF8Key(b.english) && UTF8Key(a.arabic) == UTF8Key(b.arabic)
            }

            func hash(into h: inout Hasher) {
                UTF8Key(english).hash(into: &h)
                UTF8Key(arabic).hash(into: &h)
                h.combine(blocked)
            }
        }

        /// Starts afresh once it holds more than `limit` entries (memory stays bounded); a
        /// remembered score, a number and two texts already kept elsewhere, counts a quarter.
        mutating func trim(limit: Int = 50_000) {
            if english.count + arabic.count + completed.count + wordKeys.count + runs.count + scores.count / 4 > limit {
                self = Prepared()
            }
        }
    }

    /// English name spans and gazetteer mentions, each kept where the other does not cover it:
    /// a name span longer than a gazetteer mention inside it is the name (Elizabeth Warren,
    /// not the town of Warren); one the gazetteer covers is the gazetteer's. A demonym inside
    /// a name stays too (Scottish Athletics ↔ ألعاب القوى الأسكتلندية).
    static func namesBesideGazetteer(_ names: [Found], _ gazetteer: [Found]) -> (gazetteer: [Found], names: [Found]) {
        var enGaz = gazetteer
        var enNames = names
        // (Each looks only at the spans that start close enough before it to contain it.)
        let namesByStart = enNames.sorted { $0.start < $1.start }
        let longestName = namesByStart.map { $0.end - $0.start }.max() ?? 0
        enGaz.removeAll { g in
            !g.demonym && Self.someStarting(in: namesByStart, from: g.start - longestName, through: g.start) { n in
                n.end >= g.end && n.name.count > g.name.count + 1
            }
        }
        let gazByStart = enGaz.sorted { $0.start < $1.start }
        let longestGaz = gazByStart.map { $0.end - $0.start }.max() ?? 0
        enNames.removeAll { n in
            let end = n.start + n.name.unicodeScalars.count
            return Self.someStarting(in: gazByStart, from: n.start - longestGaz, through: n.start) { g in g.end >= end }
        }
        return (enGaz, enNames)
    }

    /// Work done on a second thread while the aligner reads the rest of the document: first
    /// the word runs of the Arabic sentences (with the linker's word-form memo, lent until
    /// they are read), then the English names, as soon as this thread has found them (the
    /// helper takes texts from the front of `texts`, and the thread that links joins it —
    /// ``finishEarly(_:)`` — once it needs them).
    final class EarlyPreparation: @unchecked Sendable {
        /// The Arabic sentences whose runs are read first (nil: none are).
        let arabic: [Sentence]?
        /// The linker's word-form memo: the helper's until `runsRead`, then given back once.
        private var memo: ArabicRuns.Memo
        private var runs: ArabicRuns?
        private var memoGivenBack = false
        private let runsRead = DispatchSemaphore(value: 0)
        /// The English part, set once by ``publish(sentences:mentions:gazetteer:names:texts:)``
        /// (the helper waits for it).
        private(set) var sentences: [Sentence] = []
        /// The sentences' gazetteer mentions as found, then as kept beside the names
        /// (``namesBesideGazetteer(_:_:)``), and the names kept.
        private(set) var mentions: [Found] = []
        private(set) var gazetteer: [Found] = []
        private(set) var names: [Found] = []
        private(set) var texts: [String] = []
        private(set) var out = UnsafeMutableBufferPointer<PreparedName?>(start: nil, count: 0)
        private let published = DispatchSemaphore(value: 0)
        let next = Atomic<Int>(0)
        let done = DispatchGroup()
        /// The helper matcher: the helper thread's alone until `done`.
        var helper: NameMatcher

        init(arabic: [Sentence]?, memo: ArabicRuns.Memo, helper: NameMatcher) {
            self.arabic = arabic
            self.memo = memo
            self.helper = helper
        }

        deinit { out.deinitialize().deallocate() }

        /// The helper thread's work: the runs, then the names once published.
        func run(normalizer: Normalizer) {
            if let arabic {
                runs = ArabicRuns(sentences: arabic, maxWords: 4, normalizer: normalizer, memo: &memo) { text, folded in
                    EntityLinker.lightKeys(text, folded, &helper)
                }
                runsRead.signal()
            }
            published.wait()
            work(&helper)
        }

        /// Sets the English names to prepare (once, on the thread that started the job).
        func publish(sentences: [Sentence], mentions: [Found], gazetteer: [Found], names: [Found], texts: [String]) {
            self.sentences = sentences
            self.mentions = mentions
            self.gazetteer = gazetteer
            self.names = names
            self.texts = texts
            out = .allocate(capacity: texts.count)
            out.initialize(repeating: nil)
            published.signal()
        }

        /// Waits for the runs and gives back the memo with them (nil when none were read, or
        /// they were given back already).
        func takeRuns() -> (runs: ArabicRuns, memo: ArabicRuns.Memo)? {
            guard arabic != nil, !memoGivenBack else { return nil }
            runsRead.wait()
            memoGivenBack = true
            defer { runs = nil; memo = ArabicRuns.Memo() }
            return (runs!, memo)
        }

        /// Prepares texts with `m` until none is left.
        func work(_ m: inout NameMatcher) {
            while true {
                let i = next.add(1, ordering: .relaxed).oldValue
                if i >= texts.count { return }
                out[i] = m.prepare(texts[i])
            }
        }
    }

    /// Starts — on a second thread — work that linking the document about to be aligned
    /// will need (``link(english:arabic:enSentences:arSentences:beads:lexiconMentions:)`` with
    /// the same sentences finishes it): reading the runs of the Arabic sentences, if given,
    /// and transliterating the English names, the costly part of linking a document with
    /// new names. It overlaps this thread's finding the English names, matching the
    /// gazetteer and aligning the sentences. The names are those the linking takes: name
    /// spans the gazetteer does not cover. Does nothing with one preparation thread. The
    /// output is the same either way.
    public mutating func beginPreparing(english sentences: [Sentence], arabic: [Sentence]? = nil) {
        if early != nil {
            var m = matcher.take()
            finishEarly(&m)
            matcher = m
        }
        guard preparationThreads > 1, let main = matcher else { return }
        if helper == nil { helper = Self.matcher(model: main.model, normalizer) }
        prepared.trim()
        let job = EarlyPreparation(arabic: arabic, memo: arabic == nil ? ArabicRuns.Memo() : prepared.runs, helper: helper.take()!)
        if arabic != nil { prepared.runs = ArabicRuns.Memo() }  // lent to the job
        early = job
        let normalizer = normalizer
        DispatchQueue.global().async(group: job.done) { job.run(normalizer: normalizer) }
        let mentions = gazetteerMentions(sentences)
        let (gazetteer, names) = Self.namesBesideGazetteer(Self.englishNames(sentences), mentions)
        var texts: [String] = []
        var seen = Set<String>()
        for n in names {
            for t in Self.englishTexts(n.name) where prepared.english[t] == nil && seen.insert(t).inserted {
                texts.append(t)
            }
        }
        job.publish(sentences: sentences, mentions: mentions, gazetteer: gazetteer, names: names, texts: texts)
    }

    /// Joins the early preparation with `main`, waits for the helper thread, and keeps what
    /// was prepared (and the memo it was lent).
    mutating func finishEarly(_ main: inout NameMatcher?) {
        guard let job = early.take() else { return }
        if let (_, memo) = job.takeRuns() { prepared.runs = memo }
        if main != nil { job.work(&main!) }
        job.done.wait()
        for (i, t) in job.texts.enumerated() {
            if let p = job.out[i] { prepared.english[t] = (p, Set(p.keys)) }
        }
        helper = job.helper
    }

    /// The runs of 1–4 words of the Arabic sentences (``ArabicRuns``), with the linker's memo.
    mutating func readRuns(_ sentences: [Sentence], _ nm: inout NameMatcher?) -> ArabicRuns {
        // (Whether there is a matcher is asked once: comparing the optional with nil copies it.)
        let hasMatcher = nm != nil
        return ArabicRuns(sentences: sentences, maxWords: 4, normalizer: normalizer, memo: &prepared.runs) { text, folded in
            hasMatcher ? Self.lightKeys(text, folded, &nm!) : []
        }
    }

    /// A word form's light blocking keys (``NameMatcher/prepare(_:light:)``), an Arabic one's
    /// from its folded text, which the runs have already.
    static func lightKeys(_ text: String, _ folded: String, _ m: inout NameMatcher) -> [String] {
        ArabicNameText.hasArabicLetter(text) ? NameMatcher.lightArabicKeys(folded: folded) : m.prepare(text, light: true).keys
    }

    /// The texts of an English name that are prepared completely: the name, and for a name
    /// of several words its distinctive words (``distinctiveWords(_:)``).
    static func englishTexts(_ name: String) -> [String] {
        [name] + (name.contains(" ") ? distinctiveWords(name) : [])
    }

    /// `texts` prepared completely, in order: on this thread with `main`, and on a second one
    /// with ``helper`` (preparing is a pure function of the text; the matchers' caches only
    /// remember); see ``onBothMatchers(_:_:_:)``.
    mutating func prepareInParallel(_ texts: [String], _ main: inout NameMatcher) -> [PreparedName] {
        if texts.count < 4 { return texts.map { main.prepare($0) } }
        return onBothMatchers(texts.count, &main) { i, m in m.prepare(texts[i]) }
    }

    /// The similarities of English texts and Arabic runs both prepared completely
    /// (``Prepared/english``, ``Prepared/completed``), on this thread with `main` and on a
    /// second one with ``helper`` (as ``prepareInParallel(_:_:)`` shares the texts); nil for
    /// a pair one of whose texts is not prepared. Each is what
    /// ``similarity(_:_:_:_:blocked:)`` gives unblocked.
    mutating func compareInParallel(_ pairs: [Prepared.ScoreKey], _ main: inout NameMatcher) -> [Double?] {
        let english = prepared.english
        let completed = prepared.completed
        @Sendable func compare(_ c: Prepared.ScoreKey, _ m: inout NameMatcher) -> Double? {
            guard let e = english[c.english], let a = completed[UTF8Key(c.arabic)] else { return nil }
            return m.similarity(e.name, a)
        }
        if pairs.count < 8 { return pairs.map { compare($0, &main) } }
        return onBothMatchers(pairs.count, &main) { i, m in compare(pairs[i], &m) }
    }

    /// `work` for items `0 ..< count`, in order: on this thread with `main`, and on a second
    /// one with ``helper``. One takes the items from the front, the other from the back, each
    /// the next one as it finishes one: neighbouring items (runs of the same words, the
    /// comparisons of one name) mostly go to the same matcher, whose caches then know them.
    mutating func onBothMatchers<T>(_ count: Int, _ main: inout NameMatcher,
                                    _ work: @escaping @Sendable (Int, inout NameMatcher) -> T) -> [T] {
        if helper == nil { helper = Self.matcher(model: main.model, normalizer) }
        let out = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        out.initialize(repeating: nil)
        defer { out.deinitialize().deallocate() }
        // The items taken from the front (high 32 bits) and from the back (low 32 bits).
        let taken = Atomic<Int>(0)
        withUnsafeMutablePointer(to: &main) { first in
            withUnsafeMutablePointer(to: &helper!) { second in
                let shared = UncheckedSendable((first, second, out, work))
                DispatchQueue.concurrentPerform(iterations: 2) { t in
                    let (first, second, out, work) = shared.value
                    let m = t == 0 ? first : second
                    var seen = taken.load(ordering: .relaxed)
                    while true {
                        let front = seen >> 32
                        let back = seen & 0xFFFF_FFFF
                        if front + back >= count { break }
                        let claimed = seen + (t == 0 ? 1 << 32 : 1)
                        let (done, now) = taken.compareExchange(expected: seen, desired: claimed, ordering: .relaxed)
                        if !done {
                            seen = now
                            continue
                        }
                        seen = claimed
                        let i = t == 0 ? front : count - 1 - back
                        out[i] = work(i, &m.pointee)
                    }
                }
            }
        }
        return out.map { $0! }
    }

    /// The English name `en` prepared completely (cached).
    static func english(_ en: String, _ cache: inout Prepared, _ matcher: inout NameMatcher) -> (name: PreparedName, keys: Set<String>) {
        if let x = cache.english[en] { return x }
        let p = matcher.prepare(en)
        let e = (p, Set(p.keys))
        cache.english[en] = e
        return e
    }

    /// The similarity of English `en` and Arabic `ar`; with `blocked`, 0 unless they share a
    /// blocking key and, for a run of words, all its words but one share one with `en`
    /// (the costly completion of `ar` is skipped then).
    /// Static, like ``english(_:_:_:)``: called on `self`, it would copy the linker (and so
    /// every cache) to keep `self` unchanged while `cache` — a part of it — changes.
    static func similarity(_ en: String, _ ar: String, _ cache: inout Prepared, _ matcher: inout NameMatcher, blocked: Bool = true) -> Double {
        // A name and a run meet again and again in a document (and across a corpus): the
        // score is remembered (it depends on the two texts alone).
        let memoKey = Prepared.ScoreKey(english: en, arabic: ar, blocked: blocked)
        if let s = cache.scores[memoKey] { return s }
        let s = computeSimilarity(en, ar, &cache, &matcher, blocked: blocked)
        cache.scores[memoKey] = s
        return s
    }

    private static func computeSimilarity(_ en: String, _ ar: String, _ cache: inout Prepared, _ matcher: inout NameMatcher,
                                          blocked: Bool) -> Double {
        let e = Self.english(en, &cache, &matcher)
        let arKey = UTF8Key(ar)
        // Unblocked, only the complete preparation counts.
        if !blocked, let full = cache.completed[arKey] { return matcher.similarity(e.name, full) }
        let a: (name: PreparedName, keys: Set<String>)
        if let x = cache.arabic[arKey] {
            a = x
        } else {
            let p = matcher.prepare(ar, light: true)
            a = (p, Set(p.keys))
            cache.arabic[arKey] = a
        }
        if blocked && e.keys.isDisjoint(with: a.keys) { return 0 }
        // A run of several words is worth completing (transliterating: the costly part) only
        // if all its words but one share a key with the English name (words with no key
        // aside): خليفة حفتر or المشير خليفة حفتر for Khalifa Haftar, not المشير خليفة في.
        if blocked && ar.contains(" ") {
            let wordKeys: [Set<String>]
            if let x = cache.wordKeys[arKey] {
                wordKeys = x
            } else {
                // A word of a run is usually a run of its own too: one preparation serves both.
                var keys: [Set<String>] = []
                for w in ar.split(separator: " ") {
                    let word = UTF8Key(String(w))
                    if let x = cache.arabic[word] {
                        keys.append(x.keys)
                    } else {
                        let p = matcher.prepare(word.text, light: true)
                        cache.arabic[word] = (p, Set(p.keys))
                        keys.append(Set(p.keys))
                    }
                }
                wordKeys = keys
                cache.wordKeys[arKey] = wordKeys
            }
            var misses = 0
            for keys in wordKeys where !keys.isEmpty && e.keys.isDisjoint(with: keys) { misses += 1 }
            if misses > 1 { return 0 }
        }
        let full: PreparedName
        if let x = cache.completed[arKey] {
            full = x
        } else {
            full = matcher.complete(a.name)
            cache.completed[arKey] = full

        }
        return matcher.similarity(e.name, full)
    }

    /// Whether some word of the English name matches the Arabic word in the same position
    /// (Arabic runs are in reading order, as are the English words) at `threshold`.
    static func oneWordMatches(_ english: String, _ arabic: String, threshold: Double, _ prepared: inout Prepared,
                               _ matcher: inout NameMatcher) -> Bool {
        let en = english.split(separator: " ")
        let ar = arabic.split(separator: " ")
        guard en.count == ar.count else { return false }
        for (e, a) in zip(en, ar) where e.count >= 3 {
            if similarity(String(e), String(a), &prepared, &matcher) >= threshold { return true }
        }
        return false
    }

    /// The words of an English name worth matching alone: not short, not a common word of
    /// organization names (Center, University, Medical …).
    static func distinctiveWords(_ name: String) -> [String] {
        name.split(separator: " ").map(String.init).filter { w in
            w.count >= 5 && !Self.commonNameWords.contains(w.lowercased()) && w.first?.isUppercase == true
        }
    }

    static let commonNameWords: Set<String> = [
        "center", "centre", "medical", "university", "college", "school", "hospital", "national", "international",
        "united", "states", "state", "council", "committee", "association", "federation", "union", "company",
        "group", "party", "front", "army", "forces", "ministry", "department", "office", "agency", "bank",
        "court", "house", "assembly", "general", "central", "southern", "northern", "eastern", "western",
        "american", "british", "french", "islamic", "arab", "african", "european", "world", "global", "news",
        "sports", "athletics", "football", "club", "league", "street", "river", "valley", "airport", "station",
        "foundation", "institute", "museum", "church", "mosque", "press", "times", "post", "daily", "radio",
        "television", "network", "county", "city", "province", "region", "district", "republic", "kingdom",
    ]

    /// How Arabic writes an acronym letter by letter (WSMV → دبليو اس ام في), search-folded;
    /// nil unless `name` is 2–6 capital Latin letters (dots allowed).
    static func arabicLetterNames(_ name: String) -> String? {
        let letters = name.unicodeScalars.filter { $0 != "." }
        guard (2...6).contains(letters.count), letters.allSatisfy({ $0.value >= 0x41 && $0.value <= 0x5A }) else { return nil }
        return letters.map { letterNames[Int($0.value - 0x41)] }.joined(separator: " ")
    }

    /// The Arabic names of the Latin letters A–Z, as news writes them (search-folded).
    static let letterNames = [
        "ايه", "بي", "سي", "دي", "اي", "اف", "جي", "اتش", "اي", "جيه", "كيه", "ال", "ام",
        "ان", "او", "بي", "كيو", "ار", "اس", "تي", "يو", "في", "دبليو", "اكس", "واي", "زد",
    ]

    /// Arabic letters that can spell the first sound of a Latin name starting with each letter
    /// (generous: a filter, not a judgment).
    static let firstSounds: [Character: Set<Unicode.Scalar>] = {
        let vowels: Set<Unicode.Scalar> = ["\u{0627}", "\u{0639}", "\u{064A}", "\u{0648}", "\u{0647}", "\u{0621}"]
        let k: Set<Unicode.Scalar> = ["\u{0643}", "\u{0642}", "\u{063A}", "\u{062C}", "\u{062E}", "\u{06AF}", "\u{0634}", "\u{0633}"]
        let s: Set<Unicode.Scalar> = ["\u{0633}", "\u{0635}", "\u{0632}", "\u{0634}", "\u{062B}", "\u{0638}", "\u{062A}"]
        let t: Set<Unicode.Scalar> = ["\u{062A}", "\u{0637}", "\u{062F}", "\u{0636}", "\u{062B}", "\u{0630}", "\u{0638}"]
        let b: Set<Unicode.Scalar> = ["\u{0628}", "\u{067E}", "\u{0641}", "\u{06A4}"]
        var m: [Character: Set<Unicode.Scalar>] = [:]
        for c in "aeiouy" { m[c] = vowels }
        for c in "bpvf" { m[c] = b }
        for c in "td" { m[c] = t }
        for c in "szx" { m[c] = s.union(k) }
        m["c"] = s.union(k)
        for c in "kqg" { m[c] = k }
        m["j"] = ["\u{062C}", "\u{064A}", "\u{0647}", "\u{062F}", "\u{0632}"]
        m["h"] = ["\u{0647}", "\u{062D}", "\u{062E}", "\u{0627}", "\u{0639}"]
        m["m"] = ["\u{0645}"]
        m["n"] = ["\u{0646}"]
        m["l"] = ["\u{0644}"]
        m["r"] = ["\u{0631}"]
        m["w"] = ["\u{0648}", "\u{0641}", "\u{06A4}"]
        return m
    }()

    /// The Arabic letters the sound that starts `latin` may be written with (``ArabicRuns/mayStart(_:_:with:)``);
    /// nil when any may.
    static func firstSounds(of latin: String) -> Set<Unicode.Scalar>? {
        guard let l = latin.lowercased().first(where: { $0.isLetter }) else { return nil }
        return firstSounds[l]
    }

    // MARK: - Folding

    static func fold(_ s: String) -> String {
        var out = ""
        for u in s.lowercased().unicodeScalars {
            if UnicodeTables.properties(of: u.value).isAlphabetic || u.properties.numericType != nil { out.unicodeScalars.append(u) } else if !out.hasSuffix(" ") { out += " " }
        }
        return out.trimmingCharacters(" ")
    }

    static func foldArabic(_ s: String, _ n: Normalizer) -> String { n.normalize(s) }

    /// "haftar" is a surname of "khalifa haftar": its words end the other's, and it is shorter.
    static func isSuffixName(_ short: String, of long: String) -> Bool {
        isSuffixName(short.split(separator: " "), of: long.split(separator: " "))
    }

    static func isSuffixName(_ a: [Substring], of b: [Substring]) -> Bool {
        guard !a.isEmpty, a.count < b.count else { return false }
        return b.suffix(a.count).elementsEqual(a) && a.last!.count >= 3
    }
}

extension String {
    func trimmingCharacters(_ c: Character) -> String {
        var s = Substring(self)
        while s.first == c { s = s.dropFirst() }
        while s.last == c { s = s.dropLast() }
        return String(s)
    }
}
