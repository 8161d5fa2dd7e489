// NameModel+Lexicon.swift — the word lexicon, the reverse lexicon and the particle forms.

extension NameModel {
    /// The lexicon entry of an Arabic name unit (a search-folded word such as `القذافي`, or a
    /// compound such as `عبد الله`), if the model knows it.
    ///
    ///     model.unitIndex(of: "القذافي") != nil   // true with the embedded model
    ///
    /// - Complexity: O(log n) comparisons.
    public func unitIndex(of key: String) -> Int? {
        var key = key
        return key.withUTF8 { unitIndex(utf8: UnsafeRawBufferPointer($0)) }
    }

    func unitIndex(utf8 key: UnsafeRawBufferPointer) -> Int? {
        findRow(key, in: unit, count: unitCount, stride: 12, wideLength: false)
    }

    /// The unit `key` is (its index), and whether some unit of several words starts with it
    /// (`key`, a space, more): one binary search for both. A unit's text holds no byte below
    /// the space, so the units that start with `key` and a space come right after `key`.
    func unitLookup(utf8 key: UnsafeRawBufferPointer) -> (index: Int?, startsCompound: Bool) {
        var lo = 0
        var hi = unitCount
        while lo < hi {
            let mid = (lo + hi) >> 1
            let at = unit + 12 * mid
            if compareBytes(bytes(u32(at), Int(u16(at + 4))), key) < 0 { lo = mid + 1 } else { hi = mid }
        }
        var index: Int?
        var p = lo
        if p < unitCount {
            let at = unit + 12 * p
            if compareBytes(bytes(u32(at), Int(u16(at + 4))), key) == 0 {
                index = p
                p += 1
            }
        }
        guard p < unitCount else { return (index, false) }
        let at = unit + 12 * p
        let row = bytes(u32(at), Int(u16(at + 4)))
        let starts = row.count > key.count && row[key.count] == 0x20
            && compareBytes(UnsafeRawBufferPointer(rebasing: row[..<key.count]), key) == 0
        return (index, starts)
    }

    /// Binary search in a table of rows sorted by their key string (u32 offset, then the
    /// length as u16 or, with `wideLength`, u32).
    func findRow(_ key: UnsafeRawBufferPointer, in table: Int, count: Int, stride: Int, wideLength: Bool) -> Int? {
        var lo = 0
        var hi = count
        while lo < hi {
            let mid = (lo + hi) >> 1
            let at = table + stride * mid
            let len = wideLength ? Int(u32(at + 4)) : Int(u16(at + 4))
            let c = compareBytes(bytes(u32(at), len), key)
            if c == 0 { return mid }
            if c < 0 { lo = mid + 1 } else { hi = mid }
        }
        return nil
    }

    /// The Arabic text of lexicon unit `i`.
    public func unitKey(_ i: Int) -> String {
        let at = unit + 12 * i
        return string(u32(at), Int(u16(at + 4)))
    }

    /// The indices of unit `i`'s spellings (most frequent first).
    func spellingRange(ofUnit i: Int) -> Range<Int> {
        let at = unit + 12 * i
        let first = Int(u32(at + 8))
        return first..<(first + Int(u16(at + 6)))
    }

    /// The written form of spelling `s` (`Al-Shammari`).
    func spellingDisplay(_ s: Int) -> String {
        let at = spel + 12 * s
        return string(u32(at), Int(u16(at + 4)))
    }

    /// The counts of spelling `s`: (total, count in `region`).
    @inline(__always)
    func spellingCounts(_ s: Int, region: Int) -> (total: Double, inRegion: Double) {
        let at = spel + 12 * s
        let n = Int(u16(at + 6))
        let first = Int(u32(at + 8))
        var total = 0.0
        var inRegion = 0.0
        for k in first..<(first + n) {
            let v = u32(rcnt + 4 * k)
            let c = Double(v & 0xFF_FFFF)
            total += c
            if Int(v >> 24) == region { inRegion = c }
        }
        return (total, inRegion)
    }

