// CanonMentions.swift — the name mentions `bitext canon` counts and rewrites.
import BitextAlign
import BitextCore
import BitextLexicon
import BitextNormalize

/// A name mentioned in a document: scalar offsets, the text, and the lexicon entity when the
/// gazetteer knows it.
public struct CanonMention: Equatable, Sendable {
    public var start: Int
    public var end: Int
    public var text: String
    public var isArabic: Bool
    /// Index of the gazetteer entity, or nil for a name in no lexicon.
    public var entity: Int?
    /// One capitalized word starting a sentence (a name only if seen capitalized elsewhere).
    public var sentenceInitialWord = false

    public init(start: Int, end: Int, text: String, isArabic: Bool, entity: Int?, sentenceInitialWord: Bool = false) {
        self.start = start
        self.end = end
        self.text = text
        self.isArabic = isArabic
        self.entity = entity
        self.sentenceInitialWord = sentenceInitialWord
    }
}

/// Finds the names of a document in either language: lexicon entities (demonyms aside: a
/// demonym is not a spelling of its country), English name spans, and Arabic names a title
/// introduces. A longer name wins over a lexicon match inside it (Elizabeth Warren, not the
/// town of Warren). Keeps scratch state: one per thread.
///
///     let f = MentionFinder(gazetteer: g, normalizer: n)
///     f.mentions(in: "Gen. Khalifa Haftar met envoys in Benghazi.").map(\.text)
///     // ["Khalifa Haftar", "Benghazi"]
public final class MentionFinder {
    let searcher: GazetteerSearcher?
    let titled: ArabicTitledNames
    let english = EnglishNameSpans()

    let fold: @Sendable (String) -> String

    public init(gazetteer: Gazetteer?, normalizer: Normalizer) {
        searcher = gazetteer.map { GazetteerSearcher(gazetteer: $0) }
        fold = { normalizer.normalize($0) }
        titled = ArabicTitledNames(fold: fold)
    }

    public func mentions(in text: String) -> [CanonMention] {
        var hasArabic = false
        var hasLatin = false
        for u in text.unicodeScalars {
            let v = u.value
            if v >= 0x0600 && v <= 0x06FF { hasArabic = true } else if (v | 0x20) >= 0x61 && (v | 0x20) <= 0x7A { hasLatin = true }
            if hasArabic && hasLatin { break }
        }
        if !hasArabic && !hasLatin && searcher == nil { return [] }
        let scalars = Array(text.unicodeScalars)
        var lexicon: [CanonMention] = []
        var demonyms: [(start: Int, end: Int)] = []
        if let searcher {
            for m in searcher.find(in: text) {
                if m.viaDemonym { demonyms.append((m.start, m.end)); continue }
                // The titles a lexicon spelling may carry are not part of the name.
                let entity = searcher.candidates(of: m).first.map { Int($0) }
                let start = MentionTitles.nameStart(of: m, in: scalars, searcher: searcher, fold: fold)
                let t = String(scalars: scalars[start..<m.end])
                lexicon.append(CanonMention(start: start, end: m.end, text: t, isArabic: Self.isArabic(t), entity: entity))
            }
        }
        var names: [CanonMention] = []
        if hasLatin {
            for s in english.spans(in: scalars) {
                names.append(CanonMention(start: s.start, end: s.end, text: s.text, isArabic: false, entity: nil,
                                          sentenceInitialWord: s.onlyCapitalizedBySentence))
            }
        }
        if hasArabic {
            for s in titled.spans(in: scalars) {
                names.append(CanonMention(start: s.start, end: s.end, text: s.text, isArabic: true, entity: nil))
            }
        }
        // A name longer than the lexicon match inside it is the name; one the lexicon
        // covers is the lexicon's. (Sweeps, not a scan per mention: a document may be one
        // huge line with a hundred thousand of each.)
        let inside = Self.insideLonger(lexicon, names)
        lexicon = lexicon.indices.filter { !inside[$0] }.map { lexicon[$0] }
        let overlapping = Self.overlapping(names, lexicon)
        // A capitalized demonym on its own ("Libyan officials") is an adjective, not a name.
        let demonymSpans = Set(demonyms.map { Span(start: $0.start, end: $0.end) })
        names = names.indices.filter { !overlapping[$0] && !demonymSpans.contains(Span(start: names[$0].start, end: names[$0].end)) }
            .map { names[$0] }
        return (lexicon + names).sorted { $0.start < $1.start }
    }

    struct Span: Hashable {
        var start: Int
        var end: Int
    }

    /// For each of `inner`, whether one of `outer` contains it and is longer.
    static func insideLonger(_ inner: [CanonMention], _ outer: [CanonMention]) -> [Bool] {
        let outs = outer.sorted { $0.start < $1.start }
        var out = [Bool](repeating: false, count: inner.count)
        var k = 0
        var maxEndBefore = Int.min  // the outer spans starting before the inner one
        for i in inner.indices.sorted(by: { inner[$0].start < inner[$1].start }) {
            let m = inner[i]
            while k < outs.count && outs[k].start < m.start {
                maxEndBefore = max(maxEndBefore, outs[k].end)
                k += 1
            }
            var longer = maxEndBefore >= m.end
            var j = k
            while !longer && j < outs.count && outs[j].start == m.start {
                longer = outs[j].end > m.end
                j += 1
            }
            out[i] = longer
        }
        return out
    }

    /// For each of `spans`, whether it overlaps one of `others`.
    static func overlapping(_ spans: [CanonMention], _ others: [CanonMention]) -> [Bool] {
        let os = others.sorted { $0.start < $1.start }
        // The furthest end among the first k others.
        var maxEnd = [Int](repeating: Int.min, count: os.count + 1)
        for (k, o) in os.enumerated() { maxEnd[k + 1] = max(maxEnd[k], o.end) }
        return spans.map { s in
            // The others that start before `s` ends; one of them overlaps if it ends after `s` starts.
            var lo = 0, hi = os.count
            while lo < hi {
                let mid = (lo + hi) >> 1
                if os[mid].start < s.end { lo = mid + 1 } else { hi = mid }
            }
            return maxEnd[lo] > s.start
        }
    }

    static func isArabic(_ s: String) -> Bool {
        s.unicodeScalars.contains { $0.value >= 0x0600 && $0.value <= 0x06FF }
    }
}
