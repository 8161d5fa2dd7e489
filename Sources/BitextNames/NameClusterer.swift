// NameClusterer.swift — group the spellings of one name.
import BitextCore
import Dispatch

/// Groups names (any scripts) whose spellings belong to one person, place or organization.
///
/// Pairs are found by blocking (``NameIndex``) and scored by ``NameMatcher``; pairs at or
/// above `threshold` are linked strongest first, and two groups join only when their
/// members are close on average (`averageLink`), so a short alias cannot chain unrelated
/// names together. Each cluster's
/// canonical name is its medoid (the member closest to all the others).
///
///     var m = NameMatcher(model: model)
///     let names = ["Muammar QADDAFI", "Muammar al-QADHAFI", "Hosni MUBARAK"]
///     let c = NameClusterer().cluster(names.map { m.prepare($0) }, matcher: &m)
///     c.assignments   // [0, 0, 2]: the index of each cluster's first member
public struct NameClusterer: Sendable {
    /// Pairs at or above this similarity are linked.
    public var threshold: Double
    /// Candidates compared per name.
    public var shortlist: Int
    /// Two groups join only if the mean similarity of their members' pairs reaches this.
    public var averageLink: Double
    /// Threads that score the pairs; the result never depends on it.
    public var jobs = 1

    /// A clusterer. The defaults were chosen on clusters of spellings built from the
    /// training data (Latin variants of one Arabic name, with the Arabic).
    public init(threshold: Double = 0.75, averageLink: Double = 0.6, shortlist: Int = 96) {
        self.threshold = threshold
        self.averageLink = averageLink
        self.shortlist = shortlist
    }

    /// The result: for each input name its cluster (the index of the cluster's first
    /// member) and for each cluster its canonical member.
    public struct Clustering: Sendable, Equatable {
        /// For each name, its cluster: the index of the cluster's first name.
        public var assignments: [Int]
        /// Cluster id (first member) → index of its canonical name.
        public var canonical: [Int: Int]
    }

    /// The pairs of names the clusterer compares (blocked by shared keys) and their
    /// similarities, i < j (for inspecting a clustering).
    public func pairs(_ names: [PreparedName], matcher: inout NameMatcher) -> [(Int, Int, Double)] {
        let index = NameIndex(candidates: names)
        let parts = max(1, min(jobs, names.count / 256))
        if parts == 1 {
            var searcher = index.searcher(shortlist: shortlist)
            var out: [(Int, Int, Double)] = []
            for i in names.indices {
                for c in searcher.block(names[i]) where Int(c) > i {
                    out.append((i, Int(c), matcher.similarity(names[i], names[Int(c)])))
                }
            }
            return out
        }
        // Each thread takes every parts-th name with its own matcher copy (whose caches only
        // remember) and searcher; the lists are put back in name order.
        let perName = UnsafeMutableBufferPointer<[(Int, Double)]>.allocate(capacity: names.count)
        perName.initialize(repeating: [])
        defer { perName.deallocate() }
        let shared = UncheckedSendable((perName, matcher, index, names, shortlist))
        DispatchQueue.concurrentPerform(iterations: parts) { p in
            let (buffer, base, index, names, shortlist) = shared.value
            var m = base
            var searcher = index.searcher(shortlist: shortlist)
            for i in stride(from: p, to: names.count, by: parts) {
                var row: [(Int, Double)] = []
                for c in searcher.block(names[i]) where Int(c) > i {
                    row.append((Int(c), m.similarity(names[i], names[Int(c)])))
                }
                buffer[i] = row
            }
        }
        var out: [(Int, Int, Double)] = []
        for i in names.indices { for (c, s) in perName[i] { out.append((i, c, s)) } }
        return out
    }

    /// Clusters prepared names.
    ///
    /// - Complexity: O(n × shortlist) similarity computations.
    public func cluster(_ names: [PreparedName], matcher: inout NameMatcher) -> Clustering {
        var scores: [UInt64: Double] = [:]
        func pairKey(_ i: Int, _ j: Int) -> UInt64 { UInt64(min(i, j)) << 32 | UInt64(max(i, j)) }
        var links: [(Int, Int, Double)] = []
        for (i, j, s) in pairs(names, matcher: &matcher) {
            scores[pairKey(i, j)] = s
            if s >= threshold { links.append((i, j, s)) }
        }
        // Link the strongest pairs first; two groups join only if their members are close on
        // average (so one short name cannot chain unrelated groups together).
        links.sort { $0.2 > $1.2 || ($0.2 == $1.2 && ($0.0, $0.1) < ($1.0, $1.1)) }
        var parent = Array(0..<names.count)
        var members = names.indices.map { [$0] }
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x {
                parent[x] = parent[parent[x]]
                x = parent[x]
            }
            return x
        }
        var accepted: [(Int, Int, Double)] = []
        for (i, j, s) in links {
            let a = find(i)
            let b = find(j)
            if a == b {
                accepted.append((i, j, s))
                continue
            }
            if members[a].count > 1 || members[b].count > 1 {
                var sum = 0.0
                var n = 0
                outer: for x in members[a] {
                    for y in members[b] {
                        let k = pairKey(x, y)
                        let v: Double
                        if let cached = scores[k] { v = cached } else {
                            v = matcher.similarity(names[x], names[y])
                            scores[k] = v
                        }
                        sum += v
                        n += 1
                        if n >= 4096 { break outer }
                    }
                }
                if sum / Double(n) < averageLink { continue }
            }
            let (root, other) = a < b ? (a, b) : (b, a)
            parent[other] = root
            members[root] += members[other]
            members[other] = []
            accepted.append((i, j, s))
        }
        var assignments = [Int](repeating: 0, count: names.count)
        for i in names.indices { assignments[i] = find(i) }
        // medoid: the member with the largest summed link score (ties: the earliest)
        var strength = [Double](repeating: 0, count: names.count)
        for (i, j, s) in accepted {
            strength[i] += s
            strength[j] += s
        }
        var canonical: [Int: Int] = [:]
        for i in names.indices {
            let c = assignments[i]
            if let cur = canonical[c] {
                if strength[i] > strength[cur] { canonical[c] = i }
            } else {
                canonical[c] = i
            }
        }
        return Clustering(assignments: assignments, canonical: canonical)
    }
}
