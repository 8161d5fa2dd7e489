// UTF8Validation.swift — strict UTF-8 checking with exact error positions, and lossless-
// by-report repair (each maximal invalid subpart becomes one U+FFFD, as Unicode recommends).

/// What is wrong with a byte sequence that is not UTF-8.
public struct UTF8Error: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Reason: String, Sendable {
        /// A continuation byte (0x80–0xBF) where a character should start.
        case unexpectedContinuation = "unexpected continuation byte"
        /// A byte that never occurs in UTF-8 (0xC0, 0xC1, 0xF5–0xFF).
        case invalidByte = "byte that never occurs in UTF-8"
        /// A lead byte not followed by enough continuation bytes.
        case truncated = "truncated sequence"
        /// A sequence encoding a value that has a shorter encoding.
        case overlong = "overlong encoding"
        /// A sequence encoding a UTF-16 surrogate (U+D800–U+DFFF).
        case surrogate = "encoded surrogate"
        /// A sequence encoding a value above U+10FFFF.
        case tooLarge = "value above U+10FFFF"
    }

    /// Byte offset of the first bad byte, from the start of the buffer checked.
    public var byteOffset: Int
    /// Length of the maximal invalid subpart (1–3 bytes).
    public var length: Int
    public var reason: Reason
    /// The offending bytes.
    public var bytes: [UInt8]

    public init(byteOffset: Int, length: Int, reason: Reason, bytes: [UInt8]) {
        self.byteOffset = byteOffset
        self.length = length
        self.reason = reason
        self.bytes = bytes
    }

    public var description: String {
        let hex = bytes.map { b -> String in
            let s = String(b, radix: 16, uppercase: true)
            return "0x" + (s.count < 2 ? "0" + s : s)
        }.joined(separator: " ")
        return "invalid UTF-8 at byte \(byteOffset): \(reason.rawValue) (\(hex))"
    }
}

public enum UTF8Validation {
    /// The first encoding error in `bytes`, or nil when they are valid UTF-8.
    ///
    ///     UTF8Validation.firstError(in: [0x61, 0xC3])   // truncated sequence at byte 1
    ///
    /// - Complexity: O(n); ASCII is checked eight bytes at a time.
    @inlinable
    public static func firstError(in bytes: UnsafeBufferPointer<UInt8>) -> UTF8Error? {
        guard let base = bytes.baseAddress else { return nil }
        let n = bytes.count
        var i = 0
        while i < n {
            // ASCII: eight bytes at a time.
            while i + 8 <= n && UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
            }
            // Then character by character until the next long ASCII stretch.
            while i < n {
                let b0 = base[i]
                if b0 < 0x80 {
                    i += 1
                    if b0 == 0x20 || b0 == 0x0A { continue }  // a space in non-Latin text
                    break
                }
                // Well-formed sequences pass with the decoder's checks (Unicode Table 3-7);
                // the detailed diagnosis runs only on a bad one.
                let (_, good) = UTF8Scalars.decodeChecked(base, i, n)
                if good > 0 {
                    i += good
                    continue
                }
                let (len, error) = sequenceLength(base, i, n)
                if let error { return error }
                i += len
            }
        }
        return nil
    }

    /// The first encoding error in `bytes`, or nil.
    public static func firstError(in bytes: [UInt8]) -> UTF8Error? {
        bytes.withUnsafeBufferPointer { firstError(in: $0) }
    }

    /// Validates the sequence starting at `i` (a non-ASCII lead byte): its length, or the
    /// error describing the maximal invalid subpart there.
    @inlinable
    public static func sequenceLength(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int) -> (Int, UTF8Error?) {
        let b0 = p[i]
        @inline(__always) func fail(_ len: Int, _ r: UTF8Error.Reason) -> (Int, UTF8Error?) {
            (len, UTF8Error(byteOffset: i, length: len, reason: r, bytes: Array(UnsafeBufferPointer(start: p + i, count: len))))
        }
        @inline(__always) func cont(_ k: Int) -> Bool { i + k < n && p[i + k] & 0xC0 == 0x80 }
        switch b0 {
        case 0x80...0xBF: return fail(1, .unexpectedContinuation)
        case 0xC0, 0xC1:
            // Always overlong; the lead byte alone is the maximal subpart.
            return fail(1, .overlong)
        case 0xC2...0xDF:
            return cont(1) ? (2, nil) : fail(1, .truncated)
        case 0xE0...0xEF:
            guard i + 1 < n else { return fail(1, .truncated) }
            let b1 = p[i + 1]
            if b0 == 0xE0 && b1 >= 0x80 && b1 < 0xA0 { return fail(1, .overlong) }
            if b0 == 0xED && b1 >= 0xA0 && b1 <= 0xBF { return fail(1, .surrogate) }
            guard b1 & 0xC0 == 0x80 else { return fail(1, .truncated) }
            return cont(2) ? (3, nil) : fail(2, .truncated)
        case 0xF0...0xF4:
            guard i + 1 < n else { return fail(1, .truncated) }
            let b1 = p[i + 1]
            if b0 == 0xF0 && b1 >= 0x80 && b1 < 0x90 { return fail(1, .overlong) }
            if b0 == 0xF4 && b1 >= 0x90 && b1 <= 0xBF { return fail(1, .tooLarge) }
            guard b1 & 0xC0 == 0x80 else { return fail(1, .truncated) }
            guard cont(2) else { return fail(2, .truncated) }
            return cont(3) ? (4, nil) : fail(3, .truncated)
        case 0xF5...0xF7:
            return fail(1, .tooLarge)
        default:
            return fail(1, .invalidByte)
        }
    }

    /// `bytes` with every maximal invalid subpart replaced by U+FFFD (EF BF BD), and the
    /// errors found (offsets into the original). Valid input comes back unchanged.
    public static func repairing(_ bytes: UnsafeBufferPointer<UInt8>) -> (bytes: [UInt8], errors: [UTF8Error]) {
        var out: [UInt8] = []
        var errors: [UTF8Error] = []
        guard let base = bytes.baseAddress else { return ([], []) }
        out.reserveCapacity(bytes.count + 16)
        var i = 0
        let n = bytes.count
        while i < n {
            let b0 = base[i]
            if b0 < 0x80 { out.append(b0); i += 1; continue }
            let (len, error) = sequenceLength(base, i, n)
            if let error {
                errors.append(error)
                out.append(contentsOf: [0xEF, 0xBF, 0xBD])
            } else {
                out.append(contentsOf: UnsafeBufferPointer(start: base + i, count: len))
            }
            i += len
        }
        return (out, errors)
    }
}

