// GraphoneDecoder.swift — K-best beam search in the joint n-gram (graphone) model.
import BitextCore

extension NameModel {
    static func buildRootTable(_ m: NameModel) -> [(logp: Float, next: UInt32)] {
        var t = [(logp: Float, next: UInt32)](repeating: (-30, 0), count: m.graphoneCount)
        let first = Int(m.u32(m.node))
        let end = Int(m.u32(m.node + 12))
        for e in first..<end {
            let at = m.nent + 8 * e
            t[Int(m.u16(at))] = (-Float(m.u16(at + 2)) / 2048, m.u32(at + 4))
        }
        return t
    }

    /// One level of ``lmStep(_:_:)``: node `n`'s own entry for `g` (found: its log
    /// probability and the node reached), or, when the node has none, its backoff weight and
    /// the shorter history it backs off to.
    @inline(__always)
    func lmEntry(_ n: Int, _ g: UInt16) -> (found: Bool, logp: Float, next: UInt32) {
        let at = node + 12 * n
        if Int(u32(at + 12)) - Int(u32(at)) > NameModel.lmIndexedFanout, let slots = lmSlots {
            let key = UInt64(n) << lmGraphoneBits | UInt64(g)
            var h = Int(truncatingIfNeeded: ((key &+ 1) &* 0x9E37_79B9_7F4A_7C15) >> lmShift)
            let shift = 16 + lmNodeBits
            while true {
                let s = slots[h]
                if s == 0 { return (false, f32(at + 4), u32(at + 8)) }
                if s >> shift == key + 1 {
                    let logp = UInt16(truncatingIfNeeded: s >> lmNodeBits)
                    let next = UInt32(truncatingIfNeeded: s & (1 << lmNodeBits - 1))
                    return (true, -Float(logp) / 2048, next)
                }
                h = (h + 1) & lmMask
            }
        }
        return lmEntrySearched(n, g)
    }

    /// ``lmEntry(_:_:)`` by binary search in the node's sorted entries, without the index.
    @inline(__always)
    func lmEntrySearched(_ n: Int, _ g: UInt16) -> (found: Bool, logp: Float, next: UInt32) {
        let at = node + 12 * n
        var lo = Int(u32(at))
        var hi = Int(u32(at + 12))
        while lo < hi {
            let mid = (lo + hi) >> 1
            let e = nent + 8 * mid
            let x = u16(e)
            if x == g { return (true, -Float(u16(e + 2)) / 2048, u32(e + 4)) }
            if x < g { lo = mid + 1 } else { hi = mid }
        }
        return (false, f32(at + 4), u32(at + 8))
    }

    /// log P(graphone | history node) with Kneser-Ney backoff, and the node reached.
    @inline(__always)
    func lmStep(_ start: UInt32, _ g: UInt16) -> (logp: Float, next: UInt32) {
        var n = Int(start)
        var acc: Float = 0
        while n != 0 {
            let r = lmEntry(n, g)
            if r.found { return (acc + r.logp, r.next) }
            acc += r.logp
            n = Int(r.next)
        }
        let r = rootTable[Int(g)]
        return (acc + r.logp, r.next)
    }

    @inline(__always) func graphoneArabic(_ g: UInt16) -> UInt32 { u32(grph + 12 * Int(g)) }

    @inline(__always) func graphoneLatin(_ g: UInt16) -> UnsafeRawBufferPointer {
        let at = grph + 12 * Int(g)
        return bytes(u32(at + 4), Int(u32(at + 8)))
    }

    /// The graphones whose Arabic side is `scalar`, most probable first.
    @inline(__always) func graphones(forArabic scalar: UInt32) -> UnsafeBufferPointer<UInt32> {
        guard (0x600..<0x700).contains(scalar) else { return UnsafeBufferPointer(start: nil, count: 0) }
        let e = letterTable[Int(scalar - 0x600)]
        return UnsafeBufferPointer(start: (base + glst).assumingMemoryBound(to: UInt32.self) + Int(e.first),
                                   count: Int(e.count))
    }

    /// The graphones whose Latin side is exactly `chunk` (possibly empty), most probable first.
    func graphones(forLatin chunk: UnsafeRawBufferPointer) -> UnsafeBufferPointer<UInt32> {
        guard let row = findRow(chunk, in: ltgl, count: chunkListCount, stride: 16, wideLength: true) else {
            return UnsafeBufferPointer(start: nil, count: 0)
        }
        let at = ltgl + 16 * row
        return UnsafeBufferPointer(start: (base + glst).assumingMemoryBound(to: UInt32.self) + Int(u32(at + 8)),
                                   count: Int(u32(at + 12)))
    }
}

