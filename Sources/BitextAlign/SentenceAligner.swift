// SentenceAligner.swift — aligning the sentences of an article and its translation.

import BitextCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One link of a sentence alignment: English sentences ↔ Arabic sentences (either side may be
/// empty: a sentence with no counterpart), with a confidence in [0, 1].
public struct SentenceBead: Equatable, Sendable {
    public var en: [Int]
    public var ar: [Int]
    public var score: Double
}

/// What the aligner knows of one sentence: its length and its anchors.
public struct SentenceFeatures: Sendable {
    /// Length in non-space characters.
    public var length: Int
    /// Numbers written in it (digits of any system, separators removed), as a multiset.
    public var numbers: [String]
    /// Anchors found on both sides, e.g. ids of entities mentioned (a multiset).
    public var anchors: [String]

    public init(length: Int, numbers: [String], anchors: [String] = []) {
        self.length = length
        self.numbers = numbers
        self.anchors = anchors
    }

    /// Length and numbers of a sentence's text.
    public init(text: String, anchors: [String] = []) {
        var length = 0
        var numbers: [String] = []
        var current = ""
        var lastWasSeparator = false
        func flush() {
            if !current.isEmpty { numbers.append(current) }
            current = ""
        }
        let table = UnicodeTables.table
        for u in text.unicodeScalars {
            if !table[u.value].isWhiteSpace { length += 1 }
            if let d = SentenceFeatures.digit(u) {
                current.unicodeScalars.append(d)
                lastWasSeparator = false
            } else if !current.isEmpty && !lastWasSeparator && (u == "," || u == "." || u == "\u{066C}" || u == "\u{066B}") {
                // 1,250 and 1.250 and ١٬٢٥٠ are one number; a second separator ends it.
                lastWasSeparator = true
            } else {
                flush()
                lastWasSeparator = false
            }
        }
        flush()
        self.init(length: length, numbers: numbers, anchors: anchors)
    }

    static func digit(_ u: Unicode.Scalar) -> Unicode.Scalar? {
        switch u.value {
        case 0x30...0x39: u
        case 0x0660...0x0669: Unicode.Scalar(0x30 + u.value - 0x0660)
        case 0x06F0...0x06F9: Unicode.Scalar(0x30 + u.value - 0x06F0)
        default: nil
        }
    }
}

/// Aligns two sequences of sentences, allowing merged, split and missing sentences.
///
/// A dynamic program over beads 1–1, 1–0, 0–1, 2–1, 1–2 and 2–2, run twice. A bead's cost is
/// the Gale–Church length cost (the Arabic/English length ratio is estimated from the whole
/// document, then from the sentences the first pass paired one to one; a sentence left
/// without counterpart pays none) plus the cost of its type, minus a reward for each number and anchor (such as a
/// linked entity) found on both sides, plus a penalty for each found on one side only.
///
///     let en = ["The talks resumed on 24 November.", "Both sides agreed."]
///     let ar = ["استؤنفت المحادثات في ٢٤ نوفمبر واتفق الجانبان."]
///     SentenceAligner().align(en: en.map { SentenceFeatures(text: $0) }, ar: ar.map { SentenceFeatures(text: $0) })
///     // [SentenceBead(en: [0, 1], ar: [0], score: …)]
public struct SentenceAligner: Sendable {
    /// Variance of the length difference per character (Gale & Church).
    public var variance = 6.8
    /// −log prior of each bead type. Omissions and merges are likelier on the Arabic side
    /// (translations drop and join sentences more often than they add or split them).
    public var typeCosts: [BeadType: Double] = [
        .oneOne: -log(1 - 0.04 - 0.02 - 0.089 - 0.045 - 0.011),
        .oneZero: -log(0.04), .zeroOne: -log(0.02),
        .twoOne: -log(0.089), .oneTwo: -log(0.045), .twoTwo: -log(0.011),
    ]
    /// Reward for each number or anchor on both sides of a bead.
    public var matchReward = 2.0
    /// Penalty for each number or anchor on one side of a bead only.
    public var mismatchPenalty = 1.0

    public enum BeadType: CaseIterable, Sendable, Hashable {
        case oneOne, oneZero, zeroOne, twoOne, oneTwo, twoTwo
        var counts: (en: Int, ar: Int) {
            switch self {
            case .oneOne: (1, 1)
            case .oneZero: (1, 0)
            case .zeroOne: (0, 1)
            case .twoOne: (2, 1)
            case .oneTwo: (1, 2)
            case .twoTwo: (2, 2)
            }
        }
    }

    public init() {}

    /// The best alignment: beads in order, covering every sentence of both sides once.
    ///
    /// - Complexity: O(n · m) time and memory.
    public func align(en: [SentenceFeatures], ar: [SentenceFeatures]) -> [SentenceBead] {
        // The length ratio from the whole document is biased by the very omissions and merges
        // being looked for; a second pass takes it from the sentences the first pass paired 1–1.
        let totalEn = en.reduce(0) { $0 + $1.length }
        let totalAr = ar.reduce(0) { $0 + $1.length }
        let documentRatio = totalEn > 0 && totalAr > 0 ? Double(totalAr) / Double(totalEn) : 1.0
        let first = align(en: en, ar: ar, ratio: documentRatio)
        var pairedEn = 0
        var pairedAr = 0
        for b in first where b.en.count == 1 && b.ar.count == 1 {
            pairedEn += en[b.en[0]].length
            pairedAr += ar[b.ar[0]].length
        }
        guard pairedEn > 0 && pairedAr > 0 else { return first }
        let pairedRatio = Double(pairedAr) / Double(pairedEn)
        // A ratio within 2% of the first changes no decision worth a second pass.
        if abs(pairedRatio / documentRatio - 1) < 0.02 { return first }
        return align(en: en, ar: ar, ratio: pairedRatio)
    }

    func align(en: [SentenceFeatures], ar: [SentenceFeatures], ratio: Double) -> [SentenceBead] {
        let n = en.count
        let m = ar.count
        if n == 0 && m == 0 { return [] }
        // Numbers and anchors as small sorted integer lists, so a bead compares without allocating.
        var intern: [String: Int] = [:]
        func ids(_ f: SentenceFeatures) -> [Int] {
            (f.numbers + f.anchors.map { "\u{1}" + $0 }).map { x in
                if let i = intern[x] { return i }
                intern[x] = intern.count
                return intern.count - 1
            }.sorted()
        }
        let enIDs = en.map(ids)
        let arIDs = ar.map(ids)
        // Two neighbouring sentences' ids merged, for the beads that join two.
        func pairs(_ x: [[Int]]) -> [[Int]] {
            x.indices.dropLast().map { k in (x[k] + x[k + 1]).sorted() }
        }
        let enPairIDs = pairs(enIDs)
        let arPairIDs = pairs(arIDs)
        let enLength = en.map(\.length)
        let arLength = ar.map(\.length)
        let types = BeadType.allCases
        let prior = types.map { typeCosts[$0] ?? 10 }
        let infinity = Double.infinity
        let width = m + 1
        var cost = [Double](repeating: infinity, count: (n + 1) * width)
        var back = [Int8](repeating: -1, count: (n + 1) * width)
        let empty: [Int] = []
        cost[0] = 0
        for i in 0...n {
            for j in 0...m where cost[i * width + j] < infinity {
                let here = cost[i * width + j]
                for (k, t) in types.enumerated() {
                    let (a, b) = t.counts
                    guard i + a <= n, j + b <= m else { continue }
                    let le = a == 0 ? 0 : a == 1 ? enLength[i] : enLength[i] + enLength[i + 1]
                    let la = b == 0 ? 0 : b == 1 ? arLength[j] : arLength[j] + arLength[j + 1]
                    let x = a == 0 ? empty : a == 1 ? enIDs[i] : enPairIDs[i]
                    let y = b == 0 ? empty : b == 1 ? arIDs[j] : arPairIDs[j]
                    let (matched, unmatched) = Self.agreement(x, y)
                    let c = here + prior[k] + lengthCost(le, la, ratio)
                        + mismatchPenalty * Double(unmatched) - matchReward * Double(matched)
                    let target = (i + a) * width + j + b
                    if c < cost[target] {
                        cost[target] = c
                        back[target] = Int8(k)
                    }
                }
            }
        }
        var beads: [SentenceBead] = []
        var i = n
        var j = m
        while i > 0 || j > 0 {
            guard back[i * width + j] >= 0 else { break }
            let t = types[Int(back[i * width + j])]
            let (a, b) = t.counts
            let score = confidence(en[(i - a)..<i], ar[(j - b)..<j], ratio)
            beads.append(SentenceBead(en: Array((i - a)..<i), ar: Array((j - b)..<j), score: score))
            i -= a
            j -= b
        }
        return beads.reversed()
    }

    /// Items on both sides (as a multiset intersection) and on one side only, of two sorted
    /// id lists.
    static func agreement(_ x: [Int], _ y: [Int]) -> (Int, Int) {
        let total = x.count + y.count
        if total == 0 { return (0, 0) }
        var i = 0
        var j = 0
        var matched = 0
        while i < x.count && j < y.count {
            if x[i] == y[j] {
                matched += 1
                i += 1
                j += 1
            } else if x[i] < y[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return (matched, total - 2 * matched)
    }

    /// The same for groups of sorted id lists (the sentences of a bead).
    static func agreement(_ e: ArraySlice<[Int]>, _ a: ArraySlice<[Int]>) -> (Int, Int) {
        if e.count <= 1 && a.count <= 1 { return agreement(e.first ?? [], a.first ?? []) }
        return agreement(e.flatMap { $0 }.sorted(), a.flatMap { $0 }.sorted())
    }

    /// −log of the probability that lengths this far apart are translations (Gale & Church).
    /// A sentence with no counterpart pays only its bead type's prior: measuring its length
    /// against nothing would always make merging it into a neighbour look cheaper.
    func lengthCost(_ le: Int, _ la: Int, _ ratio: Double) -> Double {
        if le == 0 || la == 0 { return 0 }
        let mean = (Double(le) + Double(la) / ratio) / 2
        let delta = (Double(la) - Double(le) * ratio) / (variance * max(mean, 1) * ratio).squareRoot()
        let p = max(erfc(abs(delta) / 2.0.squareRoot()), 1e-12)
        return -log(p)
    }

    /// Numbers and anchors found on both sides, and on one side only.
    func anchorAgreement(_ e: ArraySlice<SentenceFeatures>, _ a: ArraySlice<SentenceFeatures>) -> (Int, Int) {
        if e.allSatisfy({ $0.numbers.isEmpty && $0.anchors.isEmpty }) {
            return (0, a.reduce(0) { $0 + $1.numbers.count + $1.anchors.count })
        }
        var left: [String: Int] = [:]
        for f in e { for x in f.numbers + f.anchors { left[x, default: 0] += 1 } }
        var matched = 0
        var unmatched = 0
        for f in a {
            for x in f.numbers + f.anchors {
                if let k = left[x], k > 0 {
                    left[x] = k - 1
                    matched += 1
                } else {
                    unmatched += 1
                }
            }
        }
        unmatched += left.values.reduce(0, +)
        return (matched, unmatched)
    }

    /// A bead's confidence: how well its lengths agree, lowered by anchors on one side only.
    func confidence(_ e: ArraySlice<SentenceFeatures>, _ a: ArraySlice<SentenceFeatures>, _ ratio: Double) -> Double {
        if e.isEmpty || a.isEmpty { return 0 }
        let lengthP = exp(-lengthCost(e.reduce(0) { $0 + $1.length }, a.reduce(0) { $0 + $1.length }, ratio))
        let (matched, unmatched) = anchorAgreement(e, a)
        let anchorP = matched + unmatched == 0 ? 1 : (Double(matched) + 1) / (Double(matched + unmatched) + 1)
        return (lengthP * 0.5 + anchorP * 0.5 + (matched > 0 ? 0.1 : 0)).clamped(0, 1)
    }
}

extension Double {
    func clamped(_ lo: Double, _ hi: Double) -> Double { Swift.min(hi, Swift.max(lo, self)) }
}
