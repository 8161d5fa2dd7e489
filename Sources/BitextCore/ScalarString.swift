// ScalarString.swift — strings made from runs of scalars, encoded directly.

extension String {
    /// The string of `scalars`, encoded to UTF-8 in one pass: much faster than appending to a
    /// `String.UnicodeScalarView`, which is what this replaces in the hot paths.
    ///
    ///     let s: [Unicode.Scalar] = ["ل", "ي", "ب", "ي", "ا"]
    ///     String(scalars: s[1...])   // "يبيا"
    @inlinable
    public init<C: Collection>(scalars: C) where C.Element == Unicode.Scalar {
        var n = 0
        for u in scalars { n += UTF8.width(u) }
        if n == 0 {
            self = ""
            return
        }
        self.init(unsafeUninitializedCapacity: n) { buffer in
            var k = 0
            for u in scalars {
                let v = u.value
                if v < 0x80 {
                    buffer[k] = UInt8(truncatingIfNeeded: v)
                    k += 1
                } else if v < 0x800 {
                    buffer[k] = UInt8(truncatingIfNeeded: 0xC0 | (v >> 6))
                    buffer[k + 1] = UInt8(truncatingIfNeeded: 0x80 | (v & 0x3F))
                    k += 2
                } else if v < 0x10000 {
                    buffer[k] = UInt8(truncatingIfNeeded: 0xE0 | (v >> 12))
                    buffer[k + 1] = UInt8(truncatingIfNeeded: 0x80 | ((v >> 6) & 0x3F))
                    buffer[k + 2] = UInt8(truncatingIfNeeded: 0x80 | (v & 0x3F))
                    k += 3
                } else {
                    buffer[k] = UInt8(truncatingIfNeeded: 0xF0 | (v >> 18))
                    buffer[k + 1] = UInt8(truncatingIfNeeded: 0x80 | ((v >> 12) & 0x3F))
                    buffer[k + 2] = UInt8(truncatingIfNeeded: 0x80 | ((v >> 6) & 0x3F))
                    buffer[k + 3] = UInt8(truncatingIfNeeded: 0x80 | (v & 0x3F))
                    k += 4
                }
            }
            return k
        }
    }
}

/// A string as a dictionary key, hashed and compared by its UTF-8 bytes. `String` hashes
/// and compares non-ASCII text (Arabic) through its canonical form, which costs far more;
/// a cache keyed this way may keep two canonically equal spellings apart, which costs
/// only a miss.
public struct UTF8Key: Hashable, Sendable {
    public let text: String

    @inlinable
    public init(_ text: String) { self.text = text }

    @inlinable
    public static func == (a: UTF8Key, b: UTF8Key) -> Bool {
        a.text.utf8.count == b.text.utf8.count && a.text.utf8.elementsEqual(b.text.utf8)
    }

    @inlinable
    public func hash(into h: inout Hasher) {
        var t = text
        t.withUTF8 { h.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
