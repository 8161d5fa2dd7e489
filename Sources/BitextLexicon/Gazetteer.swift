// Gazetteer.swift — entities, their surface forms, and the automaton that finds them.
import BitextCore
import BitextMatch
import BitextNormalize

/// A searchable gazetteer: an ``Automaton`` over the `search`-normalized surface forms,
/// and for each form the entity it names.
///
///     let g = try Lexicon.defaultGazetteer()
///     let s = GazetteerSearcher(gazetteer: g)
///     s.find(in: "وصل إلى بنغازي")   // one mention, 8..<14 → geonames:88319 (Benghazi)
///     s.find(in: "Benghazi's port")  // 0..<8 → geonames:88319
public final class Gazetteer: @unchecked Sendable {
    public let automaton: Automaton
    public let entities: EntityStore
    /// Per pattern: the entity index, with ``demonymFlag`` set for a demonym or nisba form.
    let patternInfo: UnsafePointer<UInt32>
    private let keepAlive: AnyObject?

    /// Marks a pattern that is a demonym or nisba form of its entity (Libyan, الليبي).
    public static let demonymFlag: UInt32 = 1 << 31

    init(automaton: Automaton, entities: EntityStore, patternInfo: UnsafePointer<UInt32>, keepAlive: AnyObject?) {
        self.automaton = automaton
        self.entities = entities
        self.patternInfo = patternInfo
        self.keepAlive = keepAlive
    }

    convenience init(automaton: Automaton, entities: EntityStore, patternInfo: [UInt32]) {
        let p = UnsafeMutablePointer<UInt32>.allocate(capacity: max(patternInfo.count, 1))
        patternInfo.withUnsafeBufferPointer { if $0.count > 0 { p.initialize(from: $0.baseAddress!, count: $0.count) } }
        self.init(automaton: automaton, entities: entities, patternInfo: p, keepAlive: OwnedPointer(p))
    }

    /// The entity index of pattern `p`.
    @inline(__always)
    public func entity(ofPattern p: Int) -> Int { Int(patternInfo[p] & ~Self.demonymFlag) }

    /// True when pattern `p` is a demonym or nisba form.
    @inline(__always)
    public func isDemonym(pattern p: Int) -> Bool { patternInfo[p] & Self.demonymFlag != 0 }
}

final class OwnedPointer<T> {
    let p: UnsafeMutablePointer<T>
    init(_ p: UnsafeMutablePointer<T>) { self.p = p }
    deinit { p.deallocate() }
}

/// One mention found by a ``GazetteerSearcher``.
public struct Mention: Equatable, Sendable {
    /// Unicode scalar offsets in the line as read, end exclusive.
    public var start: Int
    public var end: Int
    /// The same place in UTF-8 bytes.
    public var startByte: Int
    public var endByte: Int
    /// Where the candidate entities are in ``GazetteerSearcher/candidates``, best first.
    public var candidatesStart: Int
    public var candidatesCount: Int
    /// True when the best candidate was matched through a demonym or nisba form.
    public var viaDemonym: Bool
}

/// How to order the entities that share a surface form (the first one is reported as
/// the mention's `entity`): by rank, highest first — population for places, prominence
/// for people and organizations — optionally preferring entities of some countries.
///
///     // طرابلس is Tripoli in Libya and Tripoli in Lebanon:
///     CandidateOrder()                         // Libya's first (larger)
///     CandidateOrder(preferCountries: ["LB"])  // Lebanon's first
public struct CandidateOrder: Sendable, Equatable {
    public var preferCountries: [String]
    public var preferTypes: [EntityType]

    public init(preferCountries: [String] = [], preferTypes: [EntityType] = []) {
        self.preferCountries = preferCountries
        self.preferTypes = preferTypes
    }
}

/// Finds gazetteer mentions in lines of text. One per thread (it keeps scratch buffers).
///
/// Lines are searched as written: the `search` normalization is applied scalar by scalar
/// inside the matcher, so offsets are those of the original line. A line holding a
/// character whose normalization depends on its neighbours (a ligature such as `ﻻ`, a
/// composing accent) is normalized whole and searched, and its matches mapped back
/// through the ``OffsetMap``.
public final class GazetteerSearcher {
    public let gazetteer: Gazetteer
    public let options: MatchOptions
    public let order: CandidateOrder
    let fast: Searcher
    @exclusivity(unchecked) private var plain: Searcher? = nil
    private let normalizer: () -> Normalizer
    @exclusivity(unchecked) private var scratch: [UInt8] = []
    @exclusivity(unchecked) private var preferCodes: [Int] = []

    /// The mentions of the last search, in order.
    @exclusivity(unchecked) public private(set) var mentions: [Mention] = []
    /// Entity indices of the last search's mentions (see ``Mention/candidatesStart``).
    @exclusivity(unchecked) public private(set) var candidates: [Int32] = []
    @exclusivity(unchecked) private var demonymOf: [Bool] = []

    /// `folding` defaults to the embedded `search` table; `normalizer` (made only when a
    /// line needs it) to the `search` normalizer.
    public init(gazetteer: Gazetteer, options: MatchOptions = MatchOptions(), order: CandidateOrder = CandidateOrder(),
                folding: (any ScalarFolding)? = nil, normalizer: @escaping () -> Normalizer = { SearchFolding.shared }) {
        self.gazetteer = gazetteer
        self.options = options
        self.order = order
        self.normalizer = normalizer
        fast = Searcher(automaton: gazetteer.automaton, folding: folding ?? SearchFoldTable.best, options: options)
        preferCodes = order.preferCountries.compactMap { c in
            let b = Array(c.uppercased().utf8)
            return b.count == 2 ? Int(b[0]) << 8 | Int(b[1]) : nil
        }
    }