/// Decoding of UTF-8 that is already known to be valid.
public enum UTF8Scalars {
    /// Decodes the scalar starting at `i` in valid UTF-8; returns it and its length in bytes.
    @inlinable @inline(__always)
    public static func decode(_ p: UnsafePointer<UInt8>, _ i: Int) -> (scalar: UInt32, length: Int) {
        let b0 = UInt32(p[i])
        if b0 < 0x80 { return (b0, 1) }
        if b0 < 0xE0 { return ((b0 & 0x1F) << 6 | UInt32(p[i + 1] & 0x3F), 2) }
        if b0 < 0xF0 {
            return ((b0 & 0x0F) << 12 | UInt32(p[i + 1] & 0x3F) << 6 | UInt32(p[i + 2] & 0x3F), 3)
        }
        return ((b0 & 0x07) << 18 | UInt32(p[i + 1] & 0x3F) << 12 | UInt32(p[i + 2] & 0x3F) << 6
                    | UInt32(p[i + 3] & 0x3F), 4)
    }

    /// Decodes and checks the scalar at `i` (of `n` bytes): its value and length, or length
    /// 0 when the bytes there are not well-formed UTF-8 (Unicode Table 3-7).
    @inlinable @inline(__always)
    public static func decodeChecked(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int) -> (scalar: UInt32, length: Int) {
        let b0 = UInt32(p[i])
        if b0 < 0x80 { return (b0, 1) }
        if b0 < 0xC2 { return (0, 0) }
        if b0 < 0xE0 {
            guard i + 1 < n, p[i + 1] & 0xC0 == 0x80 else { return (0, 0) }
            return ((b0 & 0x1F) << 6 | UInt32(p[i + 1] & 0x3F), 2)
        }
        if b0 < 0xF0 {
            guard i + 2 < n else { return (0, 0) }
            let b1 = p[i + 1]
            let lo: UInt8 = b0 == 0xE0 ? 0xA0 : 0x80
            let hi: UInt8 = b0 == 0xED ? 0x9F : 0xBF
            guard b1 >= lo && b1 <= hi && p[i + 2] & 0xC0 == 0x80 else { return (0, 0) }
            return ((b0 & 0x0F) << 12 | UInt32(b1 & 0x3F) << 6 | UInt32(p[i + 2] & 0x3F), 3)
        }
        if b0 > 0xF4 { return (0, 0) }
        guard i + 3 < n else { return (0, 0) }
        let b1 = p[i + 1]
        let lo: UInt8 = b0 == 0xF0 ? 0x90 : 0x80
        let hi: UInt8 = b0 == 0xF4 ? 0x8F : 0xBF
        guard b1 >= lo && b1 <= hi && p[i + 2] & 0xC0 == 0x80 && p[i + 3] & 0xC0 == 0x80 else { return (0, 0) }
        return ((b0 & 0x07) << 18 | UInt32(b1 & 0x3F) << 12 | UInt32(p[i + 2] & 0x3F) << 6
                    | UInt32(p[i + 3] & 0x3F), 4)
    }

    /// Number of bytes of the UTF-8 sequence led by `b0` (1 for a continuation byte).
    @inlinable @inline(__always)
    public static func sequenceLength(lead b0: UInt8) -> Int {
        b0 < 0xC0 ? 1 : b0 < 0xE0 ? 2 : b0 < 0xF0 ? 3 : 4
    }

    /// Appends the UTF-8 encoding of `scalar` to `out`.
    @inlinable @inline(__always)
    public static func encode(_ scalar: UInt32, into out: inout [UInt8]) {
        if scalar < 0x80 {
            out.append(UInt8(scalar))
        } else if scalar < 0x800 {
            out.append(UInt8(0xC0 | scalar >> 6))
            out.append(UInt8(0x80 | scalar & 0x3F))
        } else if scalar < 0x10000 {
            out.append(UInt8(0xE0 | scalar >> 12))
            out.append(UInt8(0x80 | (scalar >> 6) & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        } else {
            out.append(UInt8(0xF0 | scalar >> 18))
            out.append(UInt8(0x80 | (scalar >> 12) & 0x3F))
            out.append(UInt8(0x80 | (scalar >> 6) & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// Number of Unicode scalars in valid UTF-8 (bytes that are not continuation bytes).
    @inlinable
    public static func count(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var n = 0
        for b in bytes where b & 0xC0 != 0x80 { n += 1 }
        return n
    }
}
