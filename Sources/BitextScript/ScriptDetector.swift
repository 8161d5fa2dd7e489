// ScriptDetector.swift — script runs with Common/Inherited resolved by context (UAX #24).
import BitextCore

/// The classes of the characters below U+0800, for ``ScriptDetector``'s fast path:
/// 0 for Common and Inherited characters that are not brackets (nothing to do), otherwise
/// the script (bits 0–7) and whether it is a letter (bit 8), or `special` (bit 15) for
/// brackets, which take the general path.
struct ByteClasses: @unchecked Sendable {
    static let neutral: UInt16 = 0
    static let special: UInt16 = 0x8000

    let table: UnsafeMutablePointer<UInt16>

    static let shared = ByteClasses()

    private init() {
        table = .allocate(capacity: 0x800)
        for c in 0..<UInt32(0x800) {
            let p = UnicodeTables.properties(of: c)
            let s = p.script
            if p.bracketType != .none {
                table[Int(c)] = Self.special
            } else if s == .common || s == .inherited || s == .unknown {
                table[Int(c)] = Self.neutral
            } else {
                table[Int(c)] = UInt16(s.rawValue) | (p.isLetter ? 0x100 : 0)
            }
        }
    }

    /// True when one of the eight ASCII bytes of `x` is ( ) [ ] { } (or, harmlessly, a
    /// few other bytes that share their bit patterns: the caller then goes byte by byte).
    @inline(__always)
    static func hasBracket(_ x: UInt64) -> Bool {
        @inline(__always) func hasByte(_ v: UInt64) -> Bool {
            (v &- 0x0101_0101_0101_0101) & ~v & 0x8080_8080_8080_8080 != 0
        }
        return hasByte((x & 0xFEFE_FEFE_FEFE_FEFE) ^ 0x2828_2828_2828_2828)  // ( )
            || hasByte((x & 0xF9F9_F9F9_F9F9_F9F9) ^ 0x5959_5959_5959_5959)  // [ ] (and Y _)
            || hasByte((x & 0xF9F9_F9F9_F9F9_F9F9) ^ 0x7979_7979_7979_7979)  // { } (and y DEL)
    }

    /// The high bit of each byte of `x` (ASCII) that is a letter A–Z or a–z.
    @inline(__always)
    static func letterMask(_ x: UInt64) -> UInt64 {
        let y = x | 0x2020_2020_2020_2020
        let atLeastA = y &+ 0x1F1F_1F1F_1F1F_1F1F  // high bit: byte ≥ 0x61
        let beyondZ = y &+ 0x0505_0505_0505_0505  // high bit: byte ≥ 0x7B
        return atLeastA & ~beyondZ & 0x8080_8080_8080_8080
    }
}

/// A maximal stretch of text in one script, in Unicode scalar offsets (end exclusive).
public struct ScriptRun: Equatable, Sendable, CustomStringConvertible {
    public var start: Int
    public var end: Int
    public var script: Script

    public init(start: Int, end: Int, script: Script) {
        self.start = start
        self.end = end
        self.script = script
    }

    public var description: String { "\(script.code) \(start)..<\(end)" }
}

/// How a text's letters divide among scripts.
public struct ScriptProfile: Equatable, Sendable {
    /// Number of letters (General_Category L*) in the text.
    public var letters = 0
    /// Letters in the Arabic script.
    public var arabic = 0
    /// Letters in the Latin script.
    public var latin = 0
    /// Letters in any other script.
    public var other: Int { letters - arabic - latin }

    public var arabicShare: Double { letters == 0 ? 0 : Double(arabic) / Double(letters) }
    public var latinShare: Double { letters == 0 ? 0 : Double(latin) / Double(letters) }
    public var otherShare: Double { letters == 0 ? 0 : Double(other) / Double(letters) }
}

