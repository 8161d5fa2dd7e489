// GenerateUnicodeTables — writes Sources/BitextCore/UnicodeTables+Data.swift from ICU's data.
//
// Usage: swift run GenerateUnicodeTables [output-path]
// (Scripts/generate-unicode-tables.sh runs it.) The output is deterministic for a
// given ICU version; UnicodeTablesTests checks every code point against ICU.
import ICUBridge

let output = CommandLine.arguments.count > 1
    ? CommandLine.arguments[1] : "Sources/BitextCore/UnicodeTables+Data.swift"

let scripts = ICUCharacterProperties.allScripts
precondition(scripts.count < 256, "more scripts than fit in a byte")
let scriptIndex: [String: Int] = {
    var d: [String: Int] = [:]
    for (i, s) in scripts.enumerated() where d[s.code] == nil { d[s.code] = i }
    return d
}()

let gcAliases = [
    "Cn", "Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Me", "Mc", "Nd", "Nl", "No", "Zs", "Zl", "Zp",
    "Cc", "Cf", "Co", "Cs", "Pd", "Ps", "Pe", "Pc", "Po", "Sm", "Sc", "Sk", "So", "Pi", "Pf",
]
let bidiAliases = [
    "L", "R", "EN", "ES", "ET", "AN", "CS", "B", "S", "WS", "ON", "LRE", "LRO", "AL", "RLE",
    "RLO", "PDF", "NSM", "BN", "FSI", "LRI", "RLI", "PDI",
]

nonisolated func quick(_ n: ICUNormalizer, _ c: UInt32) -> Bool {
    guard n.hasBoundaryBefore(c), let s = Unicode.Scalar(c) else { return false }
    let str = String(Character(s))
    return (try? n.normalize(str)) == str
}

@MainActor func packed(_ c: UInt32) -> UInt32 {
    var v: UInt32 = 0
    let sc = ICUCharacterProperties.scriptCode(of: c)
    v |= UInt32(scriptIndex[sc] ?? scriptIndex["Zzzz"]!)
    v |= UInt32(gcAliases.firstIndex(of: ICUCharacterProperties.generalCategory(of: c))!) << 8
    let isSurrogate = (0xD800...0xDFFF).contains(c)
    if !isSurrogate {
        if quick(.nfkc, c) { v |= 1 << 13 }
        if quick(.nfc, c) { v |= 1 << 14 }
        if ICUNormalizer.nfkc.hasBoundaryBefore(c) { v |= 1 << 26 }
        if ICUNormalizer.nfc.hasBoundaryBefore(c) { v |= 1 << 27 }
    }
    if ICUCharacterProperties.has(.defaultIgnorable, c) { v |= 1 << 15 }
    v |= UInt32(bidiAliases.firstIndex(of: ICUCharacterProperties.bidiClass(of: c))!) << 16
    if ICUCharacterProperties.has(.whiteSpace, c) { v |= 1 << 21 }
    if sc == "Zyyy" || sc == "Zinh" {
        if ICUCharacterProperties.scriptExtensionCodes(of: c).contains("Arab") { v |= 1 << 22 }
    }
    v |= UInt32(ICUCharacterProperties.pairedBracket(of: c).type & 3) << 23
    if ICUCharacterProperties.has(.alphabetic, c) { v |= 1 << 25 }
    return v
}

var ranges: [(UInt32, UInt32)] = []
var brackets: [(UInt32, UInt32)] = []
for c in UInt32(0)...0x10FFFF {
    let v = packed(c)
    if ranges.last?.1 != v { ranges.append((c, v)) }
    let b = ICUCharacterProperties.pairedBracket(of: c)
    if b.type == 1 { brackets.append((c, b.pair)) }
}

func hex(_ v: UInt32, _ width: Int) -> String {
    let s = String(v, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, width - s.count)) + s
}

var out = """
// generated — do not edit.
// Source: ICU \(ICU.version) (Unicode \(ICU.unicodeVersion)), by Sources/GenerateUnicodeTables
// (run Scripts/generate-unicode-tables.sh). Packed per-code-point properties as ranges;
// see UnicodeProperties for the bit layout.

extension UnicodeTables {
    /// The ICU version the tables were generated from.
    public static let generatedFromICU = "\(ICU.version)"
    /// The Unicode version of the tables.
    public static let unicodeVersion = "\(ICU.unicodeVersion)"

    static let scriptCodes: [String] = [
"""
for chunk in stride(from: 0, to: scripts.count, by: 12) {
    out += "\n        " + scripts[chunk..<min(chunk + 12, scripts.count)].map { "\"\($0.code)\"," }.joined(separator: " ")
}
out += "\n    ]\n\n    static let scriptNames: [String] = ["
for chunk in stride(from: 0, to: scripts.count, by: 6) {
    out += "\n        " + scripts[chunk..<min(chunk + 6, scripts.count)].map { "\"\($0.name)\"," }.joined(separator: " ")
}
out += "\n    ]\n\n    /// Opening and closing Bidi_Paired_Bracket pairs.\n    static let bracketPairs: [(open: UInt32, close: UInt32)] = ["
for chunk in stride(from: 0, to: brackets.count, by: 6) {
    out += "\n        " + brackets[chunk..<min(chunk + 6, brackets.count)].map { "(0x\(hex($0.0, 4)), 0x\(hex($0.1, 4)))," }.joined(separator: " ")
}
out += "\n    ]\n\n    /// \(ranges.count) ranges: 6 hex digits of the first code point, 8 of the packed value.\n"
out += "    static let rangeData: StaticString = \"\"\"\n"
var line = ""
for (start, value) in ranges {
    line += hex(start, 6) + hex(value, 8)
    if line.count >= 112 { out += line + "\\\n"; line = "" }
}
out += line + "\n\"\"\"\n}\n"

// The script constants bitext's code names.
let named: [(String, String)] = [
    ("common", "Zyyy"), ("inherited", "Zinh"), ("unknown", "Zzzz"), ("arabic", "Arab"),
    ("latin", "Latn"), ("cyrillic", "Cyrl"), ("greek", "Grek"), ("hebrew", "Hebr"),
    ("syriac", "Syrc"), ("thaana", "Thaa"), ("nko", "Nkoo"), ("han", "Hani"),
    ("armenian", "Armn"), ("devanagari", "Deva"),
]
out += "\nextension Script {\n"
for (name, code) in named {
    out += "    @inlinable public static var \(name): Script { Script(rawValue: \(scriptIndex[code]!)) }  // \(code)\n"
}
out += "}\n"

let fd = output.withCString { fopen($0, "w") }
guard let fd else { fatalError("cannot write \(output)") }
fputs(out, fd)
fclose(fd)
print("wrote \(output): \(ranges.count) ranges, \(scripts.count) scripts, \(brackets.count) bracket pairs")

#if canImport(Glibc)
import Glibc
#endif
