// Script.swift — Unicode scripts as ISO 15924 codes.

/// A Unicode script (the Script property), identified by its ISO 15924 code.
///
///     Script(code: "Arab") == .arabic          // true
///     UnicodeTables.properties(of: 0x0041).script.code   // "Latn"
@frozen
public struct Script: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Index into ``Script/allCodes`` (bitext's own numbering, fixed by the generated tables).
    public let rawValue: UInt8

    @inlinable public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Looks a script up by ISO 15924 code ("Arab") or Unicode long name ("Arabic").
    public init?(code: String) {
        if let i = Self.allCodes.firstIndex(of: code) ?? Self.allNames.firstIndex(of: code) {
            self.init(rawValue: UInt8(i))
        } else {
            return nil
        }
    }

    /// The ISO 15924 code, e.g. `"Arab"`.
    public var code: String {
        Int(rawValue) < Self.allCodes.count ? Self.allCodes[Int(rawValue)] : "Zzzz"
    }

    /// The Unicode long name, e.g. `"Arabic"`.
    public var name: String {
        Int(rawValue) < Self.allNames.count ? Self.allNames[Int(rawValue)] : "Unknown"
    }

    public var description: String { code }

    /// Common (Zyyy) or Inherited (Zinh): characters that take the script of their context.
    @inlinable public var isContextual: Bool { self == .common || self == .inherited }

    public static func < (a: Script, b: Script) -> Bool { a.rawValue < b.rawValue }

    /// Every script in bitext's tables, by ``rawValue``.
    public static var allCodes: [String] { UnicodeTables.scriptCodes }
    static var allNames: [String] { UnicodeTables.scriptNames }
}
