// NameTransliterator.swift — names in Arabic script to Latin as the news writes them, and back.
import BitextCore

/// One spelling of a name, with its score in [0, 1] and where it came from.
public struct NameVariant: Sendable, Equatable, CustomStringConvertible {
    /// Where a variant came from.
    public enum Source: String, Sendable {
        /// The name model (attested spellings of the name's words and the character model).
        case model
        /// A lexicon of known names consulted first (``KnownNameSpellings``).
        case lexicon
    }

    /// The spelling (`Gaddafi`, `القذافي`).
    public var text: String
    /// How likely it is, in [0, 1] (a share of the probability over spellings; lexicon
    /// variants from 1 down).
    public var score: Double
    /// Where it came from.
    public var source: Source

    /// A variant.
    public init(text: String, score: Double, source: Source = .model) {
        self.text = text
        self.score = score
        self.source = source
    }

    /// `Gaddafi (0.49)`.
    public var description: String { "\(text) (\(score))" }
}

/// Known spellings of whole names (places, people) that override the model: the hook a
/// gazetteer plugs into, so that `بنغازي` gives the lexicon's "Benghazi" first.
///
///     struct Places: KnownNameSpellings {
///         func latinSpellings(ofArabic name: String) -> [String] { name == "بنغازي" ? ["Benghazi"] : [] }
///         func arabicSpellings(ofLatin name: String) -> [String] { name == "Benghazi" ? ["بنغازي"] : [] }
///     }
///     var t = NameTransliterator(model: model, known: Places())
///     t.latin(for: "بنغازي").first   // Benghazi, source .lexicon
public protocol KnownNameSpellings: Sendable {
    /// Latin spellings of an Arabic name (search-normalized), best first; empty if unknown.
    func latinSpellings(ofArabic name: String) -> [String]
    /// Arabic spellings of a Latin name (as written), best first; empty if unknown.
    func arabicSpellings(ofLatin name: String) -> [String]
}

/// Which spelling convention to prefer.
public enum NameConvention: String, Sendable, CaseIterable {
    /// Whatever the name's own country writes (the model infers it from the name).
    case automatic
    /// French convention, as the Maghreb press writes (Kadhafi, Chérif, Bouteflika, Djamel).
    case french
}

/// Transliterates names with a ``NameModel``: Arabic script → Latin spellings as the news
/// writes them, ranked, and Latin → Arabic.
///
/// Arabic → Latin: the name is cut into units (words, and compounds such as `عبد الله`
/// the lexicon knows); the country whose conventions the name follows is inferred from its
/// words (a latent variable: Egyptian names take "El-" and "g", Maghreb names "ou" and
/// "ch"); each unit's spelling distribution comes from its attested spellings in that
/// country, smoothed with spellings built from parts (the article ال with sun-letter
/// assimilation, `عبد` + name) and the character model; the K best combinations are summed
/// over countries.
///
/// Input must be search-normalized (`Normalizer(profile: .search)`); the `BitextTranslit`
/// module does that for you.
///
///     var t = NameTransliterator(model: .embedded!)
///     t.latin(for: "معمر القذافي", variants: 3)
///     // [Muammar Kadhafi (0.24), Muammar Gaddafi (0.223), Maamar Kadhafi (0.07)]
///     t.arabic(for: "Gaddafi", variants: 1)   // [القذافي (0.8421)]
///
/// Not thread-safe (it keeps caches and scratch buffers): one per thread.
public struct NameTransliterator {
    /// The model.
    public let model: NameModel
    /// Known spellings consulted before the model (a gazetteer), if any.
    public var known: (any KnownNameSpellings)?
    /// The spelling convention preferred.
    public var convention: NameConvention

    /// Tuning knobs (defaults chosen on a validation split of the training data).
    public struct Parameters: Sendable {
        /// Regions (countries) whose K best are summed.
        public var regions = 5
        /// Weight of a unit's spellings over all countries when scoring within one country.
        public var regionSmoothing = 1.0
        /// Weight of spellings built from parts / the character model for a known unit.
        public var backoffWeight = 1.0
        /// Units seen at least this often skip the backoff (it would change nothing).
        public var backoffBelow = 20.0
        /// Spellings kept per unit.
        public var perUnit = 8
        public init() {}
    }

