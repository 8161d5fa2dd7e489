import BitextCore
import PropertyBased
import Testing

@Suite struct UTF8ValidationTests {
    /// Malformed input: where the error is, how long the maximal invalid subpart is, and why.
    @Test(arguments: [
        ([0x80], 0, 1, UTF8Error.Reason.unexpectedContinuation),
        ([0x61, 0xBF, 0x62], 1, 1, .unexpectedContinuation),
        ([0xC0, 0x80], 0, 1, .overlong),
        ([0xC1, 0xBF], 0, 1, .overlong),
        ([0xE0, 0x80, 0x80], 0, 1, .overlong),
        ([0xF0, 0x80, 0x80, 0x80], 0, 1, .overlong),
        ([0xED, 0xA0, 0x80], 0, 1, .surrogate),
        ([0xF4, 0x90, 0x80, 0x80], 0, 1, .tooLarge),
        ([0xF5, 0x80], 0, 1, .tooLarge),
        ([0xFF], 0, 1, .invalidByte),
        ([0x61, 0xC3], 1, 1, .truncated),
        ([0xE2, 0x80], 0, 2, .truncated),
        ([0xE2, 0x80, 0x41], 0, 2, .truncated),
        ([0xF0, 0x9F, 0x98], 0, 3, .truncated),
        ([0xD8, 0xA8, 0xD9], 2, 1, .truncated),
    ] as [([UInt8], Int, Int, UTF8Error.Reason)])
    func malformed(_ bytes: [UInt8], _ offset: Int, _ length: Int, _ reason: UTF8Error.Reason) throws {
        let e = try #require(UTF8Validation.firstError(in: bytes))
        #expect(e.byteOffset == offset)
        #expect(e.length == length)
        #expect(e.reason == reason)
        #expect(e.bytes == Array(bytes[offset..<(offset + length)]))
    }

    @Test(arguments: ["", "abc", "بنغازي", "مُحَمَّد ﷺ", "🇱🇾 Libya", "\u{0}\u{7F}\u{80}\u{7FF}\u{800}\u{FFFF}\u{10000}\u{10FFFF}"])
    func wellFormed(_ s: String) {
        #expect(UTF8Validation.firstError(in: Array(s.utf8)) == nil)
    }

    /// Swift's own decoder is the oracle: it accepts exactly well-formed UTF-8 and replaces
    /// each maximal invalid subpart with one U+FFFD, as Unicode recommends.
    @Test func agreesWithSwiftsDecoderOnRandomBytes() async {
        let interesting: [UInt8] = [0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2,
                                    0xD8, 0xDF, 0xE0, 0xE1, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF4, 0xF5, 0xFF]
        let gen = Gen.int(in: 0...(interesting.count - 1)).map { interesting[$0] }.array(of: 0...12)
        await propertyCheck(count: 3000, input: gen) { bytes in
            // Decoding replaces every invalid subpart, so only valid input round-trips.
            let oracleValid = Array(String(decoding: bytes, as: UTF8.self).utf8) == bytes
            #expect((UTF8Validation.firstError(in: bytes) == nil) == oracleValid, "\(bytes)")
            let repaired = bytes.withUnsafeBufferPointer { UTF8Validation.repairing($0) }
            #expect(repaired.bytes == Array(String(decoding: bytes, as: UTF8.self).utf8), "\(bytes)")
            #expect(repaired.errors.isEmpty == oracleValid)
            // The checked decoder walks the same sequences.
            bytes.withUnsafeBufferPointer { buf in
                guard let p = buf.baseAddress else { return }
                var i = 0
                var scalars: [UInt32] = []
                var ok = true
                while i < buf.count {
                    let (s, len) = UTF8Scalars.decodeChecked(p, i, buf.count)
                    if len == 0 { ok = false; break }
                    scalars.append(s)
                    i += len
                }
                #expect(ok == oracleValid)
                if ok { #expect(scalars == String(decoding: bytes, as: UTF8.self).unicodeScalars.map(\.value)) }
            }
        }
    }

    @Test func errorMessageNamesOffsetAndBytes() throws {
        let e = try #require(UTF8Validation.firstError(in: Array("ab".utf8) + [0xE2, 0x28]))
        #expect(e.description == "invalid UTF-8 at byte 2: truncated sequence (0xE2)")
    }

    @Test func longASCIIRunsWithAnErrorAtTheEnd() throws {
        var bytes = [UInt8](repeating: 0x61, count: 10_003)
        bytes.append(0xC3)
        let e = try #require(UTF8Validation.firstError(in: bytes))
        #expect(e.byteOffset == 10_003)
    }
}
