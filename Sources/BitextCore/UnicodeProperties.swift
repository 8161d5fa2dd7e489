// UnicodeProperties.swift — the per-code-point facts bitext's hot paths need, packed in 32 bits.

/// Unicode properties of one code point, packed into 32 bits.
///
/// Read from bitext's own tables (``UnicodeTables``), generated from ICU's data by
/// `Scripts/generate-unicode-tables.sh`, so lookups never call into ICU.
///
///     UnicodeTables.properties(of: 0x0628).script        // .arabic  (ب)
///     UnicodeTables.properties(of: 0x064E).script        // .inherited (fatha)
///     UnicodeTables.properties(of: 0x064E).generalCategory // .nonspacingMark
@frozen
public struct UnicodeProperties: Hashable, Sendable {
    public let rawValue: UInt32

    @inlinable public init(rawValue: UInt32) { self.rawValue = rawValue }

    // Layout (bit positions):
    //   0–7   script index (Script.rawValue)
    //   8–12  general category (GeneralCategory.rawValue)
    //   13    NFKC quick: a normalization boundary before it, and NFKC leaves it unchanged
    //   14    NFC quick: the same for NFC
    //   15    Default_Ignorable_Code_Point
    //   16–20 bidi class (BidiClass.rawValue)
    //   21    White_Space
    //   22    Script_Extensions include Arabic (for Common/Inherited characters)
    //   23–24 Bidi_Paired_Bracket_Type: 0 none, 1 open, 2 close
    //   25    Alphabetic
    //   26    NFKC boundary before
    //   27    NFC boundary before
    @usableFromInline static let nfkcQuickBit: UInt32 = 1 << 13
    @usableFromInline static let nfcQuickBit: UInt32 = 1 << 14
    @usableFromInline static let ignorableBit: UInt32 = 1 << 15
    @usableFromInline static let whiteSpaceBit: UInt32 = 1 << 21
    @usableFromInline static let arabicExtensionBit: UInt32 = 1 << 22
    @usableFromInline static let alphabeticBit: UInt32 = 1 << 25
    @usableFromInline static let nfkcBoundaryBit: UInt32 = 1 << 26
    @usableFromInline static let nfcBoundaryBit: UInt32 = 1 << 27

    /// The Script property value.
    @inlinable public var script: Script { Script(rawValue: UInt8(truncatingIfNeeded: rawValue)) }

    /// The General_Category value.
    @inlinable public var generalCategory: GeneralCategory {
        GeneralCategory(rawValue: UInt8(truncatingIfNeeded: (rawValue >> 8) & 0x1F)) ?? .unassigned
    }

    /// The Bidi_Class value.
    @inlinable public var bidiClass: BidiClass {
        BidiClass(rawValue: UInt8(truncatingIfNeeded: (rawValue >> 16) & 0x1F)) ?? .leftToRight
    }

    /// True when NFKC never changes this character and nothing before it interacts with it.
    @inlinable public var isNFKCQuick: Bool { rawValue & Self.nfkcQuickBit != 0 }
    /// True when NFC never changes this character and nothing before it interacts with it.
    @inlinable public var isNFCQuick: Bool { rawValue & Self.nfcQuickBit != 0 }
    /// True when nothing before this character interacts with it under NFKC.
    @inlinable public var hasNFKCBoundaryBefore: Bool { rawValue & Self.nfkcBoundaryBit != 0 }
    /// True when nothing before this character interacts with it under NFC.
    @inlinable public var hasNFCBoundaryBefore: Bool { rawValue & Self.nfcBoundaryBit != 0 }
    /// Default_Ignorable_Code_Point.
    @inlinable public var isDefaultIgnorable: Bool { rawValue & Self.ignorableBit != 0 }
    /// White_Space.
    @inlinable public var isWhiteSpace: Bool { rawValue & Self.whiteSpaceBit != 0 }
    /// Alphabetic.
    @inlinable public var isAlphabetic: Bool { rawValue & Self.alphabeticBit != 0 }
    /// For a Common or Inherited character: its Script_Extensions include Arabic
    /// (e.g. U+060C ARABIC COMMA, U+0640 TATWEEL, U+064E FATHA).
    @inlinable public var extendsArabic: Bool { rawValue & Self.arabicExtensionBit != 0 }

    /// Bidi_Paired_Bracket_Type.
    @inlinable public var bracketType: BracketType {
        BracketType(rawValue: UInt8(truncatingIfNeeded: (rawValue >> 23) & 3)) ?? .none
    }

