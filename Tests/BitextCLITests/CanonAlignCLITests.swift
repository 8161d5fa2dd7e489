// CanonAlignCLITests.swift — `bitext canon` and `bitext align` run as a user runs them.
import Foundation
import Testing

@Suite struct CanonCLITests {
    static let corpus = """
        {"id": 1, "src": "wire",   "text": "Moammar Gadhafi met envoys in Benghazi.", "tags": ["a"]}
        {"id": 2, "text": "Muammar Gaddafi left Tripoli; Gaddafi's aides waited."}
        {"text": "قال العقيد معمر القذافي إن بنغازي آمنة.", "id": 3}
        {"id": 4, "text": "Gadhafi spoke again.", "note": "x\\u00e9"}

        """

    static func temporaryFile(_ contents: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bitext-canon-\(UUID().uuidString).jsonl").path
        try Data(contents.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func rewriteChangesOnlyTheTextValues() throws {
        let input = try Self.temporaryFile(Self.corpus)
        let report = input + ".report"
        defer { try? FileManager.default.removeItem(atPath: input); try? FileManager.default.removeItem(atPath: report) }
        let r = try CLI.run(["canon", "--rewrite", "--report", report, input])
        #expect(r.status == 0, "\(r.stderr)")
        let before = Self.corpus.split(separator: "\n", omittingEmptySubsequences: false)
        let after = r.text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(after.count == before.count)
        #expect(after[0] == #"{"id": 1, "src": "wire",   "text": "Muammar Gaddafi met envoys in Benghazi.", "tags": ["a"]}"#)
        #expect(after[1] == before[1])  // already canonical
        #expect(after[2] == before[2])  // the Arabic spelling is the canonical one
        #expect(after[3] == #"{"id": 4, "text": "Gaddafi spoke again.", "note": "x\u00e9"}"#)

        let records = try String(contentsOfFile: report, encoding: .utf8).split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
        let gaddafi = try #require(records.first { $0["entity"] as? String == "person:muammar-gaddafi" })
        #expect(gaddafi["mentions"] as? Int == 5)
        let canonical = gaddafi["canonical"] as! [String: Any]
        #expect(canonical["en"] as? String == "Muammar Gaddafi")
        let variants = gaddafi["variants"] as! [[String: Any]]
        #expect(variants.contains { $0["text"] as? String == "Gadhafi" && $0["count"] as? Int == 1 && $0["canonical"] as? String == "Gaddafi" })
    }

    @Test func plainTextFromStandardInputKeepsLineEndings() throws {
        let input = "Moammar Gadhafi spoke.\r\nNothing here.\nGaddafi left"
        let r = try CLI.run(["canon", "--rewrite", "-"], input: input)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.text == "Muammar Gaddafi spoke.\r\nNothing here.\nGaddafi left")
    }

    @Test func reportFormatsAndMinimumCount() throws {
        let input = try Self.temporaryFile(Self.corpus)
        defer { try? FileManager.default.removeItem(atPath: input) }
        let tsv = try CLI.run(["canon", "--format", "tsv", input])
        #expect(tsv.status == 0)
        let rows = tsv.text.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
        #expect(rows.allSatisfy { $0.count == 6 })
        #expect(rows.contains { $0[0] == "person:muammar-gaddafi" && $0[3] == "Moammar Gadhafi" && $0[5] == "Muammar Gaddafi" })

        let json = try CLI.run(["canon", "--format", "json", "--min-count", "2", input])
        let array = try JSONSerialization.jsonObject(with: json.stdout) as! [[String: Any]]
        #expect(array.map { $0["entity"] as? String } == ["person:muammar-gaddafi", "geonames:88319"])  // Tripoli: once

        let text = try CLI.run(["canon", "--format", "text", input])
        #expect(text.text.contains("Gadhafi ×1 → Gaddafi"))
    }

    @Test func malformedJSONNamesFileLineAndByte() throws {
        let input = try Self.temporaryFile("{\"id\": 1, \"text\": \"ok\"}\n{\"id\": 2, \"text\": \"unfinished\n")
        defer { try? FileManager.default.removeItem(atPath: input) }
        let r = try CLI.run(["canon", input])
        #expect(r.status == 1)
        #expect(r.stderr.contains("\(input):2: byte 18: malformed JSON"), "\(r.stderr)")
        #expect(r.stdout.isEmpty)
        // From standard input too, with --rewrite (the input is spooled for the second pass).
        let s = try CLI.run(["canon", "--rewrite"], input: "{\"text\": \"a\"}\n{\"text\": 1,}\n")
        #expect(s.status == 1)
        #expect(s.stderr.contains("<stdin>:2:"), "\(s.stderr)")
    }

    @Test func manyJobsGiveTheSameReport() throws {
        var corpus = ""
        for k in 0..<3000 { corpus += k % 3 == 0 ? "Moammar Gadhafi met envoys in Benghazi.\n" : "Gaddafi left Tripoli on day \(k).\n" }
        let one = try CLI.run(["canon", "--format", "jsonl", "--jobs", "1"], input: corpus)
        let two = try CLI.run(["canon", "--format", "jsonl", "--jobs", "2"], input: corpus)
        #expect(one.status == 0 && two.status == 0)
        #expect(one.stdout == two.stdout)
        #expect(one.text.contains("\"mentions\": 3000"))
    }
}

@Suite struct AlignCLITests {
    static let english = """
        Envoys from Tripoli met in Sirte on Sunday. Gen. Khalifa Haftar's spokesman spoke in Benghazi.
        A second meeting is planned in Tobruk.
        """
    static let arabic = """
        التقى مبعوثون من طرابلس في سرت يوم الأحد. وتحدث المتحدث باسم المشير خليفة حفتر في بنغازي.
        ومن المقرر عقد اجتماع ثانٍ في طبرق.
        """

