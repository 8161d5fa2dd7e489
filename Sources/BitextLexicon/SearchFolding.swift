// SearchFolding.swift — the `search` normalization seen one scalar at a time.
import BitextCore
import BitextMatch
import BitextData
import BitextNormalize

/// The per-scalar behaviour of a ``Normalizer`` profile (by default `search`), found by
/// asking the normalizer itself, so the matcher's view of a text never drifts from
/// `bitext normalize`. A scalar whose result depends on its neighbours (a combining mark
/// that composes, a ligature that unfolds into several letters, a tag character) is
/// ``ScalarFold/complex``: the matcher then normalizes that line as a whole.
///
///     let f = SearchFolding()
///     f.fold(0x0623)   // .replace(0x0627)   أ → ا
///     f.fold(0x064E)   // .deleteAttached    fatha
///     f.fold(0x200F)   // .deleteStandalone  RLM
///     f.fold(0xFEFB)   // .complex           ﻻ → لا
public struct SearchFolding: ScalarFolding {
    public let normalizer: Normalizer

    public init(normalizer: Normalizer = SearchFolding.shared) { self.normalizer = normalizer }

    /// One `search` normalizer for the process (normalizers are immutable and thread-safe).
    public static let shared = Normalizer(profile: .search)

    public func fold(_ c: UInt32) -> ScalarFold {
        guard let u = Unicode.Scalar(c) else { return .complex }
        if c >= 0xE0000 && c <= 0xE007F { return .complex }  // tags: kept only after a flag
        let props = UnicodeTables.properties(of: c)
        let one = String(Character(u))
        let alone = normalizer.normalize(one)
        let scalars = Array(alone.unicodeScalars)
        if scalars.isEmpty {
            // Attached or standalone: does a letter before it absorb it in the offset map?
            let probe = normalizer.normalizeWithMap("\u{0628}" + one)
            guard probe.text == "\u{0628}" else { return .complex }
            return probe.map.originalRange(0..<1) == 0..<2 ? .deleteAttached : .deleteStandalone
        }
        guard props.hasNFKCBoundaryBefore else { return .complex }
        // Letters before and after it must not change it, nor be changed by it.
        guard normalizer.normalize("\u{0628}" + one + "\u{0628}") == "\u{0628}" + alone + "\u{0628}" else { return .complex }
        if scalars.count > 1 { return .expand(scalars.map(\.value)) }
        let d = scalars[0].value
        return d == c ? .keep : .replace(d)
    }
}

/// The `search` folding of every BMP scalar, precomputed when the lexicons were compiled and
/// embedded in the binary (blob `searchfold`), so matching needs no normalizer set-up.
/// Supplementary scalars are asked of ``SearchFolding`` live. A test checks the table
/// against ``SearchFolding`` scalar by scalar.
///
///     SearchFoldTable.embedded?.fold(0x0629)   // .replace(0x0647)   ة → ه
public struct SearchFoldTable: ScalarFolding, @unchecked Sendable {
    let entries: UnsafePointer<UInt32>  // 0x10000
    let expansionStart: UnsafePointer<UInt32>
    let expansionScalars: UnsafePointer<UInt32>
    let expansionCount: Int
    let scalarCount: Int
    private let keepAlive: AnyObject?

    public static let blobName = "searchfold"
    static let magic: UInt32 = 0x4446_5842  // "BXFD"

    /// The embedded table, or nil when this binary has none.
    public static let embedded: SearchFoldTable? = {
        guard let b = EmbeddedData.blob(named: blobName) else { return nil }
        return try? SearchFoldTable(b, owner: nil)
    }()

    /// The best folding available: the embedded table, else the live normalizer.
    public static var best: any ScalarFolding { embedded ?? SearchFolding() }

    public init(_ raw: UnsafeRawBufferPointer, owner: AnyObject?) throws(LexiconError) {
        func fail(_ m: String) -> LexiconError { LexiconError(file: "<search fold table>", m) }
        guard let base = raw.baseAddress, raw.count >= 16 + 0x10000 * 4, Int(bitPattern: base) % 4 == 0,
              base.load(as: UInt32.self) == Self.magic
        else { throw fail("bad header") }
        let ne = Int(base.load(fromByteOffset: 4, as: UInt32.self))
        let ns = Int(base.load(fromByteOffset: 8, as: UInt32.self))
        guard raw.count == 16 + 0x10000 * 4 + (ne + 1) * 4 + ns * 4 else { throw fail("bad size") }
        entries = (base + 16).assumingMemoryBound(to: UInt32.self)
        expansionStart = (base + 16 + 0x10000 * 4).assumingMemoryBound(to: UInt32.self)
        expansionScalars = (base + 16 + 0x10000 * 4 + (ne + 1) * 4).assumingMemoryBound(to: UInt32.self)
        expansionCount = ne
        scalarCount = ns
        keepAlive = owner
        for k in 0..<ne where expansionStart[k] > expansionStart[k + 1] { throw fail("bad expansions") }
        guard ne == 0 || Int(expansionStart[ne]) == ns else { throw fail("bad expansions") }
        for c in 0..<0x10000 {
            let e = entries[c]
            let kind = e >> 21
            guard kind <= 5, kind != 5 || Int(e & 0x1FFFFF) < ne else { throw fail("bad entry for U+\(String(c, radix: 16))") }
        }
    }

    public func fold(_ c: UInt32) -> ScalarFold {
        guard c < 0x10000 else { return SearchFolding().fold(c) }
        let e = entries[Int(c)]
        let v = e & 0x1FFFFF
        switch e >> 21 {
        case 0: return .keep
        case 1: return .replace(v)
        case 2: return .deleteAttached
        case 3: return .deleteStandalone
        case 5:
            let a = Int(expansionStart[Int(v)]), b = Int(expansionStart[Int(v) + 1])
            return .expand((a..<b).map { expansionScalars[$0] })
        default: return .complex
        }
    }

    /// The table of `folding` for every BMP scalar, serialized.
    public static func serialize(_ folding: any ScalarFolding) -> [UInt8] {
        var entries: [UInt32] = []
        var starts: [UInt32] = [0]
        var scalars: [UInt32] = []
        for c in UInt32(0)..<0x10000 {
            switch folding.fold(c) {
            case .keep: entries.append(0)
            case .replace(let d): entries.append(1 << 21 | d)
            case .deleteAttached: entries.append(2 << 21)
            case .deleteStandalone: entries.append(3 << 21)
            case .complex: entries.append(4 << 21)
            case .expand(let seq):
                entries.append(5 << 21 | UInt32(starts.count - 1))
                scalars += seq
                starts.append(UInt32(scalars.count))
            }
        }
        var words: [UInt32] = [magic, UInt32(starts.count - 1), UInt32(scalars.count), 0]
        words += entries + starts + scalars
        var out: [UInt8] = []
        out.reserveCapacity(words.count * 4)
        for w in words { for k in 0..<4 { out.append(UInt8(truncatingIfNeeded: w >> (8 * UInt32(k)))) } }
        return out
    }
}