    /// The counts of spelling `s` per region.
    func spellingRegionCounts(_ s: Int) -> [(region: Int, count: Double)] {
        let at = spel + 12 * s
        let n = Int(u16(at + 6))
        let first = Int(u32(at + 8))
        var out: [(region: Int, count: Double)] = []
        out.reserveCapacity(n)
        for k in first..<(first + n) {
            let v = u32(rcnt + 4 * k)
            out.append((Int(v >> 24), Double(v & 0xFF_FFFF)))
        }
        return out
    }

    /// Adds unit `i`'s counts per region to `into` (indexed by region), and returns its total.
    func addUnitRegionCounts(_ i: Int, into counts: inout [Double]) -> Double {
        var total = 0.0
        for s in spellingRange(ofUnit: i) {
            let at = spel + 12 * s
            let n = Int(u16(at + 6))
            let first = Int(u32(at + 8))
            for k in first..<(first + n) {
                let v = u32(rcnt + 4 * k)
                let c = Double(v & 0xFF_FFFF)
                counts[Int(v >> 24)] += c
                total += c
            }
        }
        return total
    }

    /// The Arabic units a Latin spelling identity (``LatinFolding/identity(_:)``) is attested
    /// for, with counts, most frequent first.
    ///
    ///     model.arabicUnits(forLatin: "gaddafi")   // [("القذافي", 7), …]
    public func arabicUnits(forLatin identity: String) -> [(unit: String, count: Int)] {
        var key = identity
        guard let r = key.withUTF8({ reverseIndex(utf8: UnsafeRawBufferPointer($0)) }) else { return [] }
        return reverseEntries(r).map { (unitKey($0.unit), Int($0.count)) }
    }

    func reverseIndex(utf8 key: UnsafeRawBufferPointer) -> Int? {
        findRow(key, in: revk, count: reverseCount, stride: 12, wideLength: false)
    }

    /// The summed counts of reverse-lexicon row `r` (``reverseEntries(_:)``, without the array).
    func reverseTotal(_ r: Int) -> Double {
        let at = revk + 12 * r
        let n = Int(u16(at + 6))
        let first = Int(u32(at + 8))
        var total = 0.0
        for k in first..<(first + n) { total += Double(u32(reve + 8 * k + 4)) }
        return total
    }

    func reverseEntries(_ r: Int) -> [(unit: Int, count: Double)] {
        let at = revk + 12 * r
        let n = Int(u16(at + 6))
        let first = Int(u32(at + 8))
        var out: [(unit: Int, count: Double)] = []
        out.reserveCapacity(n)
        for k in first..<(first + n) {
            out.append((Int(u32(reve + 8 * k)), Double(u32(reve + 8 * k + 4))))
        }
        return out
    }

    /// Particle forms of `kind` (0: the article ال, 1: عبد + ال) for a region and a following
    /// sun or moon letter, most frequent first.
    func forms(kind: Int, region: Int, sun: Bool) -> [(form: String, count: Double)] {
        particleForms[kind * 2 * regionCount + 2 * region + (sun ? 1 : 0)]
    }

    static func readForms(_ m: NameModel) -> [[(form: String, count: Double)]] {
        var t = [[(form: String, count: Double)]](repeating: [], count: 2 * 2 * m.regionCount)
        for i in 0..<m.formCount {
            let at = m.form + 24 * i
            let kind = Int(m.u32(at))
            let region = Int(m.u32(at + 4))
            let sun = m.u32(at + 8) != 0
            let s = m.string(m.u32(at + 12), Int(m.u32(at + 16)))
            t[kind * 2 * m.regionCount + 2 * region + (sun ? 1 : 0)].append((s, Double(m.u32(at + 20))))
        }
        for k in t.indices { t[k].sort { $0.count > $1.count || ($0.count == $1.count && $0.form < $1.form) } }
        return t
    }

    /// The index of a region by name ("world", "EG", "DZ" …).
    public func regionIndex(_ name: String) -> Int? { regions.firstIndex(of: name) }
}