    func files() throws -> (String, String) {
        let dir = FileManager.default.temporaryDirectory
        let en = dir.appendingPathComponent("bitext-align-\(UUID().uuidString).en.txt").path
        let ar = dir.appendingPathComponent("bitext-align-\(UUID().uuidString).ar.txt").path
        try Data(Self.english.utf8).write(to: URL(fileURLWithPath: en))
        try Data(Self.arabic.utf8).write(to: URL(fileURLWithPath: ar))
        return (en, ar)
    }

    @Test func jsonSentencesAndEntities() throws {
        let (en, ar) = try files()
        defer { try? FileManager.default.removeItem(atPath: en); try? FileManager.default.removeItem(atPath: ar) }
        let r = try CLI.run(["align", "--en", en, "--ar", ar, "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let doc = try JSONSerialization.jsonObject(with: r.stdout) as! [String: Any]
        let sentences = doc["sentences"] as! [[String: Any]]
        #expect(sentences.map { $0["en"] as! [Int] } == [[0], [1], [2]])
        #expect(sentences.map { $0["ar"] as! [Int] } == [[0], [1], [2]])
        let entities = doc["entities"] as! [[String: Any]]
        let ids = Set(entities.compactMap { $0["entity"] as? String })
        #expect(ids.isSuperset(of: ["geonames:2210247", "geonames:2210554", "person:khalifa-haftar", "geonames:88319", "geonames:81302"]))
        // Mention offsets are scalar offsets into the files as read.
        let enScalars = Array(Self.english.unicodeScalars), arScalars = Array(Self.arabic.unicodeScalars)
        for e in entities {
            for (side, scalars) in [("en", enScalars), ("ar", arScalars)] {
                for m in e[side] as! [[String: Any]] {
                    let s = m["start"] as! Int, t = m["end"] as! Int
                    #expect(String(String.UnicodeScalarView(scalars[s..<t])) == m["text"] as! String)
                }
            }
        }
    }

    @Test func htmlIsOnePageWithBothDirections() throws {
        let (en, ar) = try files()
        defer { try? FileManager.default.removeItem(atPath: en); try? FileManager.default.removeItem(atPath: ar) }
        let r = try CLI.run(["align", "--en", en, "--ar", ar, "--format", "html"])
        #expect(r.status == 0)
        #expect(r.text.hasPrefix("<!DOCTYPE html>"))
        #expect(r.text.contains("dir=\"rtl\""))
        #expect(!r.text.contains("<script src") && !r.text.contains("<link "))  // self-contained
    }

    @Test func badInputIsAClearError() throws {
        let (en, ar) = try files()
        defer { try? FileManager.default.removeItem(atPath: en); try? FileManager.default.removeItem(atPath: ar) }
        let missing = try CLI.run(["align", "--en", en, "--ar", "/nonexistent/ar.txt"])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("/nonexistent/ar.txt"))
        let bad = FileManager.default.temporaryDirectory.appendingPathComponent("bitext-align-bad-\(UUID().uuidString)").path
        try Data([0x41, 0x0A, 0x42, 0xC3, 0x28]).write(to: URL(fileURLWithPath: bad))
        defer { try? FileManager.default.removeItem(atPath: bad) }
        let invalid = try CLI.run(["align", "--en", bad, "--ar", ar])
        #expect(invalid.status != 0)
        #expect(invalid.stderr.contains("\(bad):2"), "\(invalid.stderr)")
    }

    /// `--pairs`: one JSON line per pair of the list (LF or CRLF lines), in list order, each as
    /// `align` gives it alone; a malformed line, a missing file and invalid UTF-8 are errors on
    /// their own lines (naming the list line, the file, the line and byte), and the status says
    /// some failed.
    @Test func aListOfPairs() throws {
        let (en, ar) = try files()
        let dir = FileManager.default.temporaryDirectory
        let bad = dir.appendingPathComponent("bitext-align-bad-\(UUID().uuidString)").path
        let list = dir.appendingPathComponent("bitext-align-pairs-\(UUID().uuidString).tsv").path
        defer { for f in [en, ar, bad, list] { try? FileManager.default.removeItem(atPath: f) } }
        try Data([0x41, 0x0A, 0x42, 0xC3, 0x28]).write(to: URL(fileURLWithPath: bad))
        let lines = ["\(en)\t\(ar)\r", "# a comment", "", "only-one-field", "\(en)\t/nonexistent/ar.txt",
                     "\(bad)\t\(ar)", "\(en)\t\(ar)\r"]
        try Data(lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: list))
        let r = try CLI.run(["align", "--pairs", list])
        #expect(r.status == 1)
        #expect(r.stderr.contains("3 of 5 pairs failed"), "\(r.stderr)")
        let records = r.text.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(records.map { $0["line"] as! Int } == [1, 4, 5, 6, 7])
        let alone = try JSONSerialization.jsonObject(with: CLI.run(["align", "--en", en, "--ar", ar, "--format", "json"]).stdout) as! [String: Any]
        for k in [0, 4] {
            #expect(records[k]["en"] as? String == en && records[k]["ar"] as? String == ar)
            #expect(records[k]["error"] == nil)
            #expect(NSDictionary(dictionary: ["entities": records[k]["entities"]!, "sentences": records[k]["sentences"]!])
                        .isEqual(to: alone))
        }
        #expect((records[1]["error"] as? String)?.contains("\(list):4") == true, "\(records[1])")
        #expect((records[2]["error"] as? String)?.contains("/nonexistent/ar.txt") == true)
        #expect((records[3]["error"] as? String)?.contains("\(bad):2") == true, "\(records[3])")
        // Output order and content do not depend on the threads.
        #expect(try CLI.run(["align", "--pairs", list, "--jobs", "1"]).stdout == r.stdout)
        // A list and a single pair at once is a usage error.
        #expect(try CLI.run(["align", "--pairs", list, "--en", en]).status != 0)
    }