    /// The tuning knobs.
    public var parameters = Parameters()
    var decoder: GraphoneDecoder
    var latinCache: [[UInt32]: [GraphoneCandidate]] = [:]
    var arabicCache: [[UInt8]: [GraphoneCandidate]] = [:]
    let maghreb: [Int]

    /// A transliterator over `model`, with known spellings consulted first if given.
    public init(model: NameModel, known: (any KnownNameSpellings)? = nil, convention: NameConvention = .automatic) {
        self.model = model
        self.known = known
        self.convention = convention
        decoder = GraphoneDecoder(model: model)
        maghreb = ["DZ", "MA", "TN", "MR", "DJ", "KM"].compactMap { model.regionIndex($0) }
    }

    // MARK: - Arabic → Latin

    /// The `variants` most likely Latin spellings of a (search-normalized) Arabic name.
    ///
    /// - Complexity: O(words × spellings) for known words; the character model costs
    ///   O(letters × beam × graphones) per unknown word (cached).
    public mutating func latin(for name: String, variants k: Int = 5) -> [NameVariant] {
        guard k > 0 else { return [] }
        var out: [NameVariant] = []
        if let known {
            let spellings = known.latinSpellings(ofArabic: name)
            for (i, s) in spellings.prefix(k).enumerated() {
                out.append(NameVariant(text: s, score: max(0.5, 1.0 - 0.05 * Double(i)), source: .lexicon))
            }
            if out.count >= k { return out }
        }
        let model = modelLatin(name, k: k)
        var seen = Set(out.map { LatinFolding.identity($0.text) })
        let scale = out.isEmpty ? 1.0 : 0.5
        for v in model where out.count < k {
            if seen.insert(LatinFolding.identity(v.text)).inserted {
                out.append(NameVariant(text: v.text, score: v.score * scale, source: .model))
            }
        }
        return out
    }

    struct Unit {
        var words: [[UInt32]]
        var index: Int?  // lexicon unit
        var isArabic: Bool
        var text: String
    }

    func units(of name: String) -> [Unit] {
        let words = ArabicNameText.words(name)
        let texts = words.map(\.text)
        var out: [Unit] = []
        var i = 0
        while i < words.count {
            if !words[i].isArabic {
                out.append(Unit(words: [words[i].scalars], index: nil, isArabic: false, text: texts[i]))
                i += 1
                continue
            }
            var taken = false
            var text = texts[i]
            let (single, startsCompound) = text.withUTF8 { model.unitLookup(utf8: UnsafeRawBufferPointer($0)) }
            for d in stride(from: 3, through: 2, by: -1) where startsCompound && i + d <= words.count {
                if !words[i..<(i + d)].allSatisfy(\.isArabic) { continue }
                let text = texts[i..<(i + d)].joined(separator: " ")
                if let idx = model.unitIndex(of: text) {
                    out.append(Unit(words: words[i..<(i + d)].map(\.scalars), index: idx, isArabic: true, text: text))
                    i += d
                    taken = true
                    break
                }
            }
            if taken { continue }
            let w = words[i].scalars
            if (w == ArabicNameText.abd || w == ArabicNameText.al) && i + 1 < words.count && words[i + 1].isArabic {
                let text = texts[i] + " " + texts[i + 1]
                out.append(Unit(words: [w, words[i + 1].scalars], index: model.unitIndex(of: text), isArabic: true, text: text))
                i += 2
                continue
            }
            out.append(Unit(words: [w], index: single, isArabic: true, text: texts[i]))
            i += 1
        }
        return out
    }

    /// A spelling candidate: identity (for merging), display, probability.
    struct Cand {
        var identity: String
        var display: String
        var p: Double
    }

