// ICUBidi.swift — the Unicode Bidirectional Algorithm (UAX #9) through ICU.
internal import CICU

/// ICU's implementation of the Unicode Bidirectional Algorithm for one paragraph.
/// Not thread-safe: one instance per thread.
///
///     let b = try ICUBidiParagraph()
///     b.levels(of: "abc \u{202E}def")   // [0, 0, 0, 0, 1, 1, 1, 1]  (per UTF-16 unit)
public final class ICUBidiParagraph {
    private let handle: OpaquePointer
    private var text: [UInt16] = []

    public enum BaseDirection: UInt8, Sendable {
        case leftToRight = 0, rightToLeft = 1, autoLTR = 0xFE, autoRTL = 0xFF
    }

    public init() throws(ICUError) {
        var status: Int32 = 0
        guard let h = bx_bidi_open(&status), !icuFailed(status) else {
            throw ICUError(status, "opening a bidi object")
        }
        handle = h
    }

    deinit { bx_bidi_close(handle) }

    /// Resolved embedding levels, one per UTF-16 code unit of `text`.
    public func levels(of text: String, base: BaseDirection = .autoLTR) -> [UInt8] {
        set(text, base)
        var status: Int32 = 0
        var out = [UInt8](repeating: 0, count: self.text.count)
        _ = out.withUnsafeMutableBufferPointer { bx_bidi_levels(handle, $0.baseAddress, Int32($0.count), &status) }
        return out
    }

    /// The text in visual order (left to right), bidi controls removed, mirrored glyphs swapped.
    public func visualOrder(of text: String, base: BaseDirection = .autoLTR) -> String {
        set(text, base)
        let (out, status) = withGrowingUTF16Buffer(initialCapacity: self.text.count + 8) { dst, cap, st in
            bx_bidi_write_reordered(handle, dst, cap, &st)
        }
        if icuFailed(status) { return text }
        return String(decoding: out, as: UTF16.self)
    }

    private func set(_ s: String, _ base: BaseDirection) {
        text = s.utf16Array
        var status: Int32 = 0
        text.withUnsafeBufferPointer { bx_bidi_set_para(handle, $0.baseAddress, Int32($0.count), base.rawValue, &status) }
    }
}
