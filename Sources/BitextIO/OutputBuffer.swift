// OutputBuffer.swift — fast byte output: JSON values, numbers, escapes.
import BitextCore

/// A growable byte buffer with the writers bitext's output formats need.
///
///     var out = OutputBuffer()
///     out.append("{\"text\": ")
///     out.appendJSONString(utf8: bytes)   // escapes quotes, controls, bidi controls
///     out.append("}\n")
public struct OutputBuffer: Sendable {
    public var bytes: [UInt8] = []

    public init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    public var count: Int { bytes.count }
    public var isEmpty: Bool { bytes.isEmpty }
    public mutating func removeAll(keepingCapacity: Bool = true) { bytes.removeAll(keepingCapacity: keepingCapacity) }

    @inlinable @inline(__always)
    public mutating func append(byte b: UInt8) { bytes.append(b) }

    @inlinable
    public mutating func append(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    public mutating func append(string s: String) {
        var s = s
        s.withUTF8 { bytes.append(contentsOf: $0) }
    }

    @inlinable
    public mutating func append(bytes b: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: b) }

    public mutating func append(bytes b: [UInt8]) { bytes.append(contentsOf: b) }

    /// A decimal integer.
    @inlinable
    public mutating func append(int v: Int) {
        if v < 0 {
            bytes.append(UInt8(ascii: "-"))
            append(int: 0 &- v)
            return
        }
        if v < 10 {
            bytes.append(UInt8(truncatingIfNeeded: 48 &+ v))
            return
        }
        var tmp: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                  UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        var x = v
        withUnsafeMutableBytes(of: &tmp) { p in
            while x > 0 {
                p[19 - n] = UInt8(truncatingIfNeeded: 48 &+ x % 10)
                x /= 10
                n += 1
            }
            bytes.append(contentsOf: p[(20 - n)...])
        }
    }

    /// A number in [0, 1]-style score format: up to `digits` decimals, trailing zeros dropped
    /// (`0.41`, `1`, `0`).
    public mutating func append(score: Double, digits: Int = 4) {
        guard score.isFinite else {
            append("0")
            return
        }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let negative = score < 0
        var scaled = (abs(score) * scale).rounded()
        if scaled > 9e15 { scaled = 9e15 }
        let units = Int(scaled)
        let whole = units / Int(scale)
        var frac = units % Int(scale)
        if negative && units != 0 { bytes.append(UInt8(ascii: "-")) }
        append(int: whole)
        if frac == 0 { return }
        var width = digits
        while frac % 10 == 0 {
            frac /= 10
            width -= 1
        }
        bytes.append(UInt8(ascii: "."))
        var div = 1
        for _ in 1..<width { div *= 10 }
        while div > 0 {
            bytes.append(UInt8(truncatingIfNeeded: 48 + (frac / div) % 10))
            div /= 10
        }
    }

    /// A JSON string literal from valid UTF-8, quotes included.
    ///
    /// Besides what JSON requires (quote, backslash, C0 controls), it writes as `\u` escapes
    /// the characters that could make the output read differently from what it holds: C1
    /// controls, bidi controls (LRM, RLM, ALM, LRE…PDF, LRI…PDI), U+2028/U+2029 and U+FEFF.
    /// The value is unchanged: every JSON parser reads the escapes back.
    @inlinable
    public mutating func appendJSONString(utf8 s: UnsafeBufferPointer<UInt8>) {
        bytes.append(UInt8(ascii: "\""))
        JSONStringScan.scan(s, run: { p, n in
            bytes.append(contentsOf: UnsafeBufferPointer(start: p, count: n))
        }, escape: { c in
            if let e = JSONStringScan.shortEscape(c) { append(e) } else { appendUnicodeEscape(c) }
        })
        bytes.append(UInt8(ascii: "\""))
    }

    /// A JSON string literal.
    public mutating func appendJSONString(_ s: String) {
        var s = s
        s.withUTF8 { appendJSONString(utf8: $0) }
    }

    /// A JSON string literal, or `null` for nil.
    public mutating func appendJSONStringOrNull(_ s: String?) {
        if let s { appendJSONString(s) } else { append("null") }
    }

    /// The contract's `"canonical": {"en": …, "ar": …}` member (nil as `null`).
    public mutating func appendJSONCanonical(english: String?, arabic: String?) {
        append("\"canonical\": {\"en\": ")
        appendJSONStringOrNull(english)
        append(", \"ar\": ")
        appendJSONStringOrNull(arabic)
        append("}")
    }

    /// True for the non-ASCII scalars ``appendJSONString(utf8:)`` writes as `\u` escapes.
    @inlinable
    public static func escapesScalar(_ c: UInt32) -> Bool {
        switch c {
        case 0x80...0x9F, 0x061C, 0x200E, 0x200F, 0x2028...0x202E, 0x2066...0x2069, 0xFEFF: true
        default: false
        }
    }

    @inlinable
    mutating func appendUnicodeEscape(_ c: UInt32) {
        let hex: StaticString = "0123456789abcdef"
        append("\\u")
        hex.withUTF8Buffer { h in
            bytes.append(h[Int((c >> 12) & 0xF)])
            bytes.append(h[Int((c >> 8) & 0xF)])
            bytes.append(h[Int((c >> 4) & 0xF)])
            bytes.append(h[Int(c & 0xF)])
        }
    }
}

/// The walk over a JSON string value's UTF-8 that every JSON writer here shares: the runs of
/// bytes written as they are, and the characters written as escapes (quote, backslash, C0
/// controls, and the scalars ``OutputBuffer/escapesScalar(_:)`` names).
public enum JSONStringScan {
    /// Calls `run(start, count)` for each run of bytes to copy and `escape(c)` for each
    /// character to escape, in order.
    @inlinable @inline(__always)
    public static func scan(_ s: UnsafeBufferPointer<UInt8>, run: (UnsafePointer<UInt8>, Int) -> Void,
                            escape: (UInt32) -> Void) {
        guard let p = s.baseAddress else { return }
        let n = s.count
        var runStart = 0
        var i = 0
        while i < n {
            let b = p[i]
            if b >= 0x20 && b != 0x22 && b != 0x5C && b < 0x80 {
                i += 1
                continue
            }
            if b >= 0x80 {
                // Only a few lead bytes can start a character that is escaped.
                let len = UTF8Scalars.sequenceLength(lead: b)
                if (b == 0xC2 || b == 0xD8 || b == 0xE2 || b == 0xEF) && i + len <= n {
                    let (cp, _) = UTF8Scalars.decode(p, i)
                    if OutputBuffer.escapesScalar(cp) {
                        run(p + runStart, i - runStart)
                        escape(cp)
                        i += len
                        runStart = i
                        continue
                    }
                }
                i += len
                continue
            }
            run(p + runStart, i - runStart)
            escape(UInt32(b))
            i += 1
            runStart = i
        }
        run(p + runStart, n - runStart)
    }

    /// The two-character escape of a character JSON has one for, else nil (`\uXXXX` then).
    @inlinable @inline(__always)
    public static func shortEscape(_ c: UInt32) -> StaticString? {
        switch c {
        case 0x22: "\\\""
        case 0x5C: "\\\\"
        case 0x0A: "\\n"
        case 0x0D: "\\r"
        case 0x09: "\\t"
        default: nil
        }
    }
}
