// Normalizer+Actions.swift — compiles a profile into a per-code-point action table.
import BitextCore
import ICUBridge

/// What the engine does with one input scalar, packed in 32 bits:
/// bits 0–3 the kind, bit 4 "normalization boundary before", bits 8–31 a payload
/// (replacement index, bidi control).
@usableFromInline
struct Action {
    @usableFromInline let raw: UInt32

    @usableFromInline enum Kind: UInt32 {
        /// Copy as is (unchanged by the profile's normalization form, boundary before it).
        case keep = 0
        /// Replace by replacement number `payload` (also normalization-stable).
        case replace = 1
        /// Delete; it belongs to the letter before it (diacritics, tatweel).
        case deleteAttached = 2
        /// Delete on its own (invisible characters, stripped bidi controls).
        case deleteStandalone = 3
        /// Needs the Unicode normalization form applied to its segment (through ICU).
        case slow = 4
        /// A bidi control under the repair policy: `payload` is the BidiControl.
        case bidi = 5
        /// A paragraph separator under the repair policy (closes open controls first).
        case paragraph = 6
        /// A tag character under remove-invisible: kept only inside an emoji tag sequence.
        case tag = 7
        /// Replace by the single scalar `payload` (normalization-stable).
        case replaceScalar = 8
    }

    @inlinable @inline(__always) var kind: Kind { Kind(rawValue: raw & 0xF).unsafelyUnwrapped }
    @inlinable @inline(__always) var boundaryBefore: Bool { raw & 0x10 != 0 }
    @inlinable @inline(__always) var payload: Int { Int(raw >> 8) }

    @inlinable init(raw: UInt32) { self.raw = raw }
    init(_ kind: Kind, boundary: Bool, payload: Int = 0) {
        raw = kind.rawValue | (boundary ? 0x10 : 0) | UInt32(payload) << 8
    }
}

/// What the profile does to a scalar, before the normalization form is taken into account.
enum BaseAction: Equatable {
    case keep
    case replace([UInt32])
    case deleteAttached
    case deleteStandalone
    case bidi(BidiControl)
    case paragraph
    case tag
}

extension NormalizationStep {
    /// Position in `allCases`.
    var index: Int {
        switch self {
        case .nfc: 0
        case .nfkc: 1
        case .removeInvisible: 2
        case .removeJoiners: 3
        case .removeVariationSelectors: 4
        case .stripDiacritics: 5
        case .removeTatweel: 6
        case .foldHamza: 7
        case .foldAlefMaksura: 8
        case .foldTaMarbuta: 9
        case .foldPersian: 10
        case .foldDigits: 11
        case .foldSpaces: 12
        case .casefold: 13
        }
    }
}

struct ActionCompiler {
    let profile: NormalizationProfile
    let form: ICUNormalizer.Form?
    /// The steps as flags (a Set lookup per code point would dominate building the table).
    private let flags: [Bool]
    private let casefold: Bool
    let bidi: BidiPolicy
    let properties = UnicodeTables.table

    init(profile: NormalizationProfile) {
        self.profile = profile
        bidi = profile.bidi
        flags = NormalizationStep.allCases.map { profile.steps.contains($0) }
        casefold = profile.steps.contains(.casefold)
        if profile.steps.contains(.nfkc) {
            form = .nfkc
        } else if profile.steps.contains(.nfc) {
            form = .nfc
        } else {
            form = nil
        }
    }

    @inline(__always) func has(_ s: NormalizationStep) -> Bool { flags[s.index] }

    /// The deletions and bidi policy (stage 1).
    func preAction(_ c: UInt32) -> BaseAction? {
        if let b = ArabicFolding.bidiControl(c) {
            switch bidi {
            case .strip: return .deleteStandalone
            case .keep: return .keep
            case .repair: return b == .lrm || b == .rlm || b == .alm ? .keep : .bidi(b)
            }
        }
        if has(.stripDiacritics) && ArabicFolding.isDiacritic(c) { return .deleteAttached }
        if has(.removeTatweel) && c == 0x0640 { return .deleteAttached }
        if c == 0x200C || c == 0x200D { return has(.removeJoiners) ? .deleteStandalone : nil }
        if (0xFE00...0xFE0F).contains(c) || (0xE0100...0xE01EF).contains(c) {
            return has(.removeVariationSelectors) ? .deleteAttached : nil
        }
        if has(.removeInvisible) {
            if c == 0xE0001 || (0xE0020...0xE007F).contains(c) { return .tag }
            if Self.isInvisibleJunk(c) { return .deleteStandalone }
        }
        // LF and CR end paragraphs too (UAX #9 class B, as BidiReport counts them): a text of
        // several lines gets each line's controls closed before its line break.
        if bidi == .repair && properties[c].bidiClass == .paragraphSeparator {
            return .paragraph
        }
        return nil
    }

    /// Invisible characters with no effect on how text reads (remove-invisible).
    static func isInvisibleJunk(_ c: UInt32) -> Bool {
        switch c {
        case 0x00AD,  // soft hyphen
             0x180E,  // Mongolian vowel separator (no longer a space)
             0x200B,  // zero-width space
             0x2060...0x2064,  // word joiner, invisible operators
             0x206A...0x206F,  // deprecated format controls
             0xFEFF,  // BOM / zero-width no-break space
             0xFFF9...0xFFFB:  // interlinear annotation controls
            return true
        default:
            return false
        }
    }

