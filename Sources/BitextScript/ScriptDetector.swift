// ScriptDetector.swift — script runs with Common/Inherited resolved by context (UAX #24).
import BitextCore

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
    private var counts = [Int](repeating: 0, count: 256)

    public init() {}

    /// Deepest bracket nesting tracked (as UAX #24 suggests, a fixed-size stack).
    static let maxBracketDepth = 64

    public mutating func analyze(_ text: String) -> ScriptAnalysis {
        var text = text
        return text.withUTF8 { analyze(utf8: $0) }
    }

    /// Analyzes valid UTF-8.
    ///
    /// - Complexity: O(n).
    public mutating func analyze(utf8 input: UnsafeBufferPointer<UInt8>) -> ScriptAnalysis {
        var runs: [ScriptRun] = []
        var profile = ScriptProfile()
        guard let p = input.baseAddress, input.count > 0 else {
            return ScriptAnalysis(runs: [], dominant: .common, profile: profile, length: 0)
        }
        let n = input.count
        var i = 0
        var k = 0  // scalar index
        var current = Script.common  // .common while no letter has been seen
        var runStart = 0
        var pendingStart = -1  // first Common scalar after the last strong one
        var pendingBracket = -1  // first opening bracket among them
        var brackets: [(close: UInt32, at: Int)] = []
        let latinIndex = Int(Script.latin.rawValue)
        let arabicIndex = Int(Script.arabic.rawValue)

        func scriptAt(_ pos: Int, _ runs: [ScriptRun], _ current: Script, _ runStart: Int) -> Script {
            if pos >= runStart { return current }
            var r = runs.count - 1
            while r > 0 && runs[r].start > pos { r -= 1 }
            return r >= 0 ? runs[r].script : current
        }

        while i < n {
            let b = p[i]
            var c: UInt32
            var props: UnicodeProperties
            if b < 0x80 {
                // ASCII letters: strong Latin, no bracket handling needed.
                if (b | 0x20) &- 0x61 < 26 {
                    profile.letters += 1
                    counts[latinIndex] += 1
                    if current != .latin {
                        if current == .common {
                            current = .latin
                        } else {
                            let split = pendingBracket >= 0 ? pendingBracket : k
                            runs.append(ScriptRun(start: runStart, end: split, script: current))
                            runStart = split
                            current = .latin
                        }
                    }
                    pendingStart = -1
                    pendingBracket = -1
                    i += 1
                    k += 1
                    continue
                }
                c = UInt32(b)
                props = UnicodeTables.properties(of: c)
                i += 1
            } else {
                let (s, len) = UTF8Scalars.decode(p, i)
                c = s
                props = UnicodeTables.properties(of: c)
                i += len
            }
            let script = props.script
            if script == .common || script == .inherited || script == .unknown {
                if script == .inherited && pendingStart < 0 {
                    // A mark right after a strong character: part of it.
                    k += 1
                    continue
                }
                if pendingStart < 0 { pendingStart = k }
                switch props.bracketType {
                case .open:
                    if pendingBracket < 0 { pendingBracket = k }
                    if brackets.count < Self.maxBracketDepth,
                       let close = UnicodeTables.closingBracket(for: c)
                    {
                        brackets.append((close, k))
                    }
                case .close:
                    if let m = brackets.lastIndex(where: { $0.close == c }) {
                        let opener = brackets[m].at
                        brackets.removeSubrange(m...)
                        let s = opener >= runStart && pendingBracket >= 0 && opener >= pendingBracket
                            ? Script.common  // opened in the pending stretch: not resolved yet
                            : scriptAt(opener, runs, current, runStart)
                        if s != .common && s != current && current != .common {
                            // Close the current run; the bracket starts a run of the opener's script.
                            runs.append(ScriptRun(start: runStart, end: k, script: current))
                            runStart = k
                            current = s
                            pendingStart = -1
                            pendingBracket = -1
                        } else if s == current && s != .common {
                            pendingStart = -1
                            pendingBracket = -1
                        }
                    }
                case .none:
                    break
                }
                k += 1
                continue
            }
            // A strong script.
            if props.isLetter {
                profile.letters += 1
                counts[Int(script.rawValue)] += 1
            }
            if script != current {
                if current == .common {
                    current = script
                } else {
                    let split = pendingBracket >= 0 ? pendingBracket : k
                    runs.append(ScriptRun(start: runStart, end: split, script: current))
                    runStart = split
                    current = script
                }
            }
            pendingStart = -1
            pendingBracket = -1
            k += 1
        }
        runs.append(ScriptRun(start: runStart, end: k, script: current))

        // Dominant script and profile.
        profile.latin = counts[latinIndex]
        profile.arabic = counts[arabicIndex]
        var dominant = Script.common
        var best = 0
        var seen = Set<UInt8>()
        for r in runs where !seen.contains(r.script.rawValue) {
            seen.insert(r.script.rawValue)
            let v = counts[Int(r.script.rawValue)]
            if v > best {
                best = v
                dominant = r.script
            }
        }
        for s in seen { counts[Int(s)] = 0 }
        counts[latinIndex] = 0
        counts[arabicIndex] = 0
        if best == 0, let first = runs.first(where: { !$0.script.isContextual }) { dominant = first.script }
        return ScriptAnalysis(runs: runs, dominant: dominant, profile: profile, length: k)
    }
}
