import BitextCore
import PropertyBased
import Testing

@Suite struct TextOffsetsTests {
    @Test func convertsAgainstSwiftsViews() async {
        let pool: [Character] = ["a", "ب", "é", "🇱", "😀", "\u{200F}", "ﷺ", " ", "𝔸"]
        await propertyCheck(count: 300, input: Gen.int(in: 0...(pool.count - 1)).map { pool[$0] }.array(of: 0...200)) { chars in
            let s = String(chars)
            let idx = TextOffsetIndex(s)
            let scalars = Array(s.unicodeScalars)
            #expect(idx.scalarCount == scalars.count)
            for n in 0...scalars.count {
                var view = String.UnicodeScalarView()
                view.append(contentsOf: scalars[0..<n])
                let prefix = String(view)
                #expect(idx.offset(ofScalar: n, in: .utf8) == prefix.utf8.count)
                #expect(idx.offset(ofScalar: n, in: .utf16) == prefix.utf16.count)
                #expect(idx.offset(ofScalar: n, in: .scalar) == n)
            }
        }
    }
}