    mutating func modelLatin(_ name: String, k: Int) -> [NameVariant] {
        let us = units(of: name)
        if us.isEmpty { return [] }
        let regs = regionPosterior(us)
        var agg: [String: (display: String, p: Double, order: Int)] = [:]
        var order = 0
        // When no unit's spellings depend on the region (unknown words the character model
        // spells), every region combines the same lists: combine them once.
        let regionFree = us.allSatisfy { !$0.isArabic || Self.isRegionFree($0) }
        var shared: [(p: Double, identity: String, display: String)]? = nil
        for (r, pr) in regs where pr >= 0.005 {
            let combos: [(p: Double, identity: String, display: String)]
            if let shared {
                combos = shared
            } else {
                combos = combinations(us, region: r, k: k)
                if regionFree { shared = combos }
            }
            for c in combos {
                if let e = agg[c.identity] {
                    agg[c.identity] = (e.display, e.p + pr * c.p, e.order)
                } else {
                    agg[c.identity] = (c.display, pr * c.p, order)
                    order += 1
                }
            }
        }
        var out = agg.values.map { (NameVariant(text: $0.display, score: min(1, $0.p)), $0.order) }
        out.sort { $0.0.score > $1.0.score || ($0.0.score == $1.0.score && $0.1 < $1.1) }
        return out.prefix(k).map(\.0)
    }

    /// The `2k` best spellings of a whole name in one region, by the product of its units'
    /// spelling probabilities, best first (empty spellings left out).
    mutating func combinations(_ us: [Unit], region r: Int, k: Int) -> [(p: Double, identity: String, display: String)] {
        var lists: [[Cand]] = []
        for u in us {
            let cs = unitCandidates(u, region: r)
            if !cs.isEmpty { lists.append(cs) }
        }
        if lists.isEmpty { return [] }
        // K best combinations, by index (strings are built only for the survivors);
        // a choice packs 4 bits per unit, so names of more than 16 units keep the best
        // spelling of the rest
        if lists.count > 16 {
            var head = Array(lists.prefix(15))
            let tail = lists.dropFirst(15).map { $0[0] }
            head.append([Cand(identity: tail.map(\.identity).joined(separator: " "),
                              display: tail.map(\.display).joined(separator: " "),
                              p: tail.reduce(1) { $0 * $1.p })])
            lists = head
        }
        var beam: [(p: Double, choice: UInt64)] = [(1, 0)]
        var next: [(p: Double, choice: UInt64)] = []
        for (u, list) in lists.enumerated() {
            next.removeAll(keepingCapacity: true)
            for b in beam {
                for (ci, c) in list.prefix(16).enumerated() { next.append((b.p * c.p, b.choice | UInt64(ci) << (4 * u))) }
            }
            Self.keepBest(&next, 2 * k)
            swap(&beam, &next)
        }
        var out: [(p: Double, identity: String, display: String)] = []
        out.reserveCapacity(beam.count)
        for b in beam {
            var identity = ""
            var display = ""
            for u in lists.indices {
                let c = lists[u][Int((b.choice >> (4 * u)) & 0xF)]
                if !identity.isEmpty {
                    identity += " "
                    display += " "
                }
                identity += c.identity
                display += c.display
            }
            if !identity.isEmpty { out.append((b.p, identity, display)) }
        }
        return out
    }

    /// True when a unit's spellings are the same in every region: an unknown word without
    /// the article, which the character model spells.
    static func isRegionFree(_ u: Unit) -> Bool {
        u.index == nil && u.words.count == 1 && !ArabicNameText.hasArticle(u.words[0])
    }

    /// Keeps the `n` best of `xs` (higher p first, then lower choice), in that order: a
    /// partial selection, then a sort of the few kept.
    static func keepBest(_ xs: inout [(p: Double, choice: UInt64)], _ n: Int) {
        @inline(__always) func before(_ a: (p: Double, choice: UInt64), _ b: (p: Double, choice: UInt64)) -> Bool {
            a.p > b.p || (a.p == b.p && a.choice < b.choice)
        }
        if xs.count > 2 * n {
            // Quickselect on the order: the n best end up in front, in some order.
            var lo = 0, hi = xs.count - 1
            while lo < hi {
                let pivot = xs[(lo + hi) >> 1]
                var i = lo, j = hi
                while i <= j {
                    while before(xs[i], pivot) { i += 1 }
                    while before(pivot, xs[j]) { j -= 1 }
                    if i <= j {
                        xs.swapAt(i, j)
                        i += 1
                        j -= 1
                    }
                }
                if n - 1 <= j { hi = j } else if n - 1 >= i { lo = i } else { break }
            }
            xs.removeLast(xs.count - n)
        }
        xs.sort(by: before)
        if xs.count > n { xs.removeLast(xs.count - n) }
    }