    /// The example pair of the README: its Arabic merges two sentences, splits one and
    /// drops one; names come in several spellings and with clitics.
    @Test func theExamplePair() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let en = root.appendingPathComponent("Examples/tripoli-talks.en.txt").path
        let ar = root.appendingPathComponent("Examples/tripoli-talks.ar.txt").path
        let r = try CLI.run(["align", "--en", en, "--ar", ar, "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        // The same output twice: nothing depends on hash order.
        #expect(try CLI.run(["align", "--en", en, "--ar", ar, "--format", "json"]).stdout == r.stdout)
        let doc = try JSONSerialization.jsonObject(with: r.stdout) as! [String: Any]
        let beads = (doc["sentences"] as! [[String: Any]]).map { ($0["en"] as! [Int], $0["ar"] as! [Int]) }
        #expect(beads.contains { $0 == [15] && $1 == [14, 15] }, "the split sentence")
        #expect(beads.contains { $0 == [27, 28] && $1 == [27] }, "the merged sentences")
        let entities = doc["entities"] as! [[String: Any]]
        func spellings(of id: String) -> (en: Set<String>, ar: Set<String>) {
            guard let e = entities.first(where: { $0["entity"] as? String == id }) else { return ([], []) }
            return (Set((e["en"] as! [[String: Any]]).map { $0["text"] as! String }),
                    Set((e["ar"] as! [[String: Any]]).map { $0["text"] as! String }))
        }
        #expect(spellings(of: "person:khalifa-haftar").en.isSuperset(of: ["Khalifa Haftar", "Haftar", "Hifter"]))
        #expect(spellings(of: "person:khalifa-haftar").ar.contains("حفتر"))
        #expect(spellings(of: "person:muammar-gaddafi").en.isSuperset(of: ["Muammar Gaddafi", "Gadhafi"]))
        #expect(spellings(of: "person:muammar-gaddafi").ar.contains("القذافي"))
        // Saif al-Islam is his own man.
        #expect(!spellings(of: "person:muammar-gaddafi").en.contains("Saif al-Islam Gaddafi"))
        // A name in no lexicon, linked by its spellings, with its surname alone later on.
        let sharif = entities.first { ($0["en"] as! [[String: Any]]).contains { $0["text"] as? String == "Abdelrahman el-Sharif" } }
        let sharifEnglish = Set(((sharif?["en"] as? [[String: Any]]) ?? []).map { $0["text"] as! String })
        let sharifArabic = Set(((sharif?["ar"] as? [[String: Any]]) ?? []).map { $0["text"] as! String })
        #expect(sharifEnglish == ["Abdelrahman el-Sharif", "Al-Sharif"])
        #expect(sharifArabic == ["عبد الرحمن الشريف", "الشريف"])
    }
}
