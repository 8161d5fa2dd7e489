import Foundation
import Testing

@Suite(.serialized) struct CLITests {
    @Test func versionNamesICU() throws {
        let r = try CLI.run(["--version"])
        #expect(r.status == 0)
        #expect(r.text.hasPrefix("bitext "))
        #expect(r.text.contains("ICU 7") || r.text.contains("ICU "))
    }

    @Test func detectJSONLines() throws {
        let r = try CLI.run(["detect", "--format", "jsonl", CLI.fixture("mixed.txt")])
        #expect(r.status == 0)
        #expect(r.text.split(separator: "\n", omittingEmptySubsequences: false).count == 8)  // 7 records + final newline
        CLI.assertSnapshot(r.text, named: "detect-jsonl")
        for line in r.text.split(separator: "\n") {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["script"] is String && object?["runs"] is [Any])
        }
    }

    @Test func detectDetailsAndConfusables() throws {
        let r = try CLI.run(["detect", "--format", "jsonl", "--details", "--confusables"],
                            input: "pаypal کتابی\nمحمد\n")
        #expect(r.status == 0)
        CLI.assertSnapshot(r.text, named: "detect-details")
    }

    @Test func detectTextAndTSV() throws {
        CLI.assertSnapshot(try CLI.run(["detect", "--format", "text", CLI.fixture("mixed.txt")]).text, named: "detect-text")
        CLI.assertSnapshot(try CLI.run(["detect", "--format", "tsv", "--offsets", "utf16", CLI.fixture("mixed.txt")]).text, named: "detect-tsv-utf16")
    }

    @Test(arguments: ["search", "display", "nfc", "nfkc"])
    func normalizeProfiles(_ profile: String) throws {
        let r = try CLI.run(["normalize", "--profile", profile, CLI.fixture("mixed.txt")])
        #expect(r.status == 0)
        CLI.assertSnapshot(r.text, named: "normalize-\(profile)")
    }

    @Test func normalizeWithMapAndUTF16Offsets() throws {
        let r = try CLI.run(["normalize", "--format", "jsonl", "--map", "--offsets", "utf16"],
                            input: "\u{200F}أَحْمَد 😀 ﻻ\n")
        // RLM dropped alone; each letter with its marks; the ligature as a unit; the emoji
        // counts two UTF-16 units on both sides.
        #expect(r.text == "{\"text\": \"احمد 😀 لا\", \"map\": [[0, 0, 0, 1], [0, 1, 1, 3], [1, 2, 3, 5], [2, 3, 5, 7], [8, 10, 12, 13]]}\n")
    }

    @Test func normalizeCustomStepsAndBidiPolicy() throws {
        let r = try CLI.run(["normalize", "--steps", "fold-digits,strip-diacritics", "--bidi", "repair"],
                            input: "\u{202B}مُحَمَّد ٢٠٢٤\n")
        #expect(r.text == "\u{202B}محمد 2024\u{202C}\n")
        let bad = try CLI.run(["normalize", "--steps", "fold-everything"], input: "x\n")
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("unknown step 'fold-everything'"))
    }

    @Test func bidiReport() throws {
        let r = try CLI.run(["normalize", "--report", "--format", "jsonl"],
                            input: "x = \"\u{202E}txet\u{2066}\"\nplain\n")
        #expect(r.text == """
            {"controls": [{"offset": 5, "control": "RLO"}, {"offset": 10, "control": "LRI"}], "issues": [{"kind": "override", "offset": 5, "control": "RLO"}, {"kind": "unclosed", "offset": 5, "control": "RLO"}, {"kind": "unclosed", "offset": 10, "control": "LRI"}], "suspicious": true}
            {"controls": [], "issues": [], "suspicious": false}

            """)
        let text = try CLI.run(["normalize", "--report"], input: "x = \"\u{202E}txet\u{2066}\"\nplain\n")
        #expect(text.text == "<stdin>:1: RLO@5 LRI@10  SUSPICIOUS: override RLO@5, unclosed RLO@5, unclosed LRI@10\n")
    }

    // MARK: Bad input

    @Test func invalidUTF8IsAnErrorWithFileLineAndOffset() throws {
        let r = try CLI.run(["normalize"], stdin: Data("ok\nbad ".utf8) + Data([0x80]) + Data("\n".utf8))
        #expect(r.status == 1)
        #expect(r.text == "ok\n")
        #expect(r.stderr == "bitext: <stdin>:2: invalid UTF-8 at byte 4 of the line (file offset 7): unexpected continuation byte (0x80)\n")
    }

    @Test func invalidUTF8CanBeReplaced() throws {
        let r = try CLI.run(["detect", "--format", "jsonl", "--invalid", "replace"], stdin: Data([0x61, 0xFF, 0x62, 0x0A]))
        #expect(r.status == 0)
        #expect(r.text == "{\"script\": \"Latn\", \"runs\": [{\"start\": 0, \"end\": 3, \"script\": \"Latn\"}]}\n")
        #expect(r.stderr.contains("<stdin>:1: invalid UTF-8 at byte 1"))
        #expect(r.stderr.contains("replaced by U+FFFD"))
    }

    @Test func lineEndingsNulAndEmptyInputSurvive() throws {
        let input = Data("a\u{0}b\r\nأ\n\nlast".utf8)
        let r = try CLI.run(["normalize"], stdin: input)
        #expect(r.stdout == Data("a\u{0}b\r\nا\n\nlast".utf8))
        #expect(try CLI.run(["normalize"]).stdout.isEmpty)
        let d = try CLI.run(["detect", "--format", "jsonl"], stdin: Data("a\u{0}b\n".utf8))
        #expect(d.text == "{\"script\": \"Latn\", \"runs\": [{\"start\": 0, \"end\": 3, \"script\": \"Latn\"}]}\n")
    }

    @Test func missingFile() throws {
        let r = try CLI.run(["detect", "/nonexistent/input.txt"])
        #expect(r.status == 1)
        #expect(r.stderr == "bitext: /nonexistent/input.txt: cannot open: No such file or directory\n")
    }

    @Test func aLongLineAndManyLinesGiveTheSameAnswerWithAnyJobs() throws {
        var text = String(repeating: "بَنْغَازِي Benghazi ﻻ ", count: 20_000) + "\n"
        for i in 0..<5_000 { text += "سطر \(i) line ليبيا\n" }
        let one = try CLI.run(["normalize", "--jobs", "1"], input: text)
        let four = try CLI.run(["normalize", "--jobs", "4"], input: text)
        #expect(one.status == 0 && one.stdout == four.stdout)
        #expect(one.text.hasPrefix("بنغازي Benghazi لا بنغازي"))
        let d1 = try CLI.run(["detect", "--format", "jsonl", "--jobs", "1"], input: text)
        let d3 = try CLI.run(["detect", "--format", "jsonl", "--jobs", "3"], input: text)
        #expect(d1.stdout == d3.stdout)
        #expect(d1.text.split(separator: "\n").count == 5_001)
    }

    @Test func jsonFormatIsOneArray() throws {
        let r = try CLI.run(["detect", "--format", "json"], input: "a\nب\n")
        let parsed = try JSONSerialization.jsonObject(with: r.stdout) as? [[String: Any]]
        #expect(parsed?.count == 2)
        #expect(parsed?[1]["script"] as? String == "Arab")
    }

    @Test func helpExplains() throws {
        let r = try CLI.run(["normalize", "--help"])
        #expect(r.text.contains("search") && r.text.contains("display") && r.text.contains("--bidi"))
    }
}
