// Canonicalizer.swift — one spelling per entity, and the variants that map to it.
import BitextCore
import BitextLexicon
import BitextNames
import Dispatch

/// An entity seen in a corpus, with every spelling of it and how each is rewritten.
public struct CanonEntity: Sendable {
    public struct Variant: Sendable, Equatable {
        public var text: String
        public var isArabic: Bool
        public var count: Int
        /// The spelling a rewrite puts in its place (nil: it stays).
        public var canonical: String?
    }

    /// The lexicon id, or nil for a name grouped by its spellings alone.
    public var entity: String?
    /// The gazetteer's index of the entity (with ``entity``).
    public var entityIndex: Int?
    public var type: String
    public var canonicalEnglish: String?
    public var canonicalArabic: String?
    public var variants: [Variant]
    public var mentions: Int { variants.reduce(0) { $0 + $1.count } }
}

/// Groups the spellings of a ``SpellingTable`` into entities — lexicon entities by id, other
/// names by cross-script clustering — and picks a canonical spelling for each.
///
/// A spelling is rewritten only into a canonical spelling of the same script and the same
/// number of words, and only when it is a spelling of the same name (not an alias such as
/// *Daesh*): *Gadhafi* → *Gaddafi* and *Moammar Gadhafi* → *Muammar Gaddafi*, but never
/// *Gaddafi* → *Muammar Gaddafi*. For a lexicon entity the canonical spellings are the
/// lexicon's (a one-word spelling maps to the canonical name's last word when it is a
/// spelling of it); for other names, the commonest spelling of each length in the cluster.
public struct Canonicalizer {
    public var matcher: NameMatcher
    public var clusterer = NameClusterer()
    /// Lowest similarity for a one-word spelling to count as a spelling of the canonical
    /// name's last word.
    public var surnameThreshold = 0.8
    /// Lowest similarity for a spelling to be rewritten into the lexicon's canonical spelling.
    public var spellingThreshold = 0.7
    /// Lowest similarity for a cluster of names to join a lexicon entity seen in the corpus.
    public var lexiconJoinThreshold = 0.72

    /// Threads for preparing names and for joining them to lexicon entities; the result
    /// never depends on it.
    public var jobs = 1

    public init(matcher: NameMatcher) { self.matcher = matcher }

    /// Runs `body(i, matcher, state)` for every i in 0..<n on up to `jobs` threads, each with
    /// its own copy of the matcher (its caches only remember: results do not depend on them)
    /// and its own `state` from `makeState`.
    mutating func parallel<T, S>(_ n: Int, state makeState: () -> S, _ body: (Int, inout NameMatcher, inout S) -> T) -> [T] {
        let parts = max(1, min(jobs, n / 64))
        if parts == 1 {
            var m = matcher
            var st = makeState()
            let out = (0..<n).map { body($0, &m, &st) }
            matcher = m
            return out
        }
        let out = UnsafeMutableBufferPointer<T?>.allocate(capacity: n)
        out.initialize(repeating: nil)
        defer { out.deallocate() }
        let shared = UncheckedSendable(out)
        let base = UncheckedSendable(matcher)
        withoutActuallyEscaping(body) { body in
            withoutActuallyEscaping(makeState) { makeState in
                let work = UncheckedSendable((body, makeState))
                DispatchQueue.concurrentPerform(iterations: parts) { p in
                    var m = base.value
                    var st = work.value.1()
                    for i in stride(from: p, to: n, by: parts) { shared.value[i] = work.value.0(i, &m, &st) }
                }
            }
        }
        return out.map { $0! }
    }

    var preparedCache: [String: PreparedName] = [:]

    /// A name prepared for comparisons: an Arabic name completely (its Latin spellings give
    /// it the keys that block it with Latin names, once), a Latin name lightly (its
    /// similarity to any name needs no more).
    mutating func prepared(_ name: String) -> PreparedName {
        if let p = preparedCache[name] { return p }
        let p = matcher.prepare(name, light: !ArabicNameText.hasArabicLetter(name))
        preparedCache[name] = p
        return p
    }

    mutating func similarity(_ a: String, _ b: String) -> Double {
        let pa = prepared(a)
        return matcher.similarity(pa, prepared(b))
    }

