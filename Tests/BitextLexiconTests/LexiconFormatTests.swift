// LexiconFormatTests.swift — the lexicon files, the manifest, and the loader's errors.
import Foundation
import Testing

@testable import BitextLexicon

/// The package's Lexicons/ directory.
let lexiconsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Lexicons").path

@Test func manifestAgreesWithFiles() throws {
    let manifestBytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: lexiconsDirectory + "/MANIFEST.tsv")))
    let m = try LexiconManifest.parse(manifestBytes, source: "MANIFEST.tsv")
    #expect(m.schemaVersion == lexiconSchemaVersion)
    #expect(Set(m.files.map(\.name)) == ["places.tsv", "countries.tsv", "demonyms.tsv", "organizations.tsv", "people.tsv"])
    for f in m.files {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: lexiconsDirectory + "/" + f.name)))
        #expect(SHA256.hex(bytes) == f.sha256, "\(f.name): checksum differs from MANIFEST.tsv")
        #expect(!f.source.isEmpty && !f.license.isEmpty)
    }
    // The whole directory loads, and the rows are as many as the manifest says.
    let lex = try Lexicon.load(directory: lexiconsDirectory)
    #expect(lex.entities.count == m.files.filter { $0.kind == "entities" }.map(\.rows).reduce(0, +))
    // The embedded compiled lexicon was built from exactly this manifest.
    let compiled = try Lexicon.defaultCompiled()
    #expect(compiled.manifestSHA256 == SHA256.hex(manifestBytes), "Lexicons/compiled/lexicon.bin is stale: run GenerateLexicons")
    #expect(compiled.dataVersion == m.dataVersion)
    #expect(compiled.gazetteer.entities.count == lex.entities.count)
}

@Test func licensesAndAttributionAreBesideTheData() throws {
    let attribution = try String(contentsOfFile: lexiconsDirectory + "/ATTRIBUTION.md", encoding: .utf8)
    for needle in ["GeoNames", "CC BY 4.0", "iso3166-2", "MIT", "CC0", "CLDR"] {
        #expect(attribution.contains(needle), "ATTRIBUTION.md does not mention \(needle)")
    }
    let readme = try String(contentsOfFile: lexiconsDirectory + "/README.md", encoding: .utf8)
    #expect(readme.contains("schema-version"))
}

@Test func embeddedFoldTableMatchesTheNormalizer() throws {
    let table = try #require(SearchFoldTable.embedded)
    let live = SearchFolding()
    var differ: [String] = []
    for c in UInt32(0)..<0x10000 where table.fold(c) != live.fold(c) {
        differ.append(String(c, radix: 16))
        if differ.count > 5 { break }
    }
    #expect(differ.isEmpty, "searchfold.bin is stale for U+\(differ.joined(separator: ", U+")): run GenerateLexicons")
}

/// Writes files into a fresh temporary directory.
func lexiconDirectory(_ files: [String: String], manifest: Bool = false) throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bitext-lex-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    var rows: [String] = []
    for (name, text) in files.sorted(by: { $0.key < $1.key }) {
        try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8)
        let kind = text.contains("entity\ten\tar") ? "demonyms" : "entities"
        let count = text.split(separator: "\n").filter { !$0.hasPrefix("#") }.count - 1
        rows.append([name, kind, String(count), SHA256.hex(Array(text.utf8)), "tests", "CC0-1.0"].joined(separator: "\t"))
    }
    if manifest {
        let m = "schema-version\t1\ndata-version\ttest\nfile\tkind\trows\tsha256\tsource\tlicense\n" + rows.joined(separator: "\n") + "\n"
        try m.write(toFile: dir + "/MANIFEST.tsv", atomically: true, encoding: .utf8)
    }
    return dir
}

let header = "id\ttype\tkind\ten\tar\ten_variants\tar_variants\tcountry\trank\n"
let goodRow = "place:x\tplace\tcity\tBenghazi\tبنغازي\tBengasi\t\tLY\t5\n"

