// ICUTransliterator.swift — ICU's rule-based transliteration.
internal import CICU

/// An ICU transliterator, from a system id (`"Arabic-Latin"`) or from rules.
///
/// Not thread-safe: give each thread its own (``copy()``). ICU's transliteration is
/// quadratic on long buffers, so call it per name or per line, never per document.
///
///     let t = try ICUTransliterator(id: "Any-Latin")
///     t.transliterate("بنغازي")   // "bngạzy"
public final class ICUTransliterator {
    private let handle: OpaquePointer
    public let id: String

    /// Opens one of ICU's built-in transliterators.
    public init(id: String, reverse: Bool = false) throws(ICUError) {
        var status: Int32 = 0
        let idUnits = id.utf16Array
        let h = idUnits.withUnsafeBufferPointer {
            bx_translit_open($0.baseAddress, Int32($0.count), reverse ? 1 : 0, &status)
        }
        guard let h, !icuFailed(status) else {
            throw ICUError(status, "opening transliterator \(id)")
        }
        self.handle = h
        self.id = id
    }

    /// Compiles a transliterator from ICU rule syntax.
    public init(id: String, rules: String, reverse: Bool = false) throws(ICUError) {
        var status: Int32 = 0
        var line: Int32 = 0
        var offset: Int32 = 0
        let idUnits = id.utf16Array
        let ruleUnits = rules.utf16Array
        let h = idUnits.withUnsafeBufferPointer { idp in
            ruleUnits.withUnsafeBufferPointer { rp in
                bx_translit_open_rules(idp.baseAddress, Int32(idp.count), rp.baseAddress,
                                       Int32(rp.count), reverse ? 1 : 0, &line, &offset, &status)
            }
        }
        guard let h, !icuFailed(status) else {
            var e = ICUError(status, "compiling transliteration rules \(id)")
            e.ruleLine = Int(line)
            e.ruleOffset = Int(offset)
            throw e
        }
        self.handle = h
        self.id = id
    }

    private init(handle: OpaquePointer, id: String) {
        self.handle = handle
        self.id = id
    }

    deinit { bx_translit_close(handle) }

    /// An independent copy for another thread.
    public func copy() throws(ICUError) -> ICUTransliterator {
        var status: Int32 = 0
        guard let h = bx_translit_clone(handle, &status), !icuFailed(status) else {
            throw ICUError(status, "cloning transliterator \(id)")
        }
        return ICUTransliterator(handle: h, id: id)
    }

    /// Transliterates `text`; on an ICU failure returns the text unchanged.
    public func transliterate(_ text: String) -> String {
        let units = text.utf16Array
        if units.isEmpty { return text }
        var capacity = units.count * 4 + 16
        for _ in 0..<4 {
            var buf = units
            buf.append(contentsOf: repeatElement(0, count: capacity - units.count))
            var status: Int32 = 0
            let n = buf.withUnsafeMutableBufferPointer {
                bx_translit_apply(handle, $0.baseAddress!, Int32(units.count), Int32(capacity), &status)
            }
            if status == 15 || Int(n) > capacity { capacity = max(Int(n) + 16, capacity * 2); continue }
            if icuFailed(status) { return text }
            return String(decoding: buf[..<Int(n)], as: UTF16.self)
        }
        return text
    }

    /// How many transliterator ids this ICU offers.
    public static var availableIDCount: Int {
        var status: Int32 = 0
        return Int(bx_translit_count_ids(&status))
    }
}
