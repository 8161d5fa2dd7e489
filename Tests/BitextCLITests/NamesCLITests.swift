import Foundation
import Testing

/// `bitext translit` and `bitext names` end to end, through the contract the evaluation
/// and the benchmark rely on (CONTRACT.md).
@Suite(.serialized) struct NamesCLITests {
    func records(_ r: CLI.Result) throws -> [[String: Any]] {
        try r.text.split(separator: "\n").map {
            try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    @Test func translitOneRecordPerLineEvenEmptyOnes() throws {
        let r = try CLI.run(["translit", "--to", "latin", "--variants", "3", "--format", "jsonl"],
                            input: "معمر القذافي\n\nحسن\n")
        #expect(r.status == 0)
        let recs = try records(r)
        #expect(recs.count == 3)
        #expect(recs[0]["input"] as? String == "معمر القذافي")
        let v0 = try #require(recs[0]["variants"] as? [[String: Any]])
        #expect(v0.count == 3)
        #expect((v0.first?["text"] as? String).map { $0.contains("Gaddafi") || $0.contains("Kadhafi") } == true)
        let scores = v0.compactMap { $0["score"] as? Double }
        #expect(scores.count == 3 && scores.allSatisfy { $0 > 0 && $0 <= 1 } && scores == scores.sorted(by: >))
        #expect((recs[1]["variants"] as? [Any])?.isEmpty == true)
        #expect(((recs[2]["variants"] as? [[String: Any]])?.first?["text"] as? String) == "Hassan")
    }

    /// `$BITEXT_NAME_MODEL` swaps the embedded model for a file (a validation model): here
    /// the names tests' tiny fixture, built from a few dozen hand-written rows, which spells
    /// محمد only as its rows do and زقزوق otherwise than the embedded model.
    @Test func translitUsesTheModelTheEnvironmentNames() throws {
        let tiny = CLI.testsDirectory + "/../BitextNamesTests/Fixtures/tiny-names.bin"
        let args = ["translit", "--to", "latin", "--variants", "3", "--no-lexicon", "--format", "tsv"]
        let embedded = try CLI.run(args, input: "محمد\nزقزوق\n")
        let swapped = try CLI.run(args, input: "محمد\nزقزوق\n", environment: ["BITEXT_NAME_MODEL": tiny])
        #expect(embedded.status == 0 && swapped.status == 0)
        let a = embedded.text.split(separator: "\n", omittingEmptySubsequences: false)
        let b = swapped.text.split(separator: "\n", omittingEmptySubsequences: false)
        // The fixture's three spellings of محمد, most frequent first (Mohamed 75, Muhammad 30, Mohammed 20).
        #expect(b.first.map { $0.split(separator: "\t").enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) } }
                == ["Mohamed", "Muhammad", "Mohammed"])
        #expect(a.count == b.count && a[1].hasPrefix("زقزوق\tZ") && a[1] != b[1])
        let missing = try CLI.run(args, input: "محمد\n", environment: ["BITEXT_NAME_MODEL": "/nonexistent/model.bin"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("BITEXT_NAME_MODEL") && missing.stderr.contains("/nonexistent/model.bin"))
        #expect(missing.text.isEmpty)
    }

    @Test func translitDirectionByScript() throws {
        let r = try CLI.run(["translit", "--variants", "1", "--format", "jsonl"], input: "Gaddafi\nالقذافي\n")
        let recs = try records(r)
        #expect(recs.map { $0["to"] as? String } == ["arabic", "latin"])
        #expect(((recs[0]["variants"] as? [[String: Any]])?.first?["text"] as? String) == "القذافي")
    }

    @Test func translitSchemeRoundTrip() throws {
        let arabic = "مُحَمَّد بن عبد الله"
        let bw = try CLI.run(["translit", "--scheme", "buckwalter", "--format", "tsv"], input: arabic + "\n")
        let latin = String(bw.text.split(separator: "\t")[1])
        let back = try CLI.run(["translit", "--scheme", "buckwalter", "--to", "arabic", "--format", "tsv"], input: latin + "\n")
        #expect(String(back.text.split(separator: "\t")[1]) == arabic)
    }

    /// Only Buckwalter reads back: asking another scheme for Arabic is an error, and a Latin
    /// line met without --to is named on standard error.
    @Test func schemesThatOnlyRomanize() throws {
        let explicit = try CLI.run(["translit", "--scheme", "ala-lc", "--to", "arabic"], input: "Muhammad\n")
        #expect(explicit.status != 0)
        #expect(explicit.stderr.contains("only romanizes"))
        let auto = try CLI.run(["translit", "--scheme", "ala-lc", "--format", "jsonl"], input: "محمد\nMuhammad\n")
        #expect(auto.status == 0)
        #expect(auto.text.split(separator: "\n").count == 2)
        #expect(auto.stderr.contains(":2: --scheme ala-lc only romanizes"))
    }

    @Test func badInputIsAnErrorWithFileLineAndOffset() throws {
        var bytes = Data("حسن\n".utf8)
        bytes.append(contentsOf: [0x41, 0xFF, 0x42, 0x0A])
        let r = try CLI.run(["translit", "--format", "jsonl"], stdin: bytes)
        #expect(r.status != 0)
        #expect(r.stderr.contains("<stdin>:2"))
        #expect(r.stderr.contains("byte 1"))
        let lenient = try CLI.run(["translit", "--format", "jsonl", "--invalid", "replace"], stdin: bytes)
        #expect(lenient.status == 0)
        #expect(try records(lenient).count == 2)
    }

    @Test func nulBytesAndHugeLinesAreOneRecordEach() throws {
        let huge = String(repeating: "محمد علي ", count: 20_000)
        let r = try CLI.run(["translit", "--format", "jsonl", "--variants", "2"], input: "a\u{0}b\n" + huge + "\n")
        #expect(r.status == 0)
        #expect(try records(r).count == 2)
    }

    @Test func resolveMatchesAcrossScripts() throws {
        let r = try CLI.run(["names", "resolve", "--candidates", CLI.fixture("candidates.txt"), "--top", "2",
                             "--format", "jsonl"], input: "معمر القذافي\nKhalifa Haftar\n\n")
        #expect(r.status == 0)
        let recs = try records(r)
        #expect(recs.count == 3)
        let m0 = try #require(recs[0]["matches"] as? [[String: Any]])
        #expect(m0.first?["index"] as? Int == 0 && m0.first?["text"] as? String == "Muammar Gaddafi")
        let m1 = try #require(recs[1]["matches"] as? [[String: Any]])
        #expect(m1.first?["index"] as? Int == 3)  // line 3 (0-based; line 2 is empty)
        #expect((recs[2]["matches"] as? [Any])?.isEmpty == true)
    }

    @Test func resolveReportsABadCandidatesFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bitext-names-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("bad.txt")
        var bytes = Data("Hassan\nHus".utf8)
        bytes.append(contentsOf: [0xC3, 0x28])
        bytes.append(Data("ein\n".utf8))
        try bytes.write(to: bad)
        let r = try CLI.run(["names", "resolve", "--candidates", bad.path, "--format", "jsonl"], input: "Hussein\n")
        #expect(r.status != 0)
        #expect(r.stderr.contains("bad.txt:2"))
        #expect(r.stderr.contains("byte 3"))
        let missing = try CLI.run(["names", "resolve", "--candidates", dir.appendingPathComponent("none.txt").path],
                                  input: "x\n")
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("none.txt"))
    }

