import BitextIO
import Foundation
import Testing

@Suite struct JSONValueTests {
    @Test func objectsWithRanges() throws {
        let line = #"{"id": 7, "text": "بنغازي \"Benghazi\"", "tags": [true, null, -1.5e3]}"#
        let bytes = Array(line.utf8)
        let v = try JSONValue.parse(bytes)
        #expect(v["id"]?.numberText == "7")
        #expect(v["text"]?.string == "بنغازي \"Benghazi\"")
        let r = try #require(v["text"]?.range)
        #expect(String(decoding: bytes[r], as: UTF8.self) == #""بنغازي \"Benghazi\"""#)
        guard case .array(let tags, _)? = v["tags"] else { Issue.record("tags"); return }
        #expect(tags.count == 3 && tags[2].numberText == "-1.5e3")
    }

    @Test(arguments: [#""\u0628\u0646""#, #""\ud83d\ude00""#, #""a\/b\tc""#])
    func escapesAgreeWithFoundation(_ json: String) throws {
        let ours = try JSONValue.parse(Array(json.utf8)).string
        let theirs = try JSONSerialization.jsonObject(with: Data(json.utf8), options: .fragmentsAllowed) as? String
        #expect(ours == theirs)
    }

    @Test func loneSurrogatesBecomeReplacementCharacters() throws {
        // UTF-8 cannot hold a lone surrogate: it is read as U+FFFD rather than refused.
        #expect(try JSONValue.parse(Array(#""\ud800x""#.utf8)).string == "\u{FFFD}x")
        #expect(try JSONValue.parse(Array(#""\udc00""#.utf8)).string == "\u{FFFD}")
    }

    @Test(arguments: [
        ("{\"a\": }", 6), ("{\"a\" 1}", 5), ("[1, 2", 5), ("\"abc", 0), ("{\"a\": tru}", 6), ("01", 1),
        ("\"a\u{1}b\"", 2), ("{} x", 3), ("", 0), ("[1,]", 3),
    ])
    func syntaxErrorsNameTheOffset(_ json: String, _ offset: Int) {
        do {
            _ = try JSONValue.parse(Array(json.utf8))
            Issue.record("accepted \(json)")
        } catch {
            #expect(error.offset == offset, "\(json): \(error)")
        }
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: JSONValue.SyntaxError.self) { try JSONValue.parse(Array(deep.utf8)) }
    }
}
