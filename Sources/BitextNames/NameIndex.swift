// NameIndex.swift — resolve names against a large candidate list, blocked by name keys.

/// An index of candidate names for resolving queries in any script.
///
/// Candidates are blocked by their word keys (``NameKey``): a query is scored only against
/// candidates that share a word key with it — ranked first by the summed rarity (idf) of
/// the keys they share, and the best `shortlist` of those by ``NameMatcher`` similarity.
///
///     var m = NameMatcher(model: model)
///     let index = NameIndex(candidates: ["Muammar Gaddafi", "Hosni Mubarak"].map { m.prepare($0) })
///     var s = index.searcher()
///     s.search(m.prepare("معمر القذافي"), top: 1, matcher: &m)   // [(index: 0, score: 0.99)]
///
/// The index is immutable and can be shared by threads; each thread searches with its own
/// ``NameIndex/Searcher`` and ``NameMatcher``.
public struct NameIndex: Sendable {
    /// The candidates, in the order given (a match's index points here).
    public let candidates: [PreparedName]
    let postings: [String: [Int32]]
    let idf: [String: Double]

    /// Builds the index.
    ///
    /// - Complexity: O(total words).
    public init(candidates: [PreparedName]) {
        self.candidates = candidates
        var p: [String: [Int32]] = [:]
        for (i, c) in candidates.enumerated() {
            for k in c.keys { p[k, default: []].append(Int32(i)) }
        }
        let n = Double(max(1, candidates.count))
        var idf: [String: Double] = [:]
        for (k, list) in p { idf[k] = log(1 + n / Double(list.count)) }
        postings = p
        self.idf = idf
    }

    /// Per-thread search state.
    public func searcher(shortlist: Int = 48) -> Searcher {
        Searcher(index: self, shortlist: shortlist)
    }

    /// Searches an index; keeps scratch buffers, so one per thread.
    public struct Searcher {
        /// The index searched.
        public let index: NameIndex
        /// How many blocked candidates get the full similarity.
        public var shortlist: Int
        var acc: [Float]
        var touched: [Int32] = []
        var completed: [Int32: PreparedName] = [:]

        init(index: NameIndex, shortlist: Int) {
            self.index = index
            self.shortlist = max(1, shortlist)
            acc = [Float](repeating: 0, count: index.candidates.count)
        }

        /// The blocked candidates of `query`, best first by shared key rarity.
        mutating func block(_ query: PreparedName) -> [Int32] {
            touched.removeAll(keepingCapacity: true)
            for k in query.keys {
                guard let list = index.postings[k], let w = index.idf[k] else { continue }
                let wf = Float(w)
                for c in list {
                    if acc[Int(c)] == 0 { touched.append(c) }
                    acc[Int(c)] += wf
                }
            }
            var scored = touched.map { ($0, acc[Int($0)]) }
            for c in touched { acc[Int(c)] = 0 }
            if scored.count > shortlist {
                scored.sort { $0.1 > $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }
                scored.removeLast(scored.count - shortlist)
            }
            return scored.map(\.0)
        }

        /// The `top` best candidates for `query`: (candidate index, similarity), best first.
        public mutating func search(_ query: PreparedName, top: Int, matcher: inout NameMatcher) -> [(index: Int, score: Double)] {
            guard top > 0 else { return [] }
            var results: [(index: Int, score: Double)] = []
            for c in block(query) {
                var cand = index.candidates[Int(c)]
                if !cand.isComplete && cand.isArabic && !query.isArabic {
                    // complete lightly prepared candidates once per searcher
                    if let done = completed[c] { cand = done } else {
                        cand = matcher.complete(cand)
                        if completed.count > 200_000 { completed.removeAll(keepingCapacity: true) }
                        completed[c] = cand
                    }
                }
                let s = matcher.similarity(query, cand)
                if s > 0 { results.append((Int(c), s)) }
            }
            results.sort { $0.score > $1.score || ($0.score == $1.score && $0.index < $1.index) }
            if results.count > top { results.removeLast(results.count - top) }
            return results
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
