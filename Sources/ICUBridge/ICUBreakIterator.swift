// ICUBreakIterator.swift — ICU's UAX #29 text segmentation (words, sentences).
internal import CICU

/// ICU's rule-based break iterator. Not thread-safe: one per thread.
///
///     let s = try ICUBreakIterator(.sentence, locale: "en")
///     s.boundaries(in: "He left. She stayed.")   // [0, 9, 20]  (UTF-16 offsets)
public final class ICUBreakIterator {
    public enum Kind: Int32, Sendable { case character = 0, word, line, sentence }
    private let handle: OpaquePointer
    private var text: [UInt16] = []

    public init(_ kind: Kind, locale: String) throws(ICUError) {
        var status: Int32 = 0
        let h = locale.withCString { bx_breaker_open(kind.rawValue, $0, &status) }
        guard let h, !icuFailed(status) else { throw ICUError(status, "opening a \(kind) break iterator") }
        handle = h
    }

    deinit { bx_breaker_close(handle) }

    /// Boundary positions in UTF-16 code units, including 0 and the text's length.
    public func boundaries(in s: String) -> [Int] {
        text = s.utf16Array
        var status: Int32 = 0
        text.withUnsafeBufferPointer { bx_breaker_set_text(handle, $0.baseAddress, Int32($0.count), &status) }
        var out = [0]
        if text.isEmpty || icuFailed(status) { return text.isEmpty ? out : out + [text.count] }
        while true {
            let b = bx_breaker_next(handle)
            if b < 0 { break }
            out.append(Int(b))
        }
        return out
    }
}