/// Malformed rows: each gives `file:line: what is wrong`.
@Test(arguments: [
    (header + "place:x\tplace\tcity\tBenghazi\n", 2, "expected 9 tab-separated columns, found 4"),
    (header + "place:x\tcity\tcity\tBenghazi\tبنغازي\t\t\tLY\t5\n", 2, "type must be person, place or org, not 'city'"),
    (header + "# a comment\nnoprefix\tplace\tcity\tB\t\t\t\tLY\t5\n", 3, "id must be prefix:value with no spaces: 'noprefix'"),
    (header + "place:x\tplace\tcity\t\t\t\t\tLY\t5\n", 2, "place:x has neither an en nor an ar name"),
    (header + "place:x\tplace\tcity\tB\t\tB1||B2\t\tLY\t5\n", 2, "empty item in en_variants 'B1||B2'"),
    (header + "place:x\tplace\tcity\tB\t\t\t\tLibya\t5\n", 2, "country must be an ISO 3166-1 alpha-2 code, not 'Libya'"),
    (header + "place:x\tplace\tcity\tB\t\t\t\tLY\tmany\n", 2, "rank must be an integer, not 'many'"),
    (header + goodRow + goodRow, 3, "duplicate id place:x (first at DIR/a.tsv:2)"),
    (header + "place:x\tplace\tcity\tB\u{0}\t\t\t\tLY\t5\n", 2, "control character U+0 in the line"),
    ("id\ttype\ten\n" + goodRow, 1, "unknown header: an entity table starts with `id type kind en ar en_variants ar_variants country rank`, a demonym table with `entity en ar`"),
])
func malformedRows(_ text: String, _ line: Int, _ message: String) throws {
    let dir = try lexiconDirectory(["a.tsv": text])
    let message = message.replacingOccurrences(of: "DIR", with: dir)
    #expect(throws: LexiconError(file: dir + "/a.tsv", line: line, message)) { try Lexicon.load(directory: dir) }
    #expect("\(LexiconError(file: dir + "/a.tsv", line: line, message))" == "\(dir)/a.tsv:\(line): \(message)")
}

@Test func invalidUTF8IsNamedByLine() throws {
    let dir = try lexiconDirectory([:])
    var bytes = Array((header + goodRow).utf8)
    bytes += [0x70, 0x6C, 0x61, 0x63, 0x65, 0x3A, 0x79, 0xFF, 0x0A]
    FileManager.default.createFile(atPath: dir + "/a.tsv", contents: Data(bytes))
    do {
        _ = try Lexicon.load(directory: dir)
        Issue.record("loaded a file with invalid UTF-8")
    } catch {
        #expect(error.file == dir + "/a.tsv" && error.line == 3 && error.message.hasPrefix("invalid UTF-8"))
    }
}

@Test func demonymsMustNameKnownEntities() throws {
    let dir = try lexiconDirectory(["a.tsv": header + goodRow, "b.tsv": "entity\ten\tar\nplace:nope\tLibyan\t\n"])
    let lex = try Lexicon.load(directory: dir)
    #expect(throws: LexiconError(file: dir + "/b.tsv", line: 2, "unknown entity place:nope")) { try lex.gazetteer() }
}

@Test func manifestChecksumsAndCountsAreEnforced() throws {
    let dir = try lexiconDirectory(["a.tsv": header + goodRow], manifest: true)
    #expect(try Lexicon.load(directory: dir).entities.count == 1)
    // Change the file after the manifest was written: the checksum no longer agrees.
    try (header + goodRow.replacingOccurrences(of: "Bengasi", with: "Bengazi")).write(toFile: dir + "/a.tsv", atomically: true, encoding: .utf8)
    do {
        _ = try Lexicon.load(directory: dir)
        Issue.record("a changed file passed the manifest check")
    } catch {
        #expect(error.file == dir + "/a.tsv" && error.message.contains("differs from the manifest's"))
    }
    // A file the manifest lists but that is missing.
    try FileManager.default.removeItem(atPath: dir + "/a.tsv")
    #expect(throws: LexiconError(file: dir + "/a.tsv", "listed in the manifest but missing")) { try Lexicon.load(directory: dir) }
}

@Test func nothingIsHalfLoaded() throws {
    // A good table and a bad one: neither the directory nor the match gazetteer loads.
    let dir = try lexiconDirectory(["a.tsv": header + goodRow, "b.tsv": header + "place:y\tplace\tcity\tB\n"])
    #expect(throws: LexiconError.self) { try Lexicon.load(directory: dir) }
    #expect(throws: LexiconError.self) { try Lexicon.gazetteer(directories: [dir]) }
}

@Test func addingAndReplacingEntities() throws {
    // Adds a new entity and replaces Benghazi (same id) with other spellings.
    let dir = try lexiconDirectory(["a.tsv": header
        + "place:wadi-x\tplace\tvalley\tWadi Zamzam\tوادي زمزم\t\t\tLY\t1\n"
        + "geonames:88319\tplace\tcity\tBenghazi Town\tبنغازي\t\t\tLY\t1\n"])
    let g = try Lexicon.gazetteer(directories: [dir])
    let s = GazetteerSearcher(gazetteer: g)
    let found = s.find(in: "From Benghazi Town to Wadi Zamzam")
    #expect(found.count == 2)
    let es = g.entities
    #expect(found.map { es.id(Int(s.candidates[$0.candidatesStart])) } == ["geonames:88319", "place:wadi-x"])
    #expect(es.english(Int(s.candidates[found[0].candidatesStart])) == "Benghazi Town")
    // The replaced entity's old spellings are gone with it.
    let old = s.find(in: "Bengasi")
    #expect(old.allSatisfy { !s.candidates(of: $0).map { es.id(Int($0)) }.contains("geonames:88319") })
    // Only the directory.
    let only = try Lexicon.gazetteer(directories: [dir], includeDefault: false)
    #expect(only.entities.count == 2)
}
