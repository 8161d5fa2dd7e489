// ICUSpoofChecker.swift — UTS #39 security checks through ICU's spoof checker.
internal import CICU

/// ICU's spoof checker, configured for restriction level, mixed numbers and invisible
/// characters. Safe to share between threads once built.
///
///     let s = try ICUSpoofChecker()
///     s.check("pаypal").restrictionLevel   // .minimallyRestrictive (Latin + Cyrillic а)
///     s.skeleton("pаypal")                 // "paypal"
public final class ICUSpoofChecker: @unchecked Sendable {
    private let handle: OpaquePointer

    /// UTS #39 restriction levels, most restrictive first.
    public enum RestrictionLevel: Int, Sendable, Comparable {
        case ascii = 1, singleScript, highlyRestrictive, moderatelyRestrictive, minimallyRestrictive,
            unrestrictive
        public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
    }

    /// What the check found.
    public struct Result: Sendable, Equatable {
        /// The string mixes scripts beyond what a highly restrictive profile allows.
        public var restrictionViolated: Bool
        /// Digits from more than one decimal system (e.g. ٤ and ۴, or 4 and ٤).
        public var mixedNumbers: Bool
        /// Invisible characters in a suspicious arrangement (e.g. a repeated combining mark).
        public var invisible: Bool
        public var restrictionLevel: RestrictionLevel
    }

    public init() throws(ICUError) {
        var status: Int32 = 0
        guard let h = bx_spoof_open(&status), !icuFailed(status) else {
            throw ICUError(status, "opening the spoof checker")
        }
        handle = h
    }

    deinit { bx_spoof_close(handle) }

    public func check(_ text: String) -> Result {
        let u = text.utf16Array
        var level: Int32 = 0
        var status: Int32 = 0
        let bits = u.withUnsafeBufferPointer {
            bx_spoof_check(handle, $0.baseAddress, Int32($0.count), &level, &status)
        }
        // USpoofChecks bits: RESTRICTION_LEVEL 16, INVISIBLE 32, MIXED_NUMBERS 128.
        let levelValue: RestrictionLevel =
            switch UInt32(bitPattern: level) {
            case 0x1000_0000: .ascii
            case 0x2000_0000: .singleScript
            case 0x3000_0000: .highlyRestrictive
            case 0x4000_0000: .moderatelyRestrictive
            case 0x5000_0000: .minimallyRestrictive
            default: .unrestrictive
            }
        return Result(
            restrictionViolated: bits & 16 != 0,
            mixedNumbers: bits & 128 != 0,
            invisible: bits & 32 != 0,
            restrictionLevel: levelValue
        )
    }

    /// The UTS #39 skeleton: two strings with equal skeletons are confusable.
    public func skeleton(_ text: String) -> String {
        let u = text.utf16Array
        let (out, status) = u.withUnsafeBufferPointer { src in
            withGrowingUTF16Buffer(initialCapacity: src.count * 3 + 8) { dst, cap, st in
                bx_spoof_skeleton(handle, src.baseAddress, Int32(src.count), dst, cap, &st)
            }
        }
        if icuFailed(status) { return text }
        return String(decoding: out, as: UTF16.self)
    }
}
