// UnicodeTables.swift — constant-time lookup of packed Unicode properties.

/// bitext's own Unicode property tables: a two-stage lookup built once from the
/// generated range data (UnicodeTables+Data.swift). Faster than asking ICU per
/// character, and usable without ICU.
///
///     UnicodeTables.properties(of: 0x0628).script.code   // "Arab"
///     UnicodeTables.script(of: 0x0041).code             // "Latn"
public enum UnicodeTables {
    /// 128-code-point blocks; stage 1 maps a block to its (deduplicated) contents in stage 2.
    @usableFromInline static let blockShift: UInt32 = 7
    @usableFromInline static let blockMask: UInt32 = 127

    @usableFromInline
    struct Storage: @unchecked Sendable {
        @usableFromInline let stage1: UnsafeMutablePointer<UInt16>
        @usableFromInline let stage2: UnsafeMutablePointer<UInt32>
        let ranges: [(start: UInt32, value: UInt32)]
    }

    @usableFromInline static let storage: Storage = build()

    /// The packed properties of a code point (anything above U+10FFFF reads as unassigned).
    @inlinable @inline(__always)
    public static func properties(of scalar: UInt32) -> UnicodeProperties {
        let s = storage
        let c = scalar <= 0x10FFFF ? scalar : 0x10FFFF
        let block = UInt32(s.stage1[Int(c >> blockShift)])
        return UnicodeProperties(rawValue: s.stage2[Int((block << blockShift) | (c & blockMask))])
    }

    /// The Script property of a code point.
    @inlinable
    public static func script(of scalar: UInt32) -> Script { properties(of: scalar).script }

    /// The closing bracket paired with an opening one (Bidi_Paired_Bracket), or nil.
    public static func closingBracket(for open: UInt32) -> UInt32? {
        bracketLookup[open]
    }

    private static let bracketLookup: [UInt32: UInt32] = {
        var d: [UInt32: UInt32] = [:]
        for p in bracketPairs { d[p.open] = p.close }
        return d
    }()

    /// The decoded range list (first code point, packed value), for tests and tools.
    public static var ranges: [(start: UInt32, value: UInt32)] { storage.ranges }

    static func build() -> Storage {
        let ranges = decodeRanges()
        let blockCount = Int((0x10FFFF >> blockShift) + 1)
        let blockSize = Int(blockMask + 1)
        let stage1 = UnsafeMutablePointer<UInt16>.allocate(capacity: blockCount)
        var blocks: [UInt32] = []
        var uniformBlock: [UInt32: UInt16] = [:]
        var seen: [[UInt32]: UInt16] = [:]
        var r = 0
        var current = [UInt32](repeating: 0, count: blockSize)
        for b in 0..<blockCount {
            let base = UInt32(b) << blockShift
            // Uniform block: one range covers all of it.
            while r + 1 < ranges.count && ranges[r + 1].start <= base { r += 1 }
            let blockEnd = base + UInt32(blockSize)
            if r + 1 >= ranges.count || ranges[r + 1].start >= blockEnd {
                let v = ranges[r].value
                if let idx = uniformBlock[v] {
                    stage1[b] = idx
                } else {
                    let idx = UInt16(blocks.count / blockSize)
                    blocks.append(contentsOf: repeatElement(v, count: blockSize))
                    uniformBlock[v] = idx
                    stage1[b] = idx
                }
                continue
            }
            var k = r
            for i in 0..<blockSize {
                let c = base + UInt32(i)
                while k + 1 < ranges.count && ranges[k + 1].start <= c { k += 1 }
                current[i] = ranges[k].value
            }
            if let idx = seen[current] {
                stage1[b] = idx
            } else {
                let idx = UInt16(blocks.count / blockSize)
                blocks.append(contentsOf: current)
                seen[current] = idx
                stage1[b] = idx
            }
        }
        let stage2 = UnsafeMutablePointer<UInt32>.allocate(capacity: blocks.count)
        stage2.initialize(from: blocks, count: blocks.count)
        return Storage(stage1: stage1, stage2: stage2, ranges: ranges)
    }

    static func decodeRanges() -> [(start: UInt32, value: UInt32)] {
        var out: [(UInt32, UInt32)] = []
        rangeData.withUTF8Buffer { buf in
            var digits: [UInt8] = []
            digits.reserveCapacity(buf.count)
            for b in buf where b != UInt8(ascii: "\n") && b != UInt8(ascii: "\\") { digits.append(b) }
            func hexValue(_ b: UInt8) -> UInt32 {
                b <= UInt8(ascii: "9") ? UInt32(b - UInt8(ascii: "0")) : UInt32(b - UInt8(ascii: "A") + 10)
            }
            var i = 0
            while i + 14 <= digits.count {
                var start: UInt32 = 0
                for j in 0..<6 { start = start << 4 | hexValue(digits[i + j]) }
                var value: UInt32 = 0
                for j in 6..<14 { value = value << 4 | hexValue(digits[i + j]) }
                out.append((start, value))
                i += 14
            }
        }
        return out
    }
}