    /// The candidate entities of a mention of the last search, best first.
    public func candidates(of m: Mention) -> ArraySlice<Int32> {
        candidates[m.candidatesStart..<(m.candidatesStart + m.candidatesCount)]
    }

    /// Searches one line of valid UTF-8; the result is in ``mentions``.
    public func find(utf8 line: UnsafeBufferPointer<UInt8>) {
        mentions.removeAll(keepingCapacity: true)
        candidates.removeAll(keepingCapacity: true)
        if fast.find(utf8: line) {
            addFastMatches()
            return
        }
        findNormalized(line)
    }

    /// Searches one line that may not be UTF-8, checking it while searching (a caller
    /// needs no validation pass). Returns false, with no mentions, when it is not UTF-8.
    public func find(unvalidatedUTF8 line: UnsafeBufferPointer<UInt8>) -> Bool {
        mentions.removeAll(keepingCapacity: true)
        candidates.removeAll(keepingCapacity: true)
        switch fast.find(unvalidatedUTF8: line) {
        case .searched:
            addFastMatches()
            return true
        case .invalid:
            return false
        case .complex:
            if UTF8Validation.firstError(in: line) != nil { return false }
            findNormalized(line)
            return true
        }
    }

    private func addFastMatches() {
        let ms = fast.matches
        if ms.isEmpty { return }
        fast.matchedPatterns.withUnsafeBufferPointer { pats in
            for m in ms {
                add(m.start, m.end, m.startByte, m.endByte,
                    UnsafeBufferPointer(rebasing: pats[m.patternsStart..<(m.patternsStart + m.patternsCount)]))
            }
        }
    }

    /// Normalizes the whole line, searches that, maps the matches back.
    private func findNormalized(_ line: UnsafeBufferPointer<UInt8>) {
        let text = String(decoding: line, as: UTF8.self)
        let n = normalizer().normalizeWithMap(text)
        if plain == nil {
            plain = Searcher(automaton: gazetteer.automaton, folding: IdentityFolding(), options: options)
        }
        let s = plain!
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: n.text.utf8)
        scratch.withUnsafeBufferPointer { _ = s.find(utf8: $0) }
        // Scalar → byte offsets of the original line.
        var byteOf: [Int] = []
        byteOf.reserveCapacity(line.count + 1)
        for (k, b) in line.enumerated() where b & 0xC0 != 0x80 { byteOf.append(k) }
        byteOf.append(line.count)
        s.matchedPatterns.withUnsafeBufferPointer { pats in
            for m in s.matches {
                let r = n.map.originalRange(m.start..<m.end)
                add(r.lowerBound, r.upperBound, byteOf[r.lowerBound], byteOf[r.upperBound],
                    UnsafeBufferPointer(rebasing: pats[m.patternsStart..<(m.patternsStart + m.patternsCount)]))
            }
        }
    }

    /// Searches a string (convenience).
    public func find(in line: String) -> [Mention] {
        var line = line
        line.withUTF8 { find(utf8: $0) }
        return mentions
    }

    private func add(_ start: Int, _ end: Int, _ startByte: Int, _ endByte: Int, _ patterns: UnsafeBufferPointer<Int32>) {
        let g = gazetteer
        let first = candidates.count
        if patterns.count == 1 {
            let p = Int(patterns[0])
            candidates.append(Int32(g.entity(ofPattern: p)))
            mentions.append(Mention(start: start, end: end, startByte: startByte, endByte: endByte,
                                    candidatesStart: first, candidatesCount: 1, viaDemonym: g.isDemonym(pattern: p)))
            return
        }
        demonymOf.removeAll(keepingCapacity: true)
        for p in patterns {
            let e = Int32(g.entity(ofPattern: Int(p)))
            let demonym = g.isDemonym(pattern: Int(p))
            if let k = candidates[first...].firstIndex(of: e) {
                if !demonym { demonymOf[k - first] = false }  // a plain name wins over a demonym form
                continue
            }
            candidates.append(e)
            demonymOf.append(demonym)
        }
        let count = candidates.count - first
        if count > 1 {
            // Best first: preferred type, preferred country, rank, then index.
            var idx = Array(0..<count)
            let ents = Array(candidates[first...])
            let es = g.entities
            func key(_ k: Int) -> (Int, Int, Int, Int) {
                let e = Int(ents[k])
                let t = order.preferTypes.firstIndex(of: es.type(e)).map { -1000 + $0 } ?? 0
                let cc = es.word(e, 8) >> 16
                let c = preferCodes.firstIndex(of: cc).map { -1000 + $0 } ?? 0
                return (t, c, -es.rank(e), e)
            }
            idx.sort { key($0) < key($1) }
            let dem = demonymOf
            for (k, j) in idx.enumerated() {
                candidates[first + k] = ents[j]
                demonymOf[k] = dem[j]
            }
        }
        mentions.append(Mention(start: start, end: end, startByte: startByte, endByte: endByte,
                                candidatesStart: first, candidatesCount: count, viaDemonym: demonymOf[0]))
    }
}