    public mutating func entities(_ table: SpellingTable, gazetteer: Gazetteer?) -> [CanonEntity] {
        var byEntity: [Int32: [(SpellingTable.Key, Int)]] = [:]
        var names: [(SpellingTable.Key, Int)] = []
        for (k, v) in table.counts {
            if k.entity >= 0 {
                byEntity[k.entity, default: []].append((k, v))
            } else if !table.onlySentenceInitial(k) {
                names.append((k, v))
            }
        }
        var out: [CanonEntity] = []
        // Lexicon entities.
        for (e, spellings) in byEntity {
            guard let g = gazetteer else { break }
            let store = g.entities
            let en = store.english(Int(e))
            let ar = store.arabic(Int(e))
            var variants: [CanonEntity.Variant] = []
            for (k, count) in spellings {
                let target = k.isArabic ? ar : en
                variants.append(.init(text: k.text, isArabic: k.isArabic, count: count,
                                      canonical: target.flatMap { lexiconTarget(k.text, canonical: $0) }))
            }
            out.append(CanonEntity(entity: store.id(Int(e)), entityIndex: Int(e), type: store.type(Int(e)).description,
                                   canonicalEnglish: en, canonicalArabic: ar, variants: Self.sorted(variants)))
        }
        // Names in no lexicon: cluster across scripts.
        names.sort { SpellingTable.Key.textOrder($0.0.text, $1.0.text) }
        if !names.isEmpty {
            let missing = names.indices.filter { preparedCache[names[$0].0.text] == nil }
            let made = parallel(missing.count, state: { () }) { k, m, _ in
                m.prepare(names[missing[k]].0.text, light: !ArabicNameText.hasArabicLetter(names[missing[k]].0.text))
            }
            for (k, p) in zip(missing, made) { preparedCache[names[k].0.text] = p }
            let prepared = names.map { self.prepared($0.0.text) }
            var clusterer = self.clusterer
            clusterer.jobs = jobs
            let clustering = clusterer.cluster(prepared, matcher: &matcher)
            var members: [Int: [Int]] = [:]
            for (i, c) in clustering.assignments.enumerated() { members[c, default: []].append(i) }
            // A cluster whose spellings are a lexicon entity's (seen in the corpus) joins it:
            // "Mohammed al-Mnifi" with Mohamed al-Menfi / محمد المنفي.
            var lexiconNames: [(entity: Int, name: String)] = []
            if let g = gazetteer {
                for e in byEntity.keys.sorted() {
                    for n in [g.entities.english(Int(e)), g.entities.arabic(Int(e))] { if let n { lexiconNames.append((Int(e), n)) } }
                }
            }
            // Spellings meet lexicon names of their own script, letter for letter: light
            // preparations (an Arabic name's guessed Latin spellings would let كعب join قبة).
            let lexiconPrepared = lexiconNames.map { matcher.prepare($0.name, light: true) }
            let index = NameIndex(candidates: lexiconPrepared)
            // Each spelling decides for itself (a cluster may hold a wrong member).
            var positionOfEntity: [Int: Int] = [:]
            for (p, e) in out.enumerated() { if let i = e.entityIndex { positionOfEntity[i] = p } }
            if !lexiconNames.isEmpty {
                // The index shortlists; the similarity of the two names decides (each
                // spelling on its own, so on all threads).
                let joins: [(Int, Double)?] = parallel(names.count, state: { index.searcher() }) { i, m, searcher in
                    let query = names[i].0.isArabic ? m.prepare(names[i].0.text, light: true) : prepared[i]
                    let hits = searcher.search(query, top: 3, matcher: &m)
                    return hits.filter { lexiconPrepared[$0.index].isArabic == query.isArabic }
                        .map { ($0.index, m.similarity(query, lexiconPrepared[$0.index])) }
                        .max { $0.1 < $1.1 }
                }
                for (c, ids) in members {
                    var keep: [Int] = []
                    for i in ids {
                        guard let h = joins[i], h.1 >= lexiconJoinThreshold, let p = positionOfEntity[lexiconNames[h.0].entity] else {
                            keep.append(i)
                            continue
                        }
                        let (k, count) = names[i]
                        let e = out[p]
                        let target = k.isArabic ? e.canonicalArabic : e.canonicalEnglish
                        out[p].variants.append(.init(text: k.text, isArabic: k.isArabic, count: count,
                                                     canonical: target.flatMap { lexiconTarget(k.text, canonical: $0) }))
                    }
                    members[c] = keep.isEmpty ? nil : keep
                }
                for p in out.indices { out[p].variants = Self.sorted(out[p].variants) }
            }
            for (_, ids) in members.sorted(by: { $0.key < $1.key }) {
                // The commonest spelling of each script and length is canonical.
                var best: [String: (text: String, count: Int)] = [:]
                for i in ids {
                    let (k, count) = names[i]
                    let shape = (k.isArabic ? "ar" : "en") + String(Self.wordCount(k.text))
                    if let b = best[shape], b.count > count || (b.count == count && !SpellingTable.Key.textOrder(k.text, b.text)) { continue }
                    best[shape] = (k.text, count)
                }
                var variants: [CanonEntity.Variant] = []
                for i in ids {
                    let (k, count) = names[i]
                    let target = best[(k.isArabic ? "ar" : "en") + String(Self.wordCount(k.text))]!.text
                    variants.append(.init(text: k.text, isArabic: k.isArabic, count: count, canonical: target == k.text ? nil : target))
                }
                // The entity's name: the commonest of its longest spellings, per script.
                func display(_ arabic: Bool) -> String? {
                    let v = variants.filter { $0.isArabic == arabic }
                    let longest = v.map { Self.wordCount($0.text) }.max() ?? 0
                    return v.filter { Self.wordCount($0.text) == longest }.max { $0.count != $1.count ? $0.count < $1.count : SpellingTable.Key.textOrder($1.text, $0.text) }?.text
                }
                let en = display(false)
                out.append(CanonEntity(entity: nil, entityIndex: nil, type: (en.map { Self.wordCount($0) } ?? 1) >= 2 ? "person" : "name",
                                       canonicalEnglish: en, canonicalArabic: display(true), variants: Self.sorted(variants)))
            }
        }
        return out.sorted { a, b in
            if a.mentions != b.mentions { return a.mentions > b.mentions }
            let na = a.canonicalEnglish ?? a.canonicalArabic ?? "", nb = b.canonicalEnglish ?? b.canonicalArabic ?? ""
            if na != nb || !na.utf8.elementsEqual(nb.utf8) { return SpellingTable.Key.textOrder(na, nb) }
            if a.entity != b.entity { return (a.entity ?? "") < (b.entity ?? "") }
            return SpellingTable.Key.textOrder(a.variants.first?.text ?? "", b.variants.first?.text ?? "")
        }
    }

