// ICU.swift — versions, errors and UTF-16 helpers shared by the ICU wrappers.
//
// This module is the only Swift code that talks to ICU. Every ICU service object
// is a final class that owns its handle and releases it in deinit; callers see
// Swift types only.
internal import CICU

/// Facts about the ICU library bitext runs on.
public enum ICU {
    /// ICU's version, e.g. `"72.1"`.
    public static let version: String = {
        var buf = [CChar](repeating: 0, count: 16)
        bx_icu_version(&buf)
        return buf.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }()

    /// The Unicode version of ICU's data, e.g. `"15.0"`.
    public static let unicodeVersion: String = {
        var buf = [CChar](repeating: 0, count: 16)
        bx_unicode_version(&buf)
        return buf.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }()
}

/// A failure reported by ICU, with ICU's symbolic error name and what was being done.
public struct ICUError: Error, CustomStringConvertible, Sendable {
    /// ICU's `UErrorCode` value.
    public let code: Int32
    /// ICU's name for the code, e.g. `U_INVALID_ID`.
    public let name: String
    /// What bitext asked ICU to do.
    public let operation: String
    /// For rule syntax errors: the 0-based line and offset within the rules.
    public var ruleLine: Int? = nil
    public var ruleOffset: Int? = nil

    init(_ code: Int32, _ operation: String) {
        self.code = code
        self.name = String(cString: bx_error_name(code))
        self.operation = operation
    }

    public var description: String {
        var s = "ICU error \(name) while \(operation)"
        if let ruleLine { s += " (rules line \(ruleLine + 1), offset \(ruleOffset ?? 0))" }
        return s
    }
}

@inline(__always)
func icuFailed(_ status: Int32) -> Bool { status > 0 }

extension String {
    /// UTF-16 code units, as ICU wants them.
    @inlinable var utf16Array: [UInt16] { Array(self.utf16) }
}

/// Calls `body` with a buffer of `capacity` UTF-16 units; when ICU reports that it
/// needed more, retries once with the size it asked for.
func withGrowingUTF16Buffer(
    initialCapacity: Int,
    _ body: (UnsafeMutablePointer<UInt16>, Int32, inout Int32) -> Int32
) -> (result: [UInt16], status: Int32) {
    var capacity = max(initialCapacity, 16)
    for _ in 0..<2 {
        var status: Int32 = 0
        var out = [UInt16](repeating: 0, count: capacity)
        let needed = out.withUnsafeMutableBufferPointer { buf in
            body(buf.baseAddress!, Int32(capacity), &status)
        }
        // U_BUFFER_OVERFLOW_ERROR = 15
        if status == 15 || Int(needed) > capacity {
            capacity = Int(needed) + 1
            continue
        }
        if icuFailed(status) { return ([], status) }
        out.removeSubrange(Int(needed)...)
        return (out, status)
    }
    return ([], 15)
}