/// One output of the character model: a spelling and its share of the probability mass
/// of the hypotheses that survived the beam.
public struct GraphoneCandidate: Sendable, Equatable {
    /// The spelling: lowercase Latin (`gaddafi`) or search-folded Arabic (`القذافي`).
    public var text: String
    /// Its share of the probability of the hypotheses the beam kept, in [0, 1].
    public var probability: Double
}

/// K-best transliteration of one word by beam search in the joint n-gram model, in either
/// direction. Keeps scratch buffers between calls: use one decoder per thread.
///
///     var d = GraphoneDecoder(model: model)
///     d.latin(fromArabic: Array("شمري".unicodeScalars.map(\.value)), best: 3)
///     // [shamri, shamry, shamre] with their probabilities
public struct GraphoneDecoder {
    /// The model decoded.
    public let model: NameModel
    /// Hypotheses kept per input position.
    public var beamWidth: Int
    /// Graphones tried per Arabic letter (the most probable ones first).
    public var graphonesPerLetter: Int
    /// Graphones tried per Latin chunk when writing Arabic.
    public var graphonesPerChunk: Int
    /// Hypotheses further than this (natural log) behind the best are dropped.
    public var pruneMargin: Float = 8

    struct Hyp {
        var score: Float
        var node: UInt32
        var hash: UInt64  // of the output so far
        var back: Int32  // arena index of the last graphone, -1 at the start
        var epsilons: UInt8  // silent letters written since the last input character
    }

    struct Cand {
        var score: Float
        var node: UInt32
        var hash: UInt64
        var parent: Int32
        var graphone: UInt16
        var epsilons: UInt8
    }

    struct Back {
        var graphone: UInt16
        var parent: Int32
    }

    var arena: [Back] = []
    var keys = Set<UInt64>()
    var heap: [Int32] = []
    /// A direct-mapped cache of n-gram steps: (node, graphone) → (log p, next node). Words
    /// share their first states and common letter sequences, so most steps repeat. Key and
    /// value share one entry, so a lookup touches one cache line.
    struct StepEntry {
        var key: UInt64
        var logp: Float
        var next: UInt32
    }
    var stepCache: [StepEntry] = []
    static let stepCacheBits = 15

    @inline(__always)
    mutating func step(_ node: UInt32, _ g: UInt16) -> (logp: Float, next: UInt32) {
        let key = (UInt64(node) << 16 | UInt64(g)) &+ 1
        let slot = Self.stepSlot(key)
        if slot < stepCache.count {
            let e = stepCache[slot]
            if e.key & ~Self.backedOff == key { return (e.logp, e.next) }
        }
        return stepMiss(key, slot, node, g)
    }

    /// Marks a cached step whose history did not have the graphone (its log probability
    /// includes backoff weights).
    static let backedOff: UInt64 = 1 << 63