    /// The most likely regions (countries) for a name and their posterior probabilities.
    func regionPosterior(_ us: [Unit]) -> [(Int, Double)] {
        let m = model
        let R = m.regionCount
        var allowed = Array(0..<R)
        if convention == .french && !maghreb.isEmpty { allowed = maghreb }
        var lp = [Double](repeating: 0, count: R)
        for r in allowed { lp[r] = log(m.regionTotals[r] + 1) }
        var counts = [Double](repeating: 0, count: R)
        for u in us {
            guard let i = u.index else { continue }
            for r in 0..<R { counts[r] = 0 }
            let tot = m.addUnitRegionCounts(i, into: &counts)
            let prior = 0.5 * tot / m.grandTotal
            for r in allowed {
                lp[r] += log((counts[r] + prior) / (m.regionTotals[r] + 0.5) + 1e-12)
            }
        }
        let best = allowed.map { lp[$0] }.max() ?? 0
        var post = allowed.map { ($0, exp(lp[$0] - best)) }
        let z = post.reduce(0) { $0 + $1.1 }
        post = post.map { ($0.0, $0.1 / z) }
        post.sort { $0.1 > $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }
        return Array(post.prefix(parameters.regions))
    }

    /// A lexicon spelling with its counts, as unit candidates need it.
    struct Row {
        var display: String
        var identity: String
        var total: Double
        var regions: [(region: Int, count: Double)]
    }

    var rowCache: [Int: [Row]] = [:]
    var candidateCache: [CandidateKey: [Cand]] = [:]

    /// A unit's text (hashed by its bytes) and a region.
    struct CandidateKey: Hashable {
        var text: UTF8Key
        /// -1 when the candidates do not depend on the region.
        var region: Int
    }

    mutating func rows(_ idx: Int) -> [Row] {
        if let r = rowCache[idx] { return r }
        let m = model
        var out: [Row] = []
        for s in m.spellingRange(ofUnit: idx) {
            let d = m.spellingDisplay(s)
            out.append(Row(display: d, identity: LatinFolding.identity(d), total: m.spellingCounts(s, region: -1).total,
                           regions: m.spellingRegionCounts(s)))
        }
        if rowCache.count > 100_000 { rowCache.removeAll(keepingCapacity: true) }
        rowCache[idx] = out
        return out
    }

    /// Spelling candidates of one unit in one region, best first (cached).
    mutating func unitCandidates(_ u: Unit, region r: Int) -> [Cand] {
        if !u.isArabic {
            return [Cand(identity: LatinFolding.identity(u.text), display: u.text, p: 1)]
        }
        // An unknown word without the article is spelled by the character model alone, the
        // same in every region.
        let key = CandidateKey(text: UTF8Key(u.text), region: Self.isRegionFree(u) ? -1 : r)
        if let c = candidateCache[key] { return c }
        let out = computeUnitCandidates(u, region: r)
        if candidateCache.count > 200_000 { candidateCache.removeAll(keepingCapacity: true) }
        candidateCache[key] = out
        return out
    }

    mutating func computeUnitCandidates(_ u: Unit, region r: Int) -> [Cand] {
        let K = parameters.perUnit
        guard let idx = u.index else { return backoff(u, region: r, k: K) }
        let rs = rows(idx)
        var total = 0.0
        var inRegion = 0.0
        var cr = [Double](repeating: 0, count: rs.count)
        for (i, row) in rs.enumerated() {
            total += row.total
            for rc in row.regions where rc.region == r { cr[i] = rc.count }
            inRegion += cr[i]
        }
        var q: [String: (display: String, p: Double)] = [:]
        let b2 = total < parameters.backoffBelow ? parameters.backoffWeight : 0
        if b2 > 0 {
            for c in backoff(u, region: r, k: K) {
                if let e = q[c.identity] { q[c.identity] = (e.display, e.p + c.p) } else { q[c.identity] = (c.display, c.p) }
            }
        }
        let b1 = parameters.regionSmoothing
        var out: [Cand] = []
        var seen = Set<String>()
        for (i, row) in rs.enumerated() where seen.insert(row.identity).inserted {
            let pg = (row.total + b2 * (q[row.identity]?.p ?? 0)) / (total + b2)
            var p = (cr[i] + b1 * pg) / (inRegion + b1)
            if convention == .french { p *= Self.frenchBoost(row.identity) }
            out.append(Cand(identity: row.identity, display: row.display, p: p))
        }
        for (ident, e) in q where !seen.contains(ident) {
            let pg = b2 * e.p / (total + b2)
            var p = b1 * pg / (inRegion + b1)
            if convention == .french { p *= Self.frenchBoost(ident) }
            out.append(Cand(identity: ident, display: e.display, p: p))
        }
        out.sort { $0.p > $1.p || ($0.p == $1.p && $0.identity < $1.identity) }
        if out.count > K { out.removeLast(out.count - K) }
        return out
    }

