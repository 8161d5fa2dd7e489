// UnicodeTables.swift — constant-time lookup of packed Unicode properties.

/// A two-stage property lookup (see ``UnicodeTables``); a plain value, cheap to copy.
@frozen
public struct PropertyTable: @unchecked Sendable {
    @usableFromInline let stage1: UnsafeMutablePointer<UInt16>
    @usableFromInline let stage2: UnsafeMutablePointer<UInt32>

    @inlinable init(stage1: UnsafeMutablePointer<UInt16>, stage2: UnsafeMutablePointer<UInt32>) {
        self.stage1 = stage1
        self.stage2 = stage2
    }

    /// The packed properties of a code point (anything above U+10FFFF reads as unassigned).
    @inlinable @inline(__always)
    public subscript(scalar: UInt32) -> UnicodeProperties {
        let c = scalar <= 0x10FFFF ? scalar : 0x10FFFF
        let block = UInt32(stage1[Int(c >> 7)])
        return UnicodeProperties(rawValue: stage2[Int((block << 7) | (c & 127))])
    }
}

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

    /// The lookup table as a value: copy it into a local before a hot loop, so the loop
    /// does not go through the lazy global's initialization check on every character.
    ///
    ///     let table = UnicodeTables.table
    ///     for s in text.unicodeScalars { if table[s.value].isLetter { … } }
    @inlinable public static var table: PropertyTable {
        PropertyTable(stage1: storage.stage1, stage2: storage.stage2)
    }

    /// The packed properties of a code point (anything above U+10FFFF reads as unassigned).
    @inlinable @inline(__always)
    public static func properties(of scalar: UInt32) -> UnicodeProperties {
        table[scalar]
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
        blocks.reserveCapacity(512 * blockSize)
        // Blocks holding one value are shared by value; the few hundred mixed blocks are
        // stored as they come (deduplicating them would cost more at start-up than it saves).
        var uniformBlock: [UInt32: UInt16] = [:]
        var r = 0
        for b in 0..<blockCount {
            let base = UInt32(b) << blockShift
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
            stage1[b] = UInt16(blocks.count / blockSize)
            var k = r
            for i in 0..<blockSize {
                let c = base + UInt32(i)
                while k + 1 < ranges.count && ranges[k + 1].start <= c { k += 1 }
                blocks.append(ranges[k].value)
            }
        }
        let stage2 = UnsafeMutablePointer<UInt32>.allocate(capacity: blocks.count)
        stage2.initialize(from: blocks, count: blocks.count)
        return Storage(stage1: stage1, stage2: stage2, ranges: ranges)
    }

    static func decodeRanges() -> [(start: UInt32, value: UInt32)] {
        var out: [(UInt32, UInt32)] = []
        out.reserveCapacity(5000)
        rangeData.withUTF8Buffer { buf in
            var value: UInt64 = 0
            var digits = 0
            for b in buf {
                let d: UInt64
                switch b {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt64(b &- 48)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt64(b &- 55)
                default: continue
                }
                value = value << 4 | d
                digits += 1
                if digits == 14 {
                    out.append((UInt32(truncatingIfNeeded: value >> 32), UInt32(truncatingIfNeeded: value)))
                    value = 0
                    digits = 0
                }
            }
        }
        return out
    }
}
