import BitextCore
import BitextIO
import Foundation
import Testing

/// Echoes each line's number and byte count, so order and coverage are visible.
struct EchoProcessor: LineProcessor {
    mutating func process(line: UnsafeBufferPointer<UInt8>, context: LineContext, into out: inout OutputBuffer) {
        out.append(int: context.line)
        out.append(" ")
        out.append(int: line.count)
        out.append(context.repaired ? " repaired\n" : "\n")
    }
}

func runPipeline(_ input: [UInt8], jobs: Int, batch: Int = 4096, policy: InvalidUTF8Policy = .error, framing: RecordFraming = .lines) throws -> String {
    let inPath = temporaryFile(input)
    let outPath = NSTemporaryDirectory() + "bitext-out-\(UUID().uuidString)"
    FileManager.default.createFile(atPath: outPath, contents: nil)
    defer {
        try? FileManager.default.removeItem(atPath: inPath)
        try? FileManager.default.removeItem(atPath: outPath)
    }
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
    let sink = OutputSink(fd: handle.fileDescriptor)
    var thrown: Error? = nil
    do {
        try LinePipeline(jobs: jobs, batchBytes: batch, invalidUTF8: policy, framing: framing)
            .run(inputs: [inPath], sink: sink) { EchoProcessor() }
    } catch {
        thrown = error
    }
    try handle.close()
    let out = String(decoding: try Data(contentsOf: URL(fileURLWithPath: outPath)), as: UTF8.self)
    if let thrown { throw thrown }
    return out
}

@Suite struct LinePipelineTests {
    static let manyLines: [UInt8] = {
        var s = ""
        for i in 0..<5000 { s += String(repeating: "ب", count: i % 37) + "\n" }
        return Array(s.utf8)
    }()

    @Test(arguments: [1, 2, 3, 8])
    func outputOrderDoesNotDependOnJobs(_ jobs: Int) throws {
        let expected = try runPipeline(Self.manyLines, jobs: 1)
        #expect(try runPipeline(Self.manyLines, jobs: jobs) == expected)
        #expect(expected.split(separator: "\n").count == 5000)
        #expect(expected.hasPrefix("1 0\n2 2\n3 4\n"))
    }

    @Test func invalidUTF8StopsWithFileLineAndOffset() throws {
        let bytes = Array("ok\nfine\nba".utf8) + [0xC3, 0x28] + Array("\nlater\n".utf8)
        do {
            _ = try runPipeline(bytes, jobs: 2)
            Issue.record("expected an error")
        } catch let e as InputError {
            #expect(e.line == 3)
            #expect(e.byteInLine == 2)
            #expect(e.fileOffset == 10)
            #expect(e.description.hasSuffix(":3: invalid UTF-8 at byte 2 of the line (file offset 10): truncated sequence (0xC3)"))
        }
    }

    /// With many pieces per thread, the lines before a bad one are all written, in order,
    /// and the error names the bad line.
    @Test(arguments: [1, 2, 4])
    func anErrorInALaterPieceKeepsTheOutputBeforeIt(_ jobs: Int) throws {
        var bytes: [UInt8] = []
        for i in 0..<3000 { bytes += Array(String(repeating: "x", count: i % 11).utf8) + [0x0A] }
        bytes += [0xC3, 0x28, 0x0A] + Array("after\n".utf8)
        let outPath = NSTemporaryDirectory() + "bitext-out-\(UUID().uuidString)"
        FileManager.default.createFile(atPath: outPath, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: outPath) }
        let inPath = temporaryFile(bytes)
        defer { try? FileManager.default.removeItem(atPath: inPath) }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        #expect(throws: InputError.self) {
            try LinePipeline(jobs: jobs, batchBytes: 4096).run(inputs: [inPath], sink: OutputSink(fd: handle.fileDescriptor)) { EchoProcessor() }
        }
        try handle.close()
        let lines = String(decoding: try Data(contentsOf: URL(fileURLWithPath: outPath)), as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 3000)
        #expect(lines.first == "1 0")
        #expect(lines.last == "3000 \(2999 % 11)")
    }

    @Test func replacePolicyKeepsEveryLine() throws {
        let bytes = Array("ok\n".utf8) + [0xFF, 0xFE] + Array("\nlast".utf8)
        let out = try runPipeline(bytes, jobs: 1, policy: .replace)
        #expect(out == "1 2\n2 6 repaired\n3 4\n")
    }

    @Test func jsonArrayFraming() throws {
        #expect(try runPipeline(Array("a\nbb\n".utf8), jobs: 2, framing: .jsonArray) == "[\n1 1,\n2 2\n]\n")
        #expect(try runPipeline([], jobs: 2, framing: .jsonArray) == "[]\n")
    }
}
