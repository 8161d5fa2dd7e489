// TextOffsets.swift — converting scalar offsets to UTF-8 or UTF-16 offsets.

/// The unit an offset counts.
public enum OffsetUnit: String, Sendable, CaseIterable {
    /// Unicode scalars (code points) — bitext's default.
    case scalar
    /// UTF-8 bytes.
    case utf8
    /// UTF-16 code units (what JavaScript, Java and ICU count).
    case utf16
}

/// Converts Unicode scalar offsets within one text into UTF-8 or UTF-16 offsets.
///
///     let idx = TextOffsetIndex("ليبيا 🇱🇾")
///     idx.offset(ofScalar: 6, in: .utf8)    // 11
///     idx.offset(ofScalar: 7, in: .utf16)   // 8
///
/// - Complexity: building is O(n); each conversion is O(1) (at most 63 scalars walked).
public struct TextOffsetIndex: Sendable {
    private let utf8: [UInt8]
    // For scalar 64·k: its UTF-8 and UTF-16 offsets.
    private var utf8At: [Int] = []
    private var utf16At: [Int] = []
    /// Number of scalars in the text.
    public private(set) var scalarCount = 0

    public init(_ text: String) {
        self.init(utf8: Array(text.utf8))
    }

    /// Indexes valid UTF-8.
    public init(utf8 bytes: [UInt8]) {
        utf8 = bytes
        var s = 0
        var u16 = 0
        var i = 0
        while i < bytes.count {
            if s & 63 == 0 {
                utf8At.append(i)
                utf16At.append(u16)
            }
            let len = UTF8Scalars.sequenceLength(lead: bytes[i])
            u16 += len == 4 ? 2 : 1
            i += len
            s += 1
        }
        if s & 63 == 0 {
            utf8At.append(i)
            utf16At.append(u16)
        }
        scalarCount = s
    }

    /// The offset of scalar `n` (0...scalarCount) counted in `unit`.
    public func offset(ofScalar n: Int, in unit: OffsetUnit) -> Int {
        if unit == .scalar { return n }
        let target = min(max(n, 0), scalarCount)
        let k = target >> 6
        var i = utf8At[k]
        var u16 = utf16At[k]
        var s = k << 6
        while s < target {
            let len = UTF8Scalars.sequenceLength(lead: utf8[i])
            u16 += len == 4 ? 2 : 1
            i += len
            s += 1
        }
        return unit == .utf8 ? i : u16
    }
}
