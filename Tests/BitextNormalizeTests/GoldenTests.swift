import BitextNormalize
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Golden files: `Golden/<profile>.txt`, one case per line, `input<TAB>expected output`, with
/// invisible characters written as `\u{…}` escapes. Re-record deliberately with
/// `RECORD_GOLDEN=1 swift test --filter GoldenTests` (a recording run fails, so it is never
/// mistaken for a pass); then review the diff.
@Suite struct GoldenTests {
    static let directory: String = {
        let file = #filePath
        return String(file[..<file.lastIndex(of: "/")!]) + "/Golden"
    }()

    static func read(_ path: String) -> String? {
        guard let f = fopen(path, "r") else { return nil }
        defer { fclose(f) }
        var bytes: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = fread(&buf, 1, buf.count, f)
            if n <= 0 { break }
            bytes.append(contentsOf: buf[0..<n])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test(arguments: ["search", "display", "nfkc"])
    func golden(_ profileName: String) throws {
        let path = "\(Self.directory)/\(profileName).txt"
        let content = try #require(Self.read(path), "missing \(path)")
        let normalizer = Normalizer(profile: NormalizationProfile.named[profileName]!)
        var recorded: [String] = []
        var cases = 0
        for line in content.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("#") || line.isEmpty {
                recorded.append(String(line))
                continue
            }
            let parts = line.split(separator: "\t", omittingEmptySubsequences: false)
            try #require(parts.count == 2, "malformed golden line: \(line)")
            let input = unescaped(String(parts[0]))
            let got = escaped(normalizer.normalize(input))
            recorded.append(String(parts[0]) + "\t" + got)
            cases += 1
            #expect(got == String(parts[1]), "\(profileName): \(parts[0])")
        }
        #expect(cases > 0)
        if getenv("RECORD_GOLDEN") != nil {
            let f = fopen(path, "w")
            fputs(recorded.joined(separator: "\n"), f)
            fclose(f)
            Issue.record("recorded \(path): review the diff and run again without RECORD_GOLDEN")
        }
    }
}