    @inline(__always)
    static func stepSlot(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - stepCacheBits))
    }

    @inline(never)
    mutating func stepMiss(_ key: UInt64, _ slot: Int, _ node: UInt32, _ g: UInt16) -> (logp: Float, next: UInt32) {
        if stepCache.isEmpty {
            stepCache = [StepEntry](repeating: StepEntry(key: 0, logp: 0, next: 0), count: 1 << Self.stepCacheBits)
        }
        let r = resolve(node, g)
        stepCache[slot] = StepEntry(key: key | (r.direct ? 0 : Self.backedOff), logp: r.logp, next: r.next)
        return (r.logp, r.next)
    }

    /// ``NameModel/lmStep(_:_:)``, through the cache at each backoff level: a history the
    /// model does not know backs off to shorter ones, which many histories share, so the
    /// step from a shorter history is often cached already. Only steps found in their own
    /// history are taken from the cache on the way down, so the sum of backoff weights and
    /// log probability is the one `lmStep` makes, bit for bit. `direct`: found in `start`'s
    /// own history.
    mutating func resolve(_ start: UInt32, _ g: UInt16) -> (logp: Float, next: UInt32, direct: Bool) {
        let m = model
        if start == 0 {
            let r = m.lmStep(0, g)
            return (r.logp, r.next, false)
        }
        let first = m.lmEntry(Int(start), g)
        if first.found { return (first.logp, first.next, true) }
        var acc: Float = first.logp
        var n = first.next
        while n != 0 {
            let key = (UInt64(n) << 16 | UInt64(g)) &+ 1
            let slot = Self.stepSlot(key)
            let e = stepCache[slot]
            if e.key == key { return (acc + e.logp, e.next, false) }
            let r = m.lmEntry(Int(n), g)
            if r.found {
                stepCache[slot] = StepEntry(key: key, logp: r.logp, next: r.next)
                return (acc + r.logp, r.next, false)
            }
            acc += r.logp
            n = r.next
        }
        let r = m.lmStep(0, g)
        return (acc + r.logp, r.next, false)
    }

    /// A decoder for `model`; wider beams and more graphones per letter find more (and
    /// slower).
    public init(model: NameModel, beamWidth: Int = 8, graphonesPerLetter: Int = 8, graphonesPerChunk: Int = 4) {
        self.model = model
        self.beamWidth = max(1, beamWidth)
        self.graphonesPerLetter = max(1, graphonesPerLetter)
        self.graphonesPerChunk = max(1, graphonesPerChunk)
    }

    static let hashStart: UInt64 = 0xcbf2_9ce4_8422_2325

    @inline(__always)
    static func extend(_ h: UInt64, _ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var x = h
        for b in bytes {
            x ^= UInt64(b)
            x = x &* 0x100_0000_01b3
        }
        return x
    }

    /// ``extend(_:_:)`` by the UTF-8 encoding of `scalar` (as ``UTF8Scalars/encode(_:into:)``
    /// writes it), without building the bytes.
    @inline(__always)
    static func extend(_ h: UInt64, scalar c: UInt32) -> UInt64 {
        @inline(__always) func mix(_ x: UInt64, _ b: UInt32) -> UInt64 { (x ^ UInt64(b & 0xFF)) &* 0x100_0000_01b3 }
        if c < 0x80 { return mix(h, c) }
        if c < 0x800 { return mix(mix(h, 0xC0 | c >> 6), 0x80 | c & 0x3F) }
        if c < 0x10000 { return mix(mix(mix(h, 0xE0 | c >> 12), 0x80 | (c >> 6) & 0x3F), 0x80 | c & 0x3F) }
        return mix(mix(mix(mix(h, 0xF0 | c >> 18), 0x80 | (c >> 12) & 0x3F), 0x80 | (c >> 6) & 0x3F), 0x80 | c & 0x3F)
    }

    /// The best `beamWidth` candidates with distinct (node, output), recorded in the arena.
    mutating func select(_ cands: inout [Cand], into out: inout [Hyp]) {
        // keep only the few best before sorting: a bounded min-heap of indices
        let keep = beamWidth * 3
        if cands.count > keep {
            heap.removeAll(keepingCapacity: true)
            for i in cands.indices {
                let sc = cands[i].score
                if heap.count < keep {
                    heap.append(Int32(i))
                    var c = heap.count - 1
                    while c > 0 {
                        let p = (c - 1) >> 1
                        if cands[Int(heap[p])].score <= sc { break }
                        heap.swapAt(p, c)
                        c = p
                    }
                } else if sc > cands[Int(heap[0])].score {
                    heap[0] = Int32(i)
                    var p = 0
                    while true {
                        let l = 2 * p + 1
                        if l >= keep { break }
                        var m = l
                        if l + 1 < keep && cands[Int(heap[l + 1])].score < cands[Int(heap[l])].score { m = l + 1 }
                        if cands[Int(heap[m])].score >= sc { break }
                        heap.swapAt(p, m)
                        p = m
                    }
                }
            }
            var kept: [Cand] = []
            kept.reserveCapacity(keep)
            for i in heap { kept.append(cands[Int(i)]) }
            cands = kept
        }
        if cands.count <= 32 {
            // Few: a stable insertion sort, best first (the order a stable sort gives).
            cands.withUnsafeMutableBufferPointer { c in
                var i = 1
                while i < c.count {
                    let x = c[i]
                    var j = i
                    while j > 0 && c[j - 1].score < x.score {
                        c[j] = c[j - 1]
                        j -= 1
                    }
                    c[j] = x
                    i += 1
                }
            }
        } else {
            cands.sort { $0.score > $1.score }
        }
        let start = out.count
        for c in cands {
            // the beam is small: a linear scan finds a duplicate (node, output) faster than hashing
            var dup = false
            for h in out[start...] where h.hash == c.hash && h.node == c.node {
                dup = true
                break
            }
            if dup { continue }
            arena.append(Back(graphone: c.graphone, parent: c.parent))
            out.append(Hyp(score: c.score, node: c.node, hash: c.hash, back: Int32(arena.count - 1), epsilons: c.epsilons))
            if out.count - start >= beamWidth { break }
        }
    }

    /// The best `beamWidth` of `hyps` with distinct (node, output).
    mutating func prune(_ hyps: inout [Hyp]) {
        hyps.sort { $0.score > $1.score }
        keys.removeAll(keepingCapacity: true)
        var out: [Hyp] = []
        for h in hyps {
            if !keys.insert(h.hash &+ UInt64(h.node) &* 0x9E37_79B9_7F4A_7C15).inserted { continue }
            out.append(h)
            if out.count >= beamWidth { break }
        }
        hyps = out
    }

    /// The `best` most likely Latin spellings (lowercase) of an Arabic word given as
    /// search-folded letters (scalar values).
    public mutating func latin(fromArabic word: [UInt32], best: Int) -> [GraphoneCandidate] {
        guard !word.isEmpty, word.count <= 64 else { return [] }
        let m = model
        arena.removeAll(keepingCapacity: true)
        var current = [Hyp(score: 0, node: m.startNode, hash: Self.hashStart, back: -1, epsilons: 0)]
        var cands: [Cand] = []
        cands.reserveCapacity(beamWidth * graphonesPerLetter)
        for letter in word {
            let gs = m.graphones(forArabic: letter)
            if gs.isEmpty { return [] }
            let limit = min(gs.count, graphonesPerLetter)
            cands.removeAll(keepingCapacity: true)
            var bestSoFar = -Float.infinity
            for h in current {
                // hypotheses are in score order: once one is far behind the best extension
                // found so far, the rest are too
                if h.score < bestSoFar - pruneMargin { break }
                for k in 0..<limit {
                    let g = UInt16(truncatingIfNeeded: gs[k])
                    let (lp, next) = step(h.node, g)
                    let score = h.score + lp
                    if score < bestSoFar - pruneMargin { continue }
                    if score > bestSoFar { bestSoFar = score }
                    cands.append(Cand(score: score, node: next, hash: Self.extend(h.hash, m.graphoneLatin(g)),
                                      parent: h.back, graphone: g, epsilons: 0))
                }
            }
            current.removeAll(keepingCapacity: true)
            select(&cands, into: &current)
        }
        return finish(current, best: best) { g, out in out.append(contentsOf: m.graphoneLatin(g)) }
    }

    /// The `best` most likely Arabic spellings (search-folded) of a Latin word given as its
    /// identity bytes (``LatinFolding/identity(_:)``); characters other than a–z and space
    /// are skipped.
    public mutating func arabic(fromLatin word: [UInt8], best: Int) -> [GraphoneCandidate] {
        let input = word.filter { ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x20 }
        guard !input.isEmpty, input.count <= 96 else { return [] }
        let m = model
        arena.removeAll(keepingCapacity: true)
        let n = input.count
        var chunkLists: [[UnsafeBufferPointer<UInt32>]] = []
        input.withUnsafeBytes { p in
            for j in 0..<n {
                var row: [UnsafeBufferPointer<UInt32>] = []
                for k in 1...3 where j + k <= n {
                    row.append(m.graphones(forLatin: UnsafeRawBufferPointer(rebasing: p[j..<(j + k)])))
                }
                chunkLists.append(row)
            }
        }
        let eps = m.graphones(forLatin: UnsafeRawBufferPointer(start: nil, count: 0))
        // (The six most likely: trying ten changed the first or the five best spellings of one
        // held-out name in 5,040, for two thirds more silent-letter steps.)
        let epsLimit = min(eps.count, 6)
        var buckets = [[Cand]](repeating: [], count: n + 1)
        var kept: [Hyp] = [Hyp(score: 0, node: m.startNode, hash: Self.hashStart, back: -1, epsilons: 0)]
        var round: [Hyp] = []
        var epsCands: [Cand] = []
        // The best score that reached each position: a hypothesis far behind it is dropped
        // (steps only lower a score, so one far behind cannot catch up).
        var bucketBest = [Float](repeating: -.infinity, count: n + 1)
        for j in 0...n {
            if j > 0 {
                kept.removeAll(keepingCapacity: true)
                select(&buckets[j], into: &kept)
                buckets[j] = []
            }
            // silent Arabic letters (an alef or a waw the Latin does not show): up to two in a row
            var frontier = kept
            let floor = (kept.first?.score ?? 0) - pruneMargin
            for _ in 0..<2 where epsLimit > 0 && !frontier.isEmpty {
                epsCands.removeAll(keepingCapacity: true)
                for h in frontier {
                    if h.score < floor { break }
                    for k in 0..<epsLimit {
                        let g = UInt16(truncatingIfNeeded: eps[k])
                        let (lp, next) = step(h.node, g)
                        let sc = h.score + lp
                        if sc < floor { continue }
                        let hash = Self.extend(h.hash, scalar: m.graphoneArabic(g))
                        epsCands.append(Cand(score: sc, node: next, hash: hash, parent: h.back,
                                             graphone: g, epsilons: h.epsilons + 1))
                    }
                }
                round.removeAll(keepingCapacity: true)
                select(&epsCands, into: &round)
                kept.append(contentsOf: round)
                frontier = round
            }
            prune(&kept)
            if j == n { break }
            for h in kept {
                for (ki, list) in chunkLists[j].enumerated() {
                    let target = j + ki + 1
                    if h.score < bucketBest[target] - pruneMargin { continue }
                    for idx in 0..<min(list.count, graphonesPerChunk) {
                        let g = UInt16(truncatingIfNeeded: list[idx])
                        let (lp, next) = step(h.node, g)
                        let sc = h.score + lp
                        if sc < bucketBest[target] - pruneMargin { continue }
                        if sc > bucketBest[target] { bucketBest[target] = sc }
                        let hash = Self.extend(h.hash, scalar: m.graphoneArabic(g))
                        buckets[target].append(Cand(score: sc, node: next, hash: hash, parent: h.back, graphone: g, epsilons: 0))
                    }
                }
            }
        }
        return finish(kept, best: best) { g, out in UTF8Scalars.encode(m.graphoneArabic(g), into: &out) }
    }

    /// Adds the end-of-name probability, rebuilds the outputs, merges equal ones and
    /// normalizes their probabilities over the surviving hypotheses.
    mutating func finish(_ hyps: [Hyp], best: Int, append: (UInt16, inout [UInt8]) -> Void) -> [GraphoneCandidate] {
        let m = model
        var finals: [(text: [UInt8], score: Float)] = []
        var maxScore = -Float.infinity
        var parts: [UInt16] = []
        for h in hyps {
            let (lp, _) = m.lmStep(h.node, m.endGraphone)
            let s = h.score + lp
            parts.removeAll(keepingCapacity: true)
            var b = h.back
            while b >= 0 {
                parts.append(arena[Int(b)].graphone)
                b = arena[Int(b)].parent
            }
            var text: [UInt8] = []
            for g in parts.reversed() { append(g, &text) }
            finals.append((Self.tidy(text), s))
            maxScore = max(maxScore, s)
        }
        guard maxScore > -Float.infinity else { return [] }
        // Equal outputs merged (a beam holds a handful: a linear search is enough).
        var merged: [(text: [UInt8], p: Double)] = []
        var total = 0.0
        for f in finals {
            let p = Double(expf(f.score - maxScore))
            total += p
            if f.text.isEmpty { continue }
            if let i = merged.firstIndex(where: { $0.text == f.text }) { merged[i].p += p } else { merged.append((f.text, p)) }
        }
        var out = merged.map { GraphoneCandidate(text: String(decoding: $0.text, as: UTF8.self), probability: $0.p / total) }
        out.sort { $0.probability > $1.probability || ($0.probability == $1.probability && $0.text < $1.text) }
        if out.count > best { out.removeLast(out.count - best) }
        return out
    }

    /// Collapses runs of spaces and trims them.
    static func tidy(_ t: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(t.count)
        var space = false
        for b in t {
            if b == 0x20 {
                space = !out.isEmpty
                continue
            }
            if space { out.append(0x20) }
            space = false
            out.append(b)
        }
        return out
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