    @Test func clusterOneRecordPerLine() throws {
        let input = "Muammar QADDAFI\nHosni MUBARAK\nMuammar al-QADHAFI\nمعمر القذافي\n\nHassan NASRALLAH\nHussein NASRALLAH\n"
        let r = try CLI.run(["names", "cluster", "--format", "jsonl"], input: input)
        #expect(r.status == 0)
        let recs = try records(r)
        #expect(recs.count == 7)
        let ids = recs.map { $0["cluster"] as? String }
        #expect(ids[0] == "c0" && ids[2] == "c0" && ids[3] == "c0")
        #expect(ids[1] == "c1")
        #expect(ids[5] != ids[6])
        #expect(recs[2]["canonical"] as? String != nil)
    }

    @Test func compareAndKey() throws {
        let same = try CLI.run(["names", "compare", "حسين", "Hussein"])
        let different = try CLI.run(["names", "compare", "حسن", "Hussein"])
        let s = try #require(Double(same.text.trimmingCharacters(in: .whitespacesAndNewlines)))
        let d = try #require(Double(different.text.trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(s > d)
        let pairs = try CLI.run(["names", "compare", "--format", "jsonl"], input: "Hafez\tHaftar\nno tab\n")
        let recs = try records(pairs)
        #expect(recs.count == 2)
        #expect(recs[1]["error"] != nil)
        let key = try CLI.run(["names", "key", "--format", "text"], input: "معمر القذافي\nMoammar Gadhafi\n")
        let keys = key.text.split(separator: "\n")
        #expect(keys.count == 2 && keys[0] == keys[1])
    }

    /// Across scripts, a Latin word the lexicon attests for one Arabic name does not match
    /// another known name however close the letters; a spelling the other name also takes
    /// still does.
    @Test func crossScriptHardNegatives() throws {
        func score(_ a: String, _ b: String) throws -> Double {
            try #require(Double(try CLI.run(["names", "compare", a, b]).text.trimmingCharacters(in: .whitespacesAndNewlines)))
        }
        let threshold = 0.75
        #expect(try score("حسن", "Hussein") < threshold)
        #expect(try score("حسين", "Hussein") >= threshold)
        #expect(try score("حسن", "Hassan") >= threshold)
        #expect(try score("حسان", "Hassan") >= threshold)
        #expect(try score("حافظ", "Haftar") < threshold)
        #expect(try score("جعفر حسان", "Jafar Hassan") >= threshold)
    }
}

@Suite struct TranslitLexiconTests {
    @Test func knownPlacesAndPeopleComeFromTheLexicon() throws {
        let r = try CLI.run(["translit", "--variants", "2", "--format", "jsonl"], input: "بنغازي\nمعمر القذافي\nMisrata\n")
        #expect(r.status == 0)
        let lines = r.text.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0].contains(#"{"text": "Benghazi", "score": 1, "source": "lexicon"}"#))
        #expect(lines[1].contains(#"{"text": "Muammar Gaddafi", "score": 1, "source": "lexicon"}"#))
        #expect(lines[2].contains(#"{"text": "مصراتة", "score": 1, "source": "lexicon"}"#))
    }

    @Test func aSurnameAloneIsTheModelsAndTheLexiconCanBeTurnedOff() throws {
        let r = try CLI.run(["translit", "--variants", "1", "--format", "jsonl"], input: "القذافي\n")
        #expect(r.text.contains(#""source": "model""#))
        let off = try CLI.run(["translit", "--no-lexicon", "--variants", "1", "--format", "jsonl"], input: "بنغازي\n")
        #expect(off.text.contains(#""source": "model""#) && !off.text.contains("lexicon"))
    }
}