    /// Spellings of a unit built from its parts: compound words, `عبد` + `الX`, the article
    /// ال + stem, or the character model.
    mutating func backoff(_ u: Unit, region r: Int, k: Int) -> [Cand] {
        let m = model
        if u.words.count > 1 {
            let first = u.words[0]
            if first == ArabicNameText.abd && u.words.count == 2 && ArabicNameText.hasArticle(u.words[1]) {
                let stem = Array(u.words[1].dropFirst(2))
                let sun = ArabicNameText.isSunLetter(stem[0])
                return withForms(kind: 1, region: r, sun: sun, stem: stem, k: k)
            }
            var beam: [Cand] = [Cand(identity: "", display: "", p: 1)]
            for w in u.words {
                var text = ""
                text.unicodeScalars.append(contentsOf: w.compactMap(Unicode.Scalar.init))
                let sub = Unit(words: [w], index: m.unitIndex(of: text), isArabic: true, text: text)
                let cs = unitCandidates(sub, region: r).prefix(4)
                var next: [Cand] = []
                for b in beam {
                    for c in cs {
                        next.append(Cand(identity: b.identity.isEmpty ? c.identity : b.identity + " " + c.identity,
                                         display: b.display.isEmpty ? c.display : b.display + " " + c.display,
                                         p: b.p * c.p))
                    }
                }
                next.sort { $0.p > $1.p }
                beam = Array(next.prefix(k))
            }
            return beam.filter { !$0.identity.isEmpty }
        }
        let w = u.words[0]
        if ArabicNameText.hasArticle(w) {
            let stem = Array(w.dropFirst(2))
            return withForms(kind: 0, region: r, sun: ArabicNameText.isSunLetter(stem[0]), stem: stem, k: k)
        }
        return charModel(w, k: k).map {
            let d = Self.titlecase($0.text)
            return Cand(identity: LatinFolding.identity(d), display: d, p: $0.probability)
        }
    }

    /// Prefix forms (article or `عبد`) × spellings of the stem.
    mutating func withForms(kind: Int, region r: Int, sun: Bool, stem: [UInt32], k: Int) -> [Cand] {
        let m = model
        var forms = m.forms(kind: kind, region: r, sun: sun)
        if forms.isEmpty { forms = m.forms(kind: kind, region: 0, sun: sun) }
        if forms.isEmpty { forms = [(kind == 0 ? "al-" : "abd al-", 1)] }
        let ft = forms.reduce(0) { $0 + $1.count }
        var stemText = ""
        stemText.unicodeScalars.append(contentsOf: stem.compactMap(Unicode.Scalar.init))
        var stems: [(String, Double)] = []
        if let idx = m.unitIndex(of: stemText) {
            let sub = Unit(words: [stem], index: idx, isArabic: true, text: stemText)
            stems = unitCandidates(sub, region: r).prefix(4).map { ($0.identity, $0.p) }
        } else {
            stems = charModel(stem, k: 4).map { ($0.text, $0.probability) }
        }
        var out: [Cand] = []
        for f in forms.prefix(5) {
            for (s, ps) in stems {
                let d = Self.titlecase(Self.render(form: f.form, stem: s))
                out.append(Cand(identity: LatinFolding.identity(d), display: d, p: f.count / ft * ps))
            }
        }
        out.sort { $0.p > $1.p }
        return Array(out.prefix(k))
    }