/// What ``ScriptDetector`` found in one text.
public struct ScriptAnalysis: Equatable, Sendable {
    /// The script runs, covering the whole text in order.
    public var runs: [ScriptRun]
    /// The script with the most letters (Common when there are no letters).
    public var dominant: Script
    public var profile: ScriptProfile
    /// Number of scalars in the text.
    public var length: Int
}

/// Splits text into script runs.
///
/// Every scalar has a script (Unicode's Script property, from bitext's own tables). Common
/// characters (spaces, digits, punctuation) and Inherited ones (diacritics, other combining
/// marks) take the script of their context, as UAX #24 describes:
///
/// - an Inherited character takes the script of the character before it, so `مُحَمَّد` is one run;
/// - Common characters between two stretches of one script join it; between two scripts,
///   they stay with the stretch before, except that an opening bracket goes with the text
///   it opens — so in `Benghazi (بنغازي)` the bracket is Arabic;
/// - a closing bracket takes the script of the bracket it closes (Bidi_Paired_Bracket
///   pairs), so `(بنغازي)` is one Arabic run;
/// - Common characters before the first letter take the script of that letter.
///
///     var d = ScriptDetector()
///     d.analyze("Libya (ليبيا) today").runs
///     // [Latn 0..<6, Arab 6..<13, Latn 13..<19]
///
/// A detector keeps scratch state: use one per thread.
public struct ScriptDetector {
    /// Letters per script index, reset for every text.
    private let counts = Counts()

    private final class Counts {
        let p = UnsafeMutablePointer<Int>.allocate(capacity: 256)
        init() { p.initialize(repeating: 0, count: 256) }
        deinit { p.deallocate() }
    }

    public init() {}

    /// Deepest bracket nesting tracked (as UAX #24 suggests, a fixed-size stack).
    static let maxBracketDepth = 64

    public func analyze(_ text: String) -> ScriptAnalysis {
        var text = text
        return text.withUTF8 { analyze(utf8: $0) }
    }

    /// Analyzes valid UTF-8 (invalid sequences are read as U+FFFD).
    ///
    /// - Complexity: O(n).
    public func analyze(utf8 input: UnsafeBufferPointer<UInt8>) -> ScriptAnalysis {
        if let a = analyzeChecked(utf8: input) { return a }
        let (fixed, _) = UTF8Validation.repairing(input)
        return fixed.withUnsafeBufferPointer { analyzeChecked(utf8: $0)! }
    }

