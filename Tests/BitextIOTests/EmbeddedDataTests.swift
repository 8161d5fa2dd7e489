import BitextData
import Testing

@Suite struct EmbeddedDataTests {
    @Test func selftestBlobIsEmbeddedAndAligned() throws {
        let blob = try #require(EmbeddedData.blob(named: "selftest"))
        #expect(String(decoding: blob, as: UTF8.self) == "bitext embedded data self-test\n")
        #expect(Int(bitPattern: blob.baseAddress) % 16 == 0)
        #expect(EmbeddedData.names.contains("selftest"))
        #expect(EmbeddedData.blob(named: "no-such-blob") == nil)
    }
}