    /// True for letters (L*).
    @inlinable public var isLetter: Bool {
        let g = (rawValue >> 8) & 0x1F
        return g >= 1 && g <= 5
    }
    /// True for marks (M*).
    @inlinable public var isMark: Bool {
        let g = (rawValue >> 8) & 0x1F
        return g >= 6 && g <= 8
    }

    public enum BracketType: UInt8, Sendable { case none = 0, open = 1, close = 2 }
}

/// The Unicode General_Category, numbered as bitext's tables store it.
public enum GeneralCategory: UInt8, Sendable, CaseIterable {
    case unassigned = 0  // Cn
    case uppercaseLetter  // Lu
    case lowercaseLetter  // Ll
    case titlecaseLetter  // Lt
    case modifierLetter  // Lm
    case otherLetter  // Lo
    case nonspacingMark  // Mn
    case enclosingMark  // Me
    case spacingMark  // Mc
    case decimalNumber  // Nd
    case letterNumber  // Nl
    case otherNumber  // No
    case spaceSeparator  // Zs
    case lineSeparator  // Zl
    case paragraphSeparator  // Zp
    case control  // Cc
    case format  // Cf
    case privateUse  // Co
    case surrogate  // Cs
    case dashPunctuation  // Pd
    case openPunctuation  // Ps
    case closePunctuation  // Pe
    case connectorPunctuation  // Pc
    case otherPunctuation  // Po
    case mathSymbol  // Sm
    case currencySymbol  // Sc
    case modifierSymbol  // Sk
    case otherSymbol  // So
    case initialPunctuation  // Pi
    case finalPunctuation  // Pf

    /// The two-letter alias used by the Unicode Character Database ("Lo", "Mn" …).
    public var alias: String { Self.aliases[Int(rawValue)] }

    /// Parses a two-letter alias.
    public init?(alias: String) {
        guard let i = Self.aliases.firstIndex(of: alias) else { return nil }
        self.init(rawValue: UInt8(i))
    }

    static let aliases = [
        "Cn", "Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Me", "Mc", "Nd", "Nl", "No", "Zs", "Zl", "Zp",
        "Cc", "Cf", "Co", "Cs", "Pd", "Ps", "Pe", "Pc", "Po", "Sm", "Sc", "Sk", "So", "Pi", "Pf",
    ]

    @inlinable public var isLetter: Bool { rawValue >= 1 && rawValue <= 5 }
    @inlinable public var isMark: Bool { rawValue >= 6 && rawValue <= 8 }
    @inlinable public var isNumber: Bool { rawValue >= 9 && rawValue <= 11 }
    @inlinable public var isPunctuation: Bool {
        (rawValue >= 19 && rawValue <= 23) || rawValue == 28 || rawValue == 29
    }
    @inlinable public var isSeparator: Bool { rawValue >= 12 && rawValue <= 14 }
}

/// The Unicode Bidi_Class, numbered as bitext's tables store it.
public enum BidiClass: UInt8, Sendable, CaseIterable {
    case leftToRight = 0  // L
    case rightToLeft  // R
    case europeanNumber  // EN
    case europeanSeparator  // ES
    case europeanTerminator  // ET
    case arabicNumber  // AN
    case commonSeparator  // CS
    case paragraphSeparator  // B
    case segmentSeparator  // S
    case whiteSpace  // WS
    case otherNeutral  // ON
    case leftToRightEmbedding  // LRE
    case leftToRightOverride  // LRO
    case arabicLetter  // AL
    case rightToLeftEmbedding  // RLE
    case rightToLeftOverride  // RLO
    case popDirectionalFormat  // PDF
    case nonspacingMark  // NSM
    case boundaryNeutral  // BN
    case firstStrongIsolate  // FSI
    case leftToRightIsolate  // LRI
    case rightToLeftIsolate  // RLI
    case popDirectionalIsolate  // PDI

    public var alias: String { Self.aliases[Int(rawValue)] }

    public init?(alias: String) {
        guard let i = Self.aliases.firstIndex(of: alias) else { return nil }
        self.init(rawValue: UInt8(i))
    }

    static let aliases = [
        "L", "R", "EN", "ES", "ET", "AN", "CS", "B", "S", "WS", "ON", "LRE", "LRO", "AL", "RLE",
        "RLO", "PDF", "NSM", "BN", "FSI", "LRI", "RLI", "PDI",
    ]
}