    /// Analyzes UTF-8, checking it as it reads: nil when it is not well-formed.
    ///
    /// - Complexity: O(n).
    public func analyzeChecked(utf8 input: UnsafeBufferPointer<UInt8>) -> ScriptAnalysis? {
        var runs: [ScriptRun] = []
        var profile = ScriptProfile()
        guard let p = input.baseAddress, input.count > 0 else {
            return ScriptAnalysis(runs: [], dominant: .common, profile: profile, length: 0)
        }
        let n = input.count
        var i = 0
        var k = 0  // scalar index
        var current = Script.common  // .common while no strong character has been seen
        var runStart = 0
        // Common and Inherited characters need no work: they belong to whichever run the
        // next split leaves them in. Only two positions matter: the last strong character,
        // and the first opening bracket after it (valid while it lies beyond lastStrong).
        var lastStrong = -1
        var pendingBracket = -1
        var brackets: [(close: UInt32, at: Int)] = []
        let table = UnicodeTables.table
        let common = Script.common
        let cnt = counts.p
        let classes = ByteClasses.shared.table

        func scriptAt(_ pos: Int, _ runs: [ScriptRun], _ current: Script, _ runStart: Int) -> Script {
            if pos >= runStart { return current }
            var r = runs.count - 1
            while r > 0 && runs[r].start > pos { r -= 1 }
            return r >= 0 ? runs[r].script : current
        }

        while i < n {
            let b = p[i]
            var e: UInt16
            var len: Int
            if b < 0x80 {
                // Eight ASCII bytes at once when none of them is a bracket: letters are
                // counted and the last one becomes the last strong character.
                if current == .latin && i + 8 <= n {
                    let x = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
                    if x & 0x8080_8080_8080_8080 == 0 && !ByteClasses.hasBracket(x) {
                        let letters = ByteClasses.letterMask(x)
                        if letters != 0 {
                            cnt[Int(Script.latin.rawValue)] += letters.nonzeroBitCount
                            lastStrong = k + 7 - letters.leadingZeroBitCount / 8
                        }
                        i += 8
                        k += 8
                        continue
                    }
                }
                e = classes[Int(b)]
                len = 1
            } else if b < 0xE0 {
                guard b >= 0xC2, i + 1 < n, p[i + 1] & 0xC0 == 0x80 else { return nil }
                e = classes[Int(UInt32(b & 0x1F) << 6 | UInt32(p[i + 1] & 0x3F))]
                len = 2
            } else {
                e = ByteClasses.special
                len = 0
            }
            if e == ByteClasses.neutral {
                i += len
                k += 1
                continue
            }
            var c: UInt32 = 0
            var script: Script
            if e & ByteClasses.special == 0 {
                script = Script(rawValue: UInt8(truncatingIfNeeded: e))
                cnt[Int(script.rawValue)] += Int(e >> 8 & 1)
                i += len
            } else {
                if len == 0 {
                    let (s, l) = UTF8Scalars.decodeChecked(p, i, n)
                    if l == 0 { return nil }
                    c = s
                    len = l
                } else {
                    c = len == 1 ? UInt32(b) : UInt32(b & 0x1F) << 6 | UInt32(p[i + 1] & 0x3F)
                }
                i += len
                let props = table[c]
                script = props.script
                if script == common || script == .inherited || script == .unknown {
                    switch props.bracketType {
                    case .open:
                        if pendingBracket <= lastStrong { pendingBracket = k }
                        if brackets.count < Self.maxBracketDepth,
                           let close = UnicodeTables.closingBracket(for: c)
                        {
                            brackets.append((close, k))
                        }
                    case .close:
                        if let m = brackets.lastIndex(where: { $0.close == c }) {
                            let opener = brackets[m].at
                            brackets.removeSubrange(m...)
                            // Opened after the last strong character: nothing resolved yet.
                            let s = opener > lastStrong ? common : scriptAt(opener, runs, current, runStart)
                            if s != common && s != current && current != common {
                                // The bracket starts a run of its opener's script.
                                runs.append(ScriptRun(start: runStart, end: k, script: current))
                                runStart = k
                                current = s
                                lastStrong = k
                            } else if s == current && s != common {
                                lastStrong = k
                            }
                        }
                    case .none:
                        break
                    }
                    k += 1
                    continue
                }
                if props.isLetter { cnt[Int(script.rawValue)] += 1 }
            }
            // A strong character.
            if script != current {
                if current == common {
                    current = script
                } else {
                    let split = pendingBracket > lastStrong ? pendingBracket : k
                    runs.append(ScriptRun(start: runStart, end: split, script: current))
                    runStart = split
                    current = script
                }
            }
            lastStrong = k
            k += 1
        }
        runs.append(ScriptRun(start: runStart, end: k, script: current))
        let latinIndex = Int(Script.latin.rawValue)
        let arabicIndex = Int(Script.arabic.rawValue)
        // Letters per script were counted in `cnt`; read them back (resetting them for the
        // next text) in run order: the script with most letters wins, the first on a tie.
        profile.latin = cnt[latinIndex]
        profile.arabic = cnt[arabicIndex]
        var dominant = Script.common
        var best = 0
        for r in runs {
            let s = Int(r.script.rawValue)
            let v = cnt[s]
            if v > 0 {
                profile.letters += v
                if v > best {
                    best = v
                    dominant = r.script
                }
                cnt[s] = 0
            }
        }
        if best == 0, let first = runs.first(where: { !$0.script.isContextual }) { dominant = first.script }
        return ScriptAnalysis(runs: runs, dominant: dominant, profile: profile, length: k)
    }
}
