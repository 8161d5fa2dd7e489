// TextEscaping.swift — showing text on a terminal without invisible characters acting on it.
import BitextIO
import BitextKit

extension OutputBuffer {
    /// Appends text for a human reader: bidi controls, other invisible format characters
    /// and C0/C1 controls are written as `\u{…}` escapes, so they can be seen and can not
    /// reorder the terminal's line.
    mutating func appendVisible(utf8 s: UnsafeBufferPointer<UInt8>, limit: Int = .max) {
        guard let p = s.baseAddress else { return }
        var i = 0
        var shown = 0
        while i < s.count {
            if shown >= limit {
                append("…")
                return
            }
            let (c, len) = UTF8Scalars.decode(p, i)
            let props = UnicodeTables.properties(of: c)
            let gc = props.generalCategory
            if gc == .control || gc == .format || props.isDefaultIgnorable || gc == .lineSeparator
                || gc == .paragraphSeparator
            {
                append("\\u{")
                append(string: String(c, radix: 16, uppercase: true))
                append("}")
            } else {
                append(bytes: UnsafeBufferPointer(start: p + i, count: len))
            }
            shown += 1
            i += len
        }
    }

    mutating func appendVisible(_ s: String, limit: Int = .max) {
        var s = s
        s.withUTF8 { appendVisible(utf8: $0, limit: limit) }
    }
}

/// The scalars `start..<end` of valid UTF-8, as a byte range.
func byteRange(_ p: UnsafeBufferPointer<UInt8>, scalars r: Range<Int>, from hint: (scalar: Int, byte: Int) = (0, 0)) -> Range<Int> {
    var s = hint.scalar
    var i = hint.byte
    while s < r.lowerBound && i < p.count {
        i += UTF8Scalars.sequenceLength(lead: p[i])
        s += 1
    }
    let a = i
    while s < r.upperBound && i < p.count {
        i += UTF8Scalars.sequenceLength(lead: p[i])
        s += 1
    }
    return a..<i
}