    /// A prefix form applied to a stem spelling; `*` copies the stem's first consonant
    /// (sun-letter assimilation: `a*-` + `shams` → `ash-shams`).
    static func render(form: String, stem: String) -> String {
        guard let star = form.firstIndex(of: "*") else { return form + stem }
        let pre = form[..<star]
        let post = form[form.index(after: star)...]
        let s = Array(stem.utf8)
        var cluster = 0
        if s.count >= 2, [("s", "h"), ("t", "h"), ("d", "h"), ("c", "h")].contains(where: { s[0] == UInt8(ascii: $0.0.unicodeScalars.first!) && s[1] == UInt8(ascii: $0.1.unicodeScalars.first!) }) {
            cluster = 2
        } else if let c = s.first, (0x61...0x7A).contains(c), !"aeiouy".utf8.contains(c) {
            cluster = 1
        }
        if cluster == 0 { return pre + "l" + post + stem }
        return pre + String(decoding: s[0..<cluster], as: UTF8.self) + post + stem
    }

    /// Capitalizes each word of a spelling; a short particle before a hyphen inside a name
    /// stays lowercase (`abd al-rahman` → `Abd al-Rahman`).
    static func titlecase(_ s: String) -> String {
        var b = Array(s.utf8)
        var i = 0
        var wordStart = true
        var anyWord = false
        while i < b.count {
            let c = b[i]
            let isLetter = (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || c >= 0x80
            if wordStart && isLetter {
                var j = i
                while j < b.count && ((b[j] >= 0x61 && b[j] <= 0x7A) || (b[j] >= 0x41 && b[j] <= 0x5A) || b[j] >= 0x80) { j += 1 }
                let particle = anyWord && j < b.count && b[j] == UInt8(ascii: "-") && j - i <= 3
                    && (b[i] == UInt8(ascii: "a") || b[i] == UInt8(ascii: "e"))
                if !particle && c >= 0x61 && c <= 0x7A { b[i] = c - 0x20 }
                anyWord = true
                wordStart = false
                i = j
                continue
            }
            wordStart = c == 0x20 || c == UInt8(ascii: "-")
            i += 1
        }
        return String(decoding: b, as: UTF8.self)
    }

    /// How French a spelling looks (ou, ch, dj, k for qaf; not sh, w, oo, ee, q); used to
    /// rank with the French convention.
    static func frenchBoost(_ identity: String) -> Double {
        var score = 1.0
        let b = Array(identity.utf8)
        func has(_ s: String) -> Bool {
            let p = Array(s.utf8)
            guard p.count <= b.count else { return false }
            for i in 0...(b.count - p.count) where Array(b[i..<(i + p.count)]) == p { return true }
            return false
        }
        if has("ou") { score *= 2 }
        if has("dj") { score *= 2 }
        if has("ch") && !has("sch") && !has("tch") { score *= 2 }
        if has("sh") { score *= 0.5 }
        if has("k") && !has("kh") { score *= 1.5 }  // K for qaf: Kadhafi, Kaddour
        if has("q") { score *= 0.7 }
        if has("w") { score *= 0.5 }
        if has("oo") || has("ee") { score *= 0.5 }
        return score
    }

    /// The character model's K best for one word, cached.
    mutating func charModel(_ w: [UInt32], k: Int) -> [GraphoneCandidate] {
        if let c = latinCache[w] { return Array(c.prefix(k)) }
        let r = decoder.latin(fromArabic: w, best: 8)
        if latinCache.count > 50_000 { latinCache.removeAll(keepingCapacity: true) }
        latinCache[w] = r
        return Array(r.prefix(k))
    }

    // MARK: - Latin → Arabic

    /// The `variants` most likely Arabic spellings (search-folded) of a Latin name.
    ///
    ///     t.arabic(for: "Abdel Aziz Bouteflika", variants: 2)   // [عبد العزيز بوتفليقه, …]
    public mutating func arabic(for name: String, variants k: Int = 5) -> [NameVariant] {
        guard k > 0 else { return [] }
        var out: [NameVariant] = []
        if let known {
            for (i, s) in known.arabicSpellings(ofLatin: name).prefix(k).enumerated() {
                out.append(NameVariant(text: s, score: max(0.5, 1.0 - 0.05 * Double(i)), source: .lexicon))
            }
            if out.count >= k { return out }
        }
        var seen = Set(out.map(\.text))
        let scale = out.isEmpty ? 1.0 : 0.5
        for v in modelArabic(name, k: k) where out.count < k {
            if seen.insert(v.text).inserted { out.append(NameVariant(text: v.text, score: v.score * scale, source: .model)) }
        }
        return out
    }

    static let articleTokens: Set<String> = ["al", "el", "ul", "il", "ol"]

    mutating func modelArabic(_ name: String, k: Int) -> [NameVariant] {
        let m = model
        let tokens = LatinFolding.identity(name).split(separator: " ").map(String.init)
        if tokens.isEmpty { return [] }
        var beam: [(text: String, p: Double)] = [("", 1)]
        var i = 0
        var article = false
        while i < tokens.count {
            var seg = tokens[i]
            var used = 1
            var entries: [(unit: Int, count: Double)] = []
            for d in stride(from: 3, through: 1, by: -1) where i + d <= tokens.count {
                let key = tokens[i..<(i + d)].joined(separator: " ")
                var kk = key
                if let r = kk.withUTF8({ m.reverseIndex(utf8: UnsafeRawBufferPointer($0)) }) {
                    seg = key
                    used = d
                    entries = m.reverseEntries(r)
                    break
                }
            }
            i += used
            if entries.isEmpty && used == 1 && Self.articleTokens.contains(seg) && i < tokens.count {
                article = true
                continue
            }
            var cs: [(String, Double)] = []
            if !entries.isEmpty {
                let t = entries.reduce(0) { $0 + $1.count }
                cs = entries.prefix(6).map { (m.unitKey($0.unit), $0.count / t) }
            } else {
                cs = arabicOOV(seg)
            }
            if article {
                cs = cs.map { $0.0.hasPrefix("ال") ? $0 : ("ال" + $0.0, $0.1) }
                article = false
            }
            if cs.isEmpty { continue }
            var next: [(text: String, p: Double)] = []
            for b in beam {
                for c in cs { next.append((b.text.isEmpty ? c.0 : b.text + " " + c.0, b.p * c.1)) }
            }
            next.sort { $0.p > $1.p || ($0.p == $1.p && $0.text < $1.text) }
            beam = Array(next.prefix(2 * k))
        }
        var agg: [String: (Double, Int)] = [:]
        for (n, b) in beam.enumerated() where !b.text.isEmpty {
            if let e = agg[b.text] { agg[b.text] = (e.0 + b.p, e.1) } else { agg[b.text] = (b.p, n) }
        }
        var out = agg.map { NameVariant(text: $0.key, score: min(1, $0.value.0)) }
        out.sort { $0.score > $1.score || ($0.score == $1.score && (agg[$0.text]!.1 < agg[$1.text]!.1)) }
        return Array(out.prefix(k))
    }

    /// Arabic candidates of a Latin word the lexicon does not know: a glued article
    /// (`alshammari`, `elhachimi`) is split off; the rest goes to the character model.
    mutating func arabicOOV(_ token: String) -> [(String, Double)] {
        let b = Array(token.utf8)
        var out: [(String, Double)] = []
        if b.count > 4, (b[0] == 0x61 || b[0] == 0x65), b[1] == 0x6C, !"aeiouy".utf8.contains(b[2]) {
            let stem = String(decoding: b[2...], as: UTF8.self)
            var stemCands: [(String, Double)] = []
            var sk = stem
            if let r = sk.withUTF8({ model.reverseIndex(utf8: UnsafeRawBufferPointer($0)) }) {
                let es = model.reverseEntries(r)
                let t = es.reduce(0) { $0 + $1.count }
                stemCands = es.prefix(3).map { (model.unitKey($0.unit), $0.count / t) }
            } else {
                stemCands = charArabic(Array(stem.utf8), k: 3).map { ($0.text, $0.probability) }
            }
            out += stemCands.map { ("ال" + $0.0, 0.7 * $0.1) }
        }
        let scale = out.isEmpty ? 1.0 : 0.3
        out += charArabic(b, k: 5).map { ($0.text, scale * $0.probability) }
        out.sort { $0.1 > $1.1 }
        return Array(out.prefix(6))
    }

    mutating func charArabic(_ w: [UInt8], k: Int) -> [GraphoneCandidate] {
        if let c = arabicCache[w] { return Array(c.prefix(k)) }
        let r = decoder.arabic(fromLatin: w, best: 8)
        if arabicCache.count > 50_000 { arabicCache.removeAll(keepingCapacity: true) }
        arabicCache[w] = r
        return Array(r.prefix(k))
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
