// MatchCommandTests.swift — `bitext match` and `bitext lexicon` run as a user runs them.
import Foundation
import Testing

/// The `bitext` executable built with the tests.
let bitextBinary: String = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    for p in [".build/debug/bitext", ".build/x86_64-unknown-linux-gnu/debug/bitext", ".build/aarch64-unknown-linux-gnu/debug/bitext"] {
        let path = root.appendingPathComponent(p).path
        if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return root.appendingPathComponent(".build/debug/bitext").path
}()

struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
}

func bitext(_ args: [String], stdin: [UInt8] = []) throws -> Run {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: bitextBinary)
    p.arguments = args
    let inPipe = Pipe(), outPipe = Pipe(), errPipe = Pipe()
    p.standardInput = inPipe
    p.standardOutput = outPipe
    p.standardError = errPipe
    try p.run()
    let writer = Thread {
        inPipe.fileHandleForWriting.write(Data(stdin))
        try? inPipe.fileHandleForWriting.close()
    }
    writer.start()
    let out = outPipe.fileHandleForReading.readDataToEndOfFile()
    let err = errPipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return Run(status: p.terminationStatus, stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self))
}

func jsonLines(_ s: String) throws -> [[String: Any]] {
    try s.split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
}

@Test func matchJSONLinesContract() throws {
    let input = "وصل الوفد إلى بنغازي\n\nLibya's oil, the Libyan coast\n"
    let r = try bitext(["match", "--format", "jsonl"], stdin: Array(input.utf8))
    #expect(r.status == 0, "\(r.stderr)")
    let recs = try jsonLines(r.stdout)
    #expect(recs.count == 3)  // one record per input line, the empty one too
    let lines = input.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    for (k, rec) in recs.enumerated() {
        let scalars = Array(lines[k].unicodeScalars)
        for m in rec["mentions"] as! [[String: Any]] {
            let s = m["start"] as! Int, e = m["end"] as! Int
            // Offsets are scalar offsets into the line as read; the text is what they cover.
            #expect(String(String.UnicodeScalarView(scalars[s..<e])) == m["text"] as! String)
            #expect(m["entity"] is String && m["type"] is String && m["canonical"] is [String: Any])
        }
    }
    let first = (recs[0]["mentions"] as! [[String: Any]])[0]
    #expect(first["start"] as? Int == 14 && first["end"] as? Int == 20 && first["entity"] as? String == "geonames:88319")
    #expect((first["canonical"] as! [String: Any])["en"] as? String == "Benghazi")
    #expect((recs[1]["mentions"] as! [Any]).isEmpty)
    let third = (recs[2]["mentions"] as! [[String: Any]]).map { $0["text"] as! String }
    #expect(third == ["Libya", "Libyan"])
}

@Test func matchWithANamesFile() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bitext-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let names = dir.appendingPathComponent("names.txt").path
    try "Benghazi\nبنغازي\n".write(toFile: names, atomically: true, encoding: .utf8)
    let r = try bitext(["match", "--names", names, "--format", "jsonl"], stdin: Array("وبنغازي Benghazi\n".utf8))
    #expect(r.status == 0)
    let ms = try jsonLines(r.stdout)[0]["mentions"] as! [[String: Any]]
    #expect(ms.map { $0["entity"] as! String } == ["names:1", "names:0"])
    #expect(ms.map { $0["start"] as! Int } == [1, 8])
    // A missing names file: one line naming it, exit 1.
    let missing = try bitext(["match", "--names", dir.appendingPathComponent("nope.txt").path], stdin: [])
    #expect(missing.status == 1 && missing.stderr.contains("nope.txt: cannot open"))
}

@Test func badInputNeverCrashes() throws {
    // Invalid UTF-8 on line 2: file, line and byte offset, exit 1.
    let bad = try bitext(["match", "--format", "jsonl"], stdin: Array("ok\nab".utf8) + [0xFF, 0x0A])
    #expect(bad.status == 1 && bad.stderr.contains("<stdin>:2: invalid UTF-8 at byte 2"))
    // NUL bytes and a very long line: one record per line, the name after the junk found.
    var long = [UInt8](repeating: 0x41, count: 3_000_000)
    long += [0x00, 0x20] + Array(" بنغازي".utf8) + [0x0A, 0x00, 0x0A]
    let r = try bitext(["match", "--format", "jsonl"], stdin: long)
    #expect(r.status == 0)
    let recs = try jsonLines(r.stdout)
    #expect(recs.count == 2)
    #expect((recs[0]["mentions"] as! [[String: Any]]).map { $0["start"] as! Int } == [3_000_003])
}

@Test func malformedLexiconDirectory() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bitext-cli-lex-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    try "id\ttype\tkind\ten\tar\ten_variants\tar_variants\tcountry\trank\nplace:a\tplace\tcity\tA\n"
        .write(toFile: dir.appendingPathComponent("a.tsv").path, atomically: true, encoding: .utf8)
    let r = try bitext(["match", "--lexicon", dir.path], stdin: Array("A\n".utf8))
    #expect(r.status == 1)
    #expect(r.stderr.contains(dir.path + "/a.tsv:2: expected 9 tab-separated columns, found 4"))
    #expect(r.stdout.isEmpty)  // nothing half-loaded, nothing matched
    let v = try bitext(["lexicon", "verify", dir.path])
    #expect(v.status == 1 && v.stderr.contains("a.tsv:2:"))
}

@Test func lexiconVerifyAndInfo() throws {
    let v = try bitext(["lexicon", "verify"])
    #expect(v.status == 0 && v.stdout.hasPrefix("ok: embedded lexicon"))
    let i = try bitext(["lexicon", "info"])
    #expect(i.status == 0 && i.stdout.contains("places.tsv") && i.stdout.contains("CC-BY-4.0"))
}
