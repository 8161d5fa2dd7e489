// JSONValue.swift — a small JSON reader that remembers where every value was.
import BitextCore

/// A parsed JSON value, with the byte range it occupied in its source.
///
/// Numbers are kept as their source text (no precision lost); strings are unescaped. The
/// ranges let a caller replace one value in a line and leave every other byte as it was.
///
///     let v = try JSONValue.parse(Array(#"{"id": 7, "text": "بنغازي"}"#.utf8))
///     v["text"]?.string          // "بنغازي"
///     v["id"]?.numberText        // "7"
public indirect enum JSONValue: Equatable, Sendable {
    case object([(key: String, value: JSONValue)], Range<Int>)
    case array([JSONValue], Range<Int>)
    case string(String, Range<Int>)
    case number(String, Range<Int>)
    case bool(Bool, Range<Int>)
    case null(Range<Int>)

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case let (.object(x, r), .object(y, s)):
            return r == s && x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        case let (.array(x, r), .array(y, s)): return x == y && r == s
        case let (.string(x, r), .string(y, s)): return x == y && r == s
        case let (.number(x, r), .number(y, s)): return x == y && r == s
        case let (.bool(x, r), .bool(y, s)): return x == y && r == s
        case let (.null(r), .null(s)): return r == s
        default: return false
        }
    }

    /// Bytes of the source this value occupied.
    public var range: Range<Int> {
        switch self {
        case .object(_, let r), .array(_, let r), .string(_, let r), .number(_, let r), .bool(_, let r), .null(let r): r
        }
    }

    /// The member called `key` of an object (the last one when it repeats).
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members, _) = self else { return nil }
        return members.last { $0.key == key }?.value
    }

    public var string: String? {
        if case .string(let s, _) = self { return s }
        return nil
    }

    public var numberText: String? {
        if case .number(let s, _) = self { return s }
        return nil
    }

    /// A JSON syntax error: what, and the byte offset where it was found.
    public struct SyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
        public var offset: Int
        public var message: String
        public var description: String { "byte \(offset): \(message)" }
    }

    /// Parses one JSON value filling `bytes` (surrounding whitespace allowed).
    ///
    /// - Complexity: O(n); nesting deeper than 512 levels is an error, not a stack overflow.
    public static func parse(_ bytes: [UInt8]) throws(SyntaxError) -> JSONValue {
        try bytes.withUnsafeBufferPointer { buf throws(SyntaxError) in
            var p = Parser(b: buf, i: 0)
            p.skipSpace()
            let v = try p.value(depth: 0)
            p.skipSpace()
            if p.i != buf.count { throw SyntaxError(offset: p.i, message: "unexpected text after the value") }
            return v
        }
    }

    struct Parser {
        let b: UnsafeBufferPointer<UInt8>
        var i: Int

        mutating func skipSpace() {
            while i < b.count && (b[i] == 0x20 || b[i] == 0x09 || b[i] == 0x0A || b[i] == 0x0D) { i += 1 }
        }

        func fail(_ message: String) -> SyntaxError { SyntaxError(offset: i, message: message) }

        mutating func value(depth: Int) throws(SyntaxError) -> JSONValue {
            guard depth < 512 else { throw fail("nested too deeply") }
            guard i < b.count else { throw fail("unexpected end of input") }
            let start = i
            switch b[i] {
            case UInt8(ascii: "{"):
                i += 1
                var members: [(key: String, value: JSONValue)] = []
                skipSpace()
                if i < b.count && b[i] == UInt8(ascii: "}") {
                    i += 1
                    return .object(members, start..<i)
                }
                while true {
                    skipSpace()
                    guard i < b.count, b[i] == UInt8(ascii: "\"") else { throw fail("expected a member name in quotes") }
                    guard case .string(let key, _) = try string() else { throw fail("expected a member name") }
                    skipSpace()
                    guard i < b.count, b[i] == UInt8(ascii: ":") else { throw fail("expected ':' after a member name") }
                    i += 1
                    skipSpace()
                    members.append((key, try value(depth: depth + 1)))
                    skipSpace()
                    guard i < b.count else { throw fail("unexpected end of input in an object") }
                    if b[i] == UInt8(ascii: ",") { i += 1; continue }
                    if b[i] == UInt8(ascii: "}") { i += 1; return .object(members, start..<i) }
                    throw fail("expected ',' or '}' in an object")
                }
            case UInt8(ascii: "["):
                i += 1
                var items: [JSONValue] = []
                skipSpace()
                if i < b.count && b[i] == UInt8(ascii: "]") {
                    i += 1
                    return .array(items, start..<i)
                }
                while true {
                    skipSpace()
                    items.append(try value(depth: depth + 1))
                    skipSpace()
                    guard i < b.count else { throw fail("unexpected end of input in an array") }
                    if b[i] == UInt8(ascii: ",") { i += 1; continue }
                    if b[i] == UInt8(ascii: "]") { i += 1; return .array(items, start..<i) }
                    throw fail("expected ',' or ']' in an array")
                }
            case UInt8(ascii: "\""):
                return try string()
            case UInt8(ascii: "t"): return try literal("true", .bool(true, start..<(start + 4)))
            case UInt8(ascii: "f"): return try literal("false", .bool(false, start..<(start + 5)))
            case UInt8(ascii: "n"): return try literal("null", .null(start..<(start + 4)))
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                return try number()
            default:
                throw fail("unexpected character")
            }
        }

        mutating func literal(_ word: StaticString, _ v: JSONValue) throws(SyntaxError) -> JSONValue {
            let n = word.utf8CodeUnitCount
            guard i + n <= b.count else { throw fail("unexpected end of input") }
            let ok = word.withUTF8Buffer { w in (0..<n).allSatisfy { b[i + $0] == w[$0] } }
            guard ok else { throw fail("unexpected character") }
            i += n
            return v
        }

        mutating func number() throws(SyntaxError) -> JSONValue {
            let start = i
            if b[i] == UInt8(ascii: "-") { i += 1 }
            func digits(_ i: inout Int) -> Int {
                let s = i
                while i < b.count && b[i] >= 0x30 && b[i] <= 0x39 { i += 1 }
                return i - s
            }
            guard i < b.count else { throw fail("bad number") }
            if b[i] == 0x30 { i += 1 } else if digits(&i) == 0 { throw fail("bad number") }
            if i < b.count && b[i] == UInt8(ascii: ".") {
                i += 1
                if digits(&i) == 0 { throw fail("bad number: digits expected after '.'") }
            }
            if i < b.count && (b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E")) {
                i += 1
                if i < b.count && (b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-")) { i += 1 }
                if digits(&i) == 0 { throw fail("bad number: digits expected in the exponent") }
            }
            return .number(String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self), start..<i)
        }

        mutating func hex4() throws(SyntaxError) -> UInt32 {
            guard i + 4 <= b.count else { throw fail("truncated \\u escape") }
            var v: UInt32 = 0
            for _ in 0..<4 {
                let c = b[i]
                let d: UInt32
                switch c {
                case 0x30...0x39: d = UInt32(c - 0x30)
                case 0x41...0x46: d = UInt32(c - 0x37)
                case 0x61...0x66: d = UInt32(c - 0x57)
                default: throw fail("bad hex digit in a \\u escape")
                }
                v = v << 4 | d
                i += 1
            }
            return v
        }

        mutating func string() throws(SyntaxError) -> JSONValue {
            let start = i
            i += 1
            var out: [UInt8] = []
            var run = i
            while true {
                guard i < b.count else { throw SyntaxError(offset: start, message: "unterminated string") }
                let c = b[i]
                if c == UInt8(ascii: "\"") {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: b[run..<i]))
                    i += 1
                    return .string(String(decoding: out, as: UTF8.self), start..<i)
                }
                if c < 0x20 { throw fail("control character in a string (write it as an escape)") }
                if c != UInt8(ascii: "\\") {
                    i += 1
                    continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: b[run..<i]))
                i += 1
                guard i < b.count else { throw fail("unterminated escape") }
                let e = b[i]
                i += 1
                switch e {
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5C)
                case UInt8(ascii: "/"): out.append(0x2F)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var v = try hex4()
                    if v >= 0xD800 && v < 0xDC00 {
                        // A surrogate pair; a lone surrogate becomes U+FFFD (it cannot be UTF-8).
                        if i + 6 <= b.count && b[i] == UInt8(ascii: "\\") && b[i + 1] == UInt8(ascii: "u") {
                            i += 2
                            let lo = try hex4()
                            v = lo >= 0xDC00 && lo < 0xE000 ? 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00) : 0xFFFD
                        } else {
                            v = 0xFFFD
                        }
                    } else if v >= 0xDC00 && v < 0xE000 {
                        v = 0xFFFD
                    }
                    UTF8Scalars.encode(v, into: &out)
                default:
                    throw fail("unknown escape \\\(Character(Unicode.Scalar(e)))")
                }
                run = i
            }
        }
    }
}
