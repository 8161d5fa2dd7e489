// SentenceSegmenter.swift — sentences of English and Arabic news text.
import BitextCore

/// A sentence: its scalar range in the text it came from (trailing spaces excluded).
public struct Sentence: Equatable, Sendable {
    public var start: Int
    public var end: Int
    public var text: String

    public init(start: Int, end: Int, text: String) {
        self.start = start
        self.end = end
        self.text = text
    }
}

/// Splits English or Arabic news text into sentences.
///
/// A sentence ends at `.`, `!`, `?`, `؟`, `…` or `۔` (with any closing quotes and brackets
/// after it) followed by a space and something that can start a sentence — and at every line
/// break. It does not end at a decimal point (`2.5`), inside an ellipsis's run of dots, after an
/// abbreviation that news writes before a name or number (`Gen.`, `Sen.`, `Mr.`, `No.`, `Jan.`),
/// after an initial (`J. Smith`), or after `U.S.`, `U.N.` and the like unless a word that
/// usually starts a sentence follows (`… in the U.S. He said`).
///
///     SentenceSegmenter().sentences(in: "Gen. Khalifa Haftar met the U.N. envoy. He left.").map(\.text)
///     // ["Gen. Khalifa Haftar met the U.N. envoy.", "He left."]
///     SentenceSegmenter().sentences(in: "وصل الوفد. هل سيعقد الاجتماع؟ نعم!").count   // 3
public struct SentenceSegmenter: Sendable {
    public init() {}

    /// Abbreviations that never end a sentence (lowercased, without the final dot).
    static let titles: Set<String> = [
        "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "adm", "cmdr", "brig",
        "sen", "rep", "gov", "pres", "amb", "hon", "rev", "fr", "st", "sr", "jr", "messrs", "mt", "ft", "pt",
        "no", "nos", "vol", "fig", "art", "sec", "ch", "op", "pp", "vs", "v", "etc", "approx", "est", "dept", "univ",
        "inc", "corp", "co", "ltd", "bros", "assn", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
        "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thurs", "fri", "sat", "sun", "e.g", "i.e", "a.m", "p.m",
        "al", "ave", "blvd", "rd", "ca", "cf",
    ]

    /// Words that usually start a sentence: after `U.S.` they make the dot a sentence end.
    static let sentenceStarters: Set<String> = [
        "the", "he", "she", "it", "they", "we", "i", "this", "that", "these", "those", "but", "and", "in", "on",
        "at", "a", "an", "his", "her", "their", "its", "there", "however", "meanwhile", "officials", "mr", "ms",
    ]

    static let terminators: Set<Unicode.Scalar> = [".", "!", "?", "\u{061F}", "\u{2026}", "\u{06D4}"]
    static let closers: Set<Unicode.Scalar> = ["\"", "'", ")", "]", "}", "\u{00BB}", "\u{201D}", "\u{2019}", "\u{203A}", "\u{300D}"]

    /// The sentences of `text`, in order.
    ///
    /// - Complexity: O(n).
    public func sentences(in text: String) -> [Sentence] {
        let s = Array(text.unicodeScalars)
        var out: [Sentence] = []
        var start = 0
        func emit(_ end: Int) {
            var a = start
            var b = end
            while a < b && UnicodeTables.properties(of: s[a].value).isWhiteSpace { a += 1 }
            while b > a && UnicodeTables.properties(of: s[b - 1].value).isWhiteSpace { b -= 1 }
            if a < b {
                out.append(Sentence(start: a, end: b, text: String(scalars: s[a..<b])))
            }
            start = end
        }
        var i = 0
        while i < s.count {
            let c = s[i]
            if c == "\n" || c == "\u{2029}" {
                emit(i)
                i += 1
                start = i
                continue
            }
            guard Self.terminators.contains(c) else {
                i += 1
                continue
            }
            // The whole run of terminators and closing quotes/brackets.
            var j = i + 1
            while j < s.count && (Self.terminators.contains(s[j]) || Self.closers.contains(s[j])) { j += 1 }
            if isSentenceEnd(s, dot: i, after: j) {
                emit(j)
            }
            i = j
        }
        emit(s.count)
        return out
    }

    private func isSentenceEnd(_ s: [Unicode.Scalar], dot i: Int, after j: Int) -> Bool {
        // Must be followed by a space (or the end of the text).
        if j >= s.count { return true }
        guard UnicodeTables.properties(of: s[j].value).isWhiteSpace else { return false }
        var k = j
        while k < s.count && UnicodeTables.properties(of: s[k].value).isWhiteSpace && s[k] != "\n" { k += 1 }
        if k >= s.count || s[k] == "\n" { return true }
        let next = s[k]
        if s[i] != "." || j - i > 1 && s[i + 1] == "." {
            // ! ? ؟ … and runs of dots end a sentence unless a lowercase word follows.
            return !next.properties.isLowercase
        }
        // The word before the dot.
        var w = i
        while w > 0 && (UnicodeTables.properties(of: s[w - 1].value).isAlphabetic || s[w - 1] == ".") { w -= 1 }
        let word = String(scalars: s[w..<i]).lowercased()
        if next.properties.isLowercase { return false }
        if word.isEmpty { return true }
        if Self.titles.contains(word) { return false }
        let letters = word.unicodeScalars.filter { $0 != "." }
        // A Latin initial: "J. Smith". (A single Arabic letter is a word: "و." is rare, "د." is Dr.)
        if letters.count == 1, word.unicodeScalars.allSatisfy({ $0 == "." || $0.isASCII }) { return false }
        if word == "د" || word == "م" || word == "ص" { return false }
        // Acronyms with inner dots (U.S., U.N.): a sentence end only before a typical sentence start.
        if word.contains(".") {
            var e = k
            while e < s.count && UnicodeTables.properties(of: s[e].value).isAlphabetic { e += 1 }
            let nextWord = String(scalars: s[k..<e]).lowercased()
            return Self.sentenceStarters.contains(nextWord)
        }
        return true
    }
}