    /// The folds (stage 3) of a scalar coming out of the normalization form.
    func fold(_ c: UInt32) -> [UInt32]? {
        var out: [UInt32]? = nil
        if has(.foldHamza), let f = ArabicFolding.hamzaFold(c) { out = f == 0 ? [] : [f] }
        if has(.foldAlefMaksura) && c == 0x0649 { out = [0x064A] }
        if has(.foldTaMarbuta) && c == 0x0629 { out = [0x0647] }
        if has(.foldPersian), let f = ArabicFolding.persianFold(c) { out = [f] }
        if has(.foldDigits), let f = ArabicFolding.digitFold(c) { out = [f] }
        if has(.foldSpaces) && c != 0x20 && properties[c].generalCategory == .spaceSeparator {
            out = [0x20]
        }
        if has(.casefold) {
            let base = out ?? [c]
            let lowered = base.map { ICUCharacterProperties.lowercase($0) }
            if lowered != base { out = lowered }
        }
        return out
    }

    /// Stages 1 and 3 together, for a scalar met in the input.
    func baseAction(_ c: UInt32) -> BaseAction {
        if let a = preAction(c) { return a }
        if let f = fold(c) { return .replace(f) }
        return .keep
    }

    /// What happens to a scalar that the normalization form produced (stage 3, plus the
    /// deletions again: a presentation form may unfold into marks that are stripped).
    func postAction(_ c: UInt32) -> [UInt32] {
        switch preAction(c) {
        case .deleteAttached?, .deleteStandalone?: return []
        default: break
        }
        return fold(c) ?? [c]
    }

    func isQuick(_ c: UInt32) -> Bool {
        guard let form else { return true }
        let p = properties[c]
        return form == .nfkc ? p.isNFKCQuick : p.isNFCQuick
    }

    func hasBoundary(_ c: UInt32) -> Bool {
        guard let form else { return true }
        let p = properties[c]
        return form == .nfkc ? p.hasNFKCBoundaryBefore : p.hasNFCBoundaryBefore
    }

    /// True when no step can touch `c`, so its action follows from its normalization
    /// properties alone. Every step's characters lie in the ranges below (tested against
    /// the full computation for every BMP code point in NormalizerActionTableTests).
    func isOrdinary(_ c: UInt32) -> Bool {
        if casefold { return false }
        switch c {
        case 0...0xFF, 0x0600...0x08FF, 0x1680, 0x180E, 0x2000...0x206F, 0x3000,
             0xFB50...0xFDFF, 0xFE00...0xFE0F, 0xFE70...0xFEFF, 0xFFF9...0xFFFB, 0xD800...0xDFFF:
            return false
        default:
            return c < 0x10000
        }
    }

    /// The engine action of a scalar; replacements are registered in `replacements`.
    func action(_ c: UInt32, _ replacements: inout ReplacementTable) -> Action {
        if isOrdinary(c) {
            return isQuick(c) ? Action(.keep, boundary: true) : Action(.slow, boundary: hasBoundary(c))
        }
        return fullAction(c, &replacements)
    }

    /// The action computed from every step (``action(_:_:)`` shortcuts ordinary characters).
    func fullAction(_ c: UInt32, _ replacements: inout ReplacementTable) -> Action {
        let boundary = hasBoundary(c)
        if (0xD800...0xDFFF).contains(c) { return Action(.keep, boundary: true) }
        switch baseAction(c) {
        case .deleteAttached: return Action(.deleteAttached, boundary: boundary)
        case .deleteStandalone: return Action(.deleteStandalone, boundary: boundary)
        case .bidi(let b): return Action(.bidi, boundary: true, payload: Int(b.rawValue))
        case .tag: return Action(.tag, boundary: boundary)
        case .paragraph:
            return isQuick(c) ? Action(.paragraph, boundary: true) : Action(.slow, boundary: boundary)
        case .keep:
            return isQuick(c) ? Action(.keep, boundary: true) : Action(.slow, boundary: boundary)
        case .replace(let r):
            guard isQuick(c) else { return Action(.slow, boundary: boundary) }
            if r.count == 1 { return Action(.replaceScalar, boundary: true, payload: Int(r[0])) }
            return Action(.replace, boundary: true, payload: replacements.index(of: r))
        }
    }
}

/// Replacement strings, stored as UTF-8 with their scalar counts.
struct ReplacementTable {
    var bytes: [UInt8] = []
    var offsets: [Int] = [0]
    var scalarCounts: [Int] = []
    var lookup: [[UInt32]: Int] = [:]

    mutating func index(of scalars: [UInt32]) -> Int {
        if let i = lookup[scalars] { return i }
        for s in scalars { UTF8Scalars.encode(s, into: &bytes) }
        offsets.append(bytes.count)
        scalarCounts.append(scalars.count)
        lookup[scalars] = scalarCounts.count - 1
        return scalarCounts.count - 1
    }
}