    /// Where a lexicon entity's spelling is rewritten to, if anywhere.
    mutating func lexiconTarget(_ text: String, canonical: String) -> String? {
        if text == canonical { return nil }
        let n = Self.wordCount(text)
        let c = Self.wordCount(canonical)
        // Only a spelling of the same name is rewritten, not an alias (Daesh, ISIS) or a
        // stray variant of the data.
        if n == c { return similarity(text, canonical) >= spellingThreshold ? canonical : nil }
        if n == 1 && c > 1, let last = canonical.split(separator: " ").last.map(String.init), last != text,
           similarity(text, last) >= surnameThreshold
        {
            return last
        }
        return nil
    }

    static func wordCount(_ s: String) -> Int { s.split(whereSeparator: { $0 == " " || $0 == "-" }).count }

    static func sorted(_ v: [CanonEntity.Variant]) -> [CanonEntity.Variant] {
        v.sorted { $0.count != $1.count ? $0.count > $1.count : SpellingTable.Key.textOrder($0.text, $1.text) }
    }

    /// The rewrite of each spelling, for ``rewrite(_:mentions:map:)``.
    public static func rewriteMap(_ entities: [CanonEntity]) -> [SpellingTable.Key: String] {
        var out: [SpellingTable.Key: String] = [:]
        for e in entities {
            let key = Int32(e.entityIndex ?? -1)
            for v in e.variants {
                if let c = v.canonical { out[SpellingTable.Key(entity: key, text: v.text, isArabic: v.isArabic)] = c }
            }
        }
        return out
    }

    /// `text` with each mention whose spelling has a rewrite replaced by it; nothing else changes.
    public static func rewrite(_ text: String, mentions: [CanonMention], map: [SpellingTable.Key: String]) -> String? {
        var pieces: [(Range<Int>, String)] = []
        for m in mentions {
            if let c = map[SpellingTable.Key(entity: Int32(m.entity ?? -1), text: m.text, isArabic: m.isArabic)] {
                pieces.append((m.start..<m.end, c))
            }
        }
        if pieces.isEmpty { return nil }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var pos = 0
        for (r, c) in pieces where r.lowerBound >= pos {
            out.append(contentsOf: scalars[pos..<r.lowerBound])
            out.append(contentsOf: c.unicodeScalars)
            pos = r.upperBound
        }
        out.append(contentsOf: scalars[pos...])
        return String(out)
    }
}
