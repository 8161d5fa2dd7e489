// ICUNormalizer.swift — ICU's Unicode normalizers (NFC, NFD, NFKC, NFKD, NFKC_Casefold).
internal import CICU

/// One of ICU's normalizers. Instances are immutable and shared by all threads.
///
///     try ICUNormalizer.nfkc.normalize("\u{FEFB}")   // "لا" (the lam-alef ligature unfolded)
public final class ICUNormalizer: @unchecked Sendable {
    /// The normalization forms ICU offers.
    public enum Form: Int32, Sendable, CaseIterable {
        case nfc = 0, nfd = 1, nfkc = 2, nfkd = 3, nfkcCasefold = 4
    }

    public let form: Form
    // Owned by ICU's singleton cache: never closed.
    private let handle: OpaquePointer

    private init(form: Form) {
        var status: Int32 = 0
        guard let h = bx_normalizer_get(form.rawValue, &status), !icuFailed(status) else {
            fatalError("ICU normalizer \(form) unavailable: \(ICUError(status, "opening a normalizer"))")
        }
        self.form = form
        self.handle = h
    }

    public static let nfc = ICUNormalizer(form: .nfc)
    public static let nfd = ICUNormalizer(form: .nfd)
    public static let nfkc = ICUNormalizer(form: .nfkc)
    public static let nfkd = ICUNormalizer(form: .nfkd)
    public static let nfkcCasefold = ICUNormalizer(form: .nfkcCasefold)

    public static func instance(_ form: Form) -> ICUNormalizer {
        switch form {
        case .nfc: nfc
        case .nfd: nfd
        case .nfkc: nfkc
        case .nfkd: nfkd
        case .nfkcCasefold: nfkcCasefold
        }
    }

    /// Normalizes UTF-16 code units.
    public func normalize(utf16 source: [UInt16]) throws(ICUError) -> [UInt16] {
        if source.isEmpty { return [] }
        let (out, status) = source.withUnsafeBufferPointer { src in
            withGrowingUTF16Buffer(initialCapacity: src.count * 2 + 8) { dst, cap, st in
                bx_normalize(handle, src.baseAddress!, Int32(src.count), dst, cap, &st)
            }
        }
        if icuFailed(status) { throw ICUError(status, "normalizing to \(form)") }
        return out
    }

    /// Normalizes a sequence of scalars.
    public func normalize(scalars: some Collection<Unicode.Scalar>) throws(ICUError) -> [Unicode.Scalar] {
        var utf16: [UInt16] = []
        utf16.reserveCapacity(scalars.count + 4)
        for s in scalars { utf16.append(contentsOf: s.utf16) }
        let out = try normalize(utf16: utf16)
        return Array(String(decoding: out, as: UTF16.self).unicodeScalars)
    }

    /// Normalizes a string.
    public func normalize(_ text: String) throws(ICUError) -> String {
        String(decoding: try normalize(utf16: text.utf16Array), as: UTF16.self)
    }

    /// True when text is already in this form.
    public func isNormalized(_ text: String) -> Bool {
        let u = text.utf16Array
        if u.isEmpty { return true }
        var status: Int32 = 0
        let r = u.withUnsafeBufferPointer { bx_normalizer_is_normalized(handle, $0.baseAddress!, Int32($0.count), &status) }
        return r != 0 && !icuFailed(status)
    }

    /// True when no text before `scalar` ever interacts with it under this form.
    public func hasBoundaryBefore(_ scalar: UInt32) -> Bool {
        bx_normalizer_has_boundary_before(handle, Int32(bitPattern: scalar)) != 0
    }

    /// True when no text after `scalar` ever interacts with it under this form.
    public func hasBoundaryAfter(_ scalar: UInt32) -> Bool {
        bx_normalizer_has_boundary_after(handle, Int32(bitPattern: scalar)) != 0
    }

    /// True when `scalar` is unaffected by this form and never interacts with neighbours.
    public func isInert(_ scalar: UInt32) -> Bool {
        bx_normalizer_is_inert(handle, Int32(bitPattern: scalar)) != 0
    }
}
