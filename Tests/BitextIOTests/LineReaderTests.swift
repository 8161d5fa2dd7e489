import BitextIO
import Foundation
import Testing

/// Writes `bytes` to a temporary file and returns its path.
func temporaryFile(_ bytes: [UInt8]) -> String {
    let path = NSTemporaryDirectory() + "bitext-test-\(UUID().uuidString).txt"
    FileManager.default.createFile(atPath: path, contents: Data(bytes))
    return path
}

func allLines(_ path: String, chunk: Int = 1 << 20, target: Int = 4 << 20) throws -> [(String, LineTerminator, Int)] {
    let r = try LineReader(path: path, chunkSize: chunk)
    var out: [(String, LineTerminator, Int)] = []
    while let b = try r.nextBatch(targetBytes: target) {
        for (k, l) in b.lines.enumerated() {
            out.append((String(decoding: b.bytes[l.start..<l.end], as: UTF8.self), l.terminator, b.firstLine + k))
        }
    }
    return out
}

@Suite struct LineReaderTests {
    @Test func terminatorsAreKeptApart() throws {
        let path = temporaryFile(Array("a\r\nb\n\nc\rd".utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let lines = try allLines(path)
        #expect(lines.map(\.0) == ["a", "b", "", "c\rd"])
        #expect(lines.map(\.1) == [.crlf, .lf, .lf, .none])
        #expect(lines.map(\.2) == [1, 2, 3, 4])
    }

    @Test func emptyInputHasNoLines() throws {
        let path = temporaryFile([])
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try allLines(path).isEmpty)
    }

    @Test func smallChunksAndBatchesSplitOnlyBetweenLines() throws {
        var text = ""
        for i in 0..<2000 { text += "line \(i) بنغازي\n" }
        let path = temporaryFile(Array(text.utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let lines = try allLines(path, chunk: 7, target: 100)
        #expect(lines.count == 2000)
        #expect(lines[1234].0 == "line 1234 بنغازي")
        #expect(lines.last?.2 == 2000)
    }

    @Test func aHugeLineInSmallChunks() throws {
        let big = [UInt8](repeating: 0x61, count: 3_000_000) + [0x0A, 0x62]
        let path = temporaryFile(big)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let lines = try allLines(path, chunk: 4096, target: 1000)
        #expect(lines.count == 2)
        #expect(lines[0].0.utf8.count == 3_000_000)
        #expect(lines[1].0 == "b")
    }

    @Test func nulBytesAreOrdinaryBytes() throws {
        let path = temporaryFile([0x61, 0x00, 0x62, 0x0A])
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try allLines(path).map(\.0) == ["a\u{0}b"])
    }

    @Test func missingFileAndDirectory() {
        #expect(throws: InputError.self) { try LineReader(path: "/nonexistent/bitext") }
        do {
            _ = try LineReader(path: "/tmp")
            Issue.record("a directory is not an input")
        } catch {
            #expect(error.description.contains("/tmp: cannot open"))
        }
    }

    @Test func partitionCoversEveryLineOnce() throws {
        var text = ""
        for i in 0..<100 { text += String(repeating: "x", count: i % 13) + "\n" }
        let path = temporaryFile(Array(text.utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let batch = try #require(try LineReader(path: path).nextBatch())
        for parts in 1...7 {
            let ranges = batch.partition(into: parts)
            #expect(ranges.count <= parts)
            #expect(ranges.first?.lowerBound == 0 && ranges.last?.upperBound == 100)
            for (a, b) in zip(ranges, ranges.dropFirst()) { #expect(a.upperBound == b.lowerBound) }
        }
    }
}

@Suite struct OutputBufferTests {
    @Test(arguments: [(0, "0"), (7, "7"), (42, "42"), (-15, "-15"), (1_234_567_890, "1234567890")])
    func integers(_ v: Int, _ s: String) {
        var o = OutputBuffer()
        o.append(int: v)
        #expect(String(decoding: o.bytes, as: UTF8.self) == s)
    }

    @Test(arguments: [(0.41, "0.41"), (1.0, "1"), (0.0, "0"), (0.123456, "0.1235"), (0.99999, "1"), (2.5, "2.5"), (-0.5, "-0.5")])
    func scores(_ v: Double, _ s: String) {
        var o = OutputBuffer()
        o.append(score: v)
        #expect(String(decoding: o.bytes, as: UTF8.self) == s)
    }

    @Test(arguments: [
        "plain", "quote \" and \\ backslash", "tab\tnew\nline\r", "\u{0}\u{1F}", "بنغازي",
        "RLM\u{200F}RLO\u{202E}PDI\u{2069}ALM\u{061C}", "\u{2028}\u{2029}\u{FEFF}\u{85}", "😀 \u{10FFFF}",
    ])
    func jsonStringsParseBack(_ s: String) throws {
        var o = OutputBuffer()
        o.append("[")
        o.appendJSONString(s)
        o.append("]")
        let parsed = try JSONSerialization.jsonObject(with: Data(o.bytes)) as? [String]
        #expect(parsed == [s])
        // Controls that reorder or hide text never appear raw.
        let raw = String(decoding: o.bytes, as: UTF8.self)
        for c in ["\u{200F}", "\u{202E}", "\u{2069}", "\u{061C}", "\u{2028}", "\u{FEFF}"] { #expect(!raw.contains(c)) }
    }
}
