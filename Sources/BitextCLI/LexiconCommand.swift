// LexiconCommand.swift — `bitext lexicon`: verify, describe and query the lexicons.
import ArgumentParser
import BitextIO
import BitextKit
import BitextLexicon

struct LexiconCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lexicon",
        abstract: "Verify, describe and query the lexicons (the embedded default or a directory).",
        subcommands: [LexiconVerify.self, LexiconInfo.self, LexiconLookup.self]
    )
}

/// Runs `body`; a lexicon or input error becomes one line on standard error and exit status 1.
func reportingLexiconErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let e as LexiconError {
        printError("bitext: \(e)")
        throw ExitCode(1)
    } catch let e as InputError {
        printError("bitext: \(e)")
        throw ExitCode(1)
    }
}

struct LexiconVerify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check a lexicon directory (manifest, checksums, every row) or the embedded lexicon.",
        discussion: """
            With a directory: every file the manifest lists must exist and have the SHA-256 and row \
            count the manifest gives; every row must be well formed; ids must be unique and demonyms \
            must name known entities. The first problem is printed as `file:line: what is wrong` and \
            the exit status is 1. Without a directory: the embedded lexicon is loaded and checked.

            Examples:
              bitext lexicon verify
              bitext lexicon verify Lexicons
            """
    )

    @Argument(help: "A lexicon directory (default: the embedded lexicon).")
    var directory: String?

    func run() throws {
        try reportingLexiconErrors {
            if let directory {
                let lex = try Lexicon.load(directory: directory)
                let g = try lex.gazetteer()
                let files = lex.manifest.map { "\($0.files.count) files listed in the manifest, checksums match" } ?? "no manifest"
                print("ok: \(directory): \(files); \(lex.entities.count) entities, \(lex.demonyms.count) demonym rows, \(g.automaton.patternCount) surface forms")
            } else {
                let c = try Lexicon.defaultCompiled()
                print("ok: embedded lexicon, data version \(c.dataVersion), schema \(c.schemaVersion), \(c.gazetteer.entities.count) entities, \(c.gazetteer.automaton.patternCount) surface forms")
            }
        }
    }
}

struct LexiconInfo: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Describe the embedded lexicon (or a directory): versions, sources, licenses, counts.",
        discussion: """
            Example:
              bitext lexicon info
            """
    )

    @Argument(help: "A lexicon directory (default: the embedded lexicon).")
    var directory: String?

    func run() throws {
        try reportingLexiconErrors {
            let g: Gazetteer
            if let directory {
                let lex = try Lexicon.load(directory: directory)
                g = try lex.gazetteer()
                print("lexicon directory: \(directory)")
                if let m = lex.manifest {
                    print("schema version: \(m.schemaVersion)\ndata version: \(m.dataVersion)")
                    for f in m.files { print("  \(f.name)  \(f.rows) rows  sha256 \(f.sha256.prefix(16))…\n    source: \(f.source)\n    license: \(f.license)") }
                }
            } else {
                let clock = ContinuousClock()
                let t0 = clock.now
                let c = try Lexicon.defaultCompiled()
                let loaded = clock.now - t0
                g = c.gazetteer
                let ms = Double(loaded.components.attoseconds) / 1e15 + Double(loaded.components.seconds) * 1000
                let tenths = Int(ms * 10)
                print("embedded lexicon (loaded and checked in \(tenths / 10).\(tenths % 10) ms)")
                print("schema version: \(c.schemaVersion)\ndata version: \(c.dataVersion)\nmanifest sha256: \(c.manifestSHA256)")
                for line in c.manifest.split(separator: "\n") where !line.hasPrefix("#") {
                    let cols = line.split(separator: "\t", omittingEmptySubsequences: false)
                    guard cols.count == 6, cols[0] != "file" else { continue }
                    print("  \(cols[0])  \(cols[2]) rows  sha256 \(cols[3].prefix(16))…\n    source: \(cols[4])\n    license: \(cols[5])")
                }
            }
            let es = g.entities
            var byType: [String: Int] = [:]
            var byKind: [String: Int] = [:]
            for i in 0..<es.count {
                byType[es.type(i).description, default: 0] += 1
                byKind[es.kind(i), default: 0] += 1
            }
            var demonyms = 0
            for p in 0..<g.automaton.patternCount where g.isDemonym(pattern: p) { demonyms += 1 }
            print("entities: \(es.count) (" + byType.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + ")")
            print("kinds: " + byKind.sorted { $0.value > $1.value }.prefix(12).map { "\($0.key.isEmpty ? "-" : $0.key) \($0.value)" }.joined(separator: ", "))
            print("surface forms: \(g.automaton.patternCount) (demonym and nisba forms: \(demonyms)); trie nodes: \(g.automaton.nodeCount)")
        }
    }
}

struct LexiconLookup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lookup",
        abstract: "Look names up: which entities a name (any script, any known spelling) names.",
        discussion: """
            One name per argument, or per line of standard input. jsonl output per name:
            {"name": "بنغازي", "entities": [{"entity": "geonames:88319", "type": "place", "kind": "city", \
            "canonical": {"en": "Benghazi", "ar": "بنغازي"}, "country": "LY", "demonym": false}]}

            Example:
              bitext lexicon lookup بنغازي Misratah الليبيين
            """
    )

    @Argument(help: "Names to look up (default: one per line of standard input).")
    var names: [String] = []

    @Option(name: .customLong("lexicon"), help: "A lexicon directory to add (repeatable).")
    var lexiconDirs: [String] = []

    @OptionGroup var output: FormatOptions

    func run() throws {
        let gazetteer = try reportingLexiconErrors { try Lexicon.gazetteer(directories: lexiconDirs) }
        let format = output.resolved(OutputSink())
        let lookup = GazetteerLookup(gazetteer: gazetteer)
        var list = names
        if list.isEmpty {
            do {
                let bytes = try LineReader(path: nil).readAll()
                if UTF8Validation.firstError(in: bytes) != nil {
                    printError("bitext: <stdin>: invalid UTF-8")
                    throw ExitCode(1)
                }
                list = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                if list.last == "" { list.removeLast() }
            } catch let e as InputError {
                printError("bitext: \(e)")
                throw ExitCode(1)
            }
        }
        var out = OutputBuffer()
        for name in list {
            let found = lookup.lookup(name)
            switch format {
            case .json, .jsonl:
                out.append("{\"name\": ")
                out.appendJSONString(name)
                out.append(", \"entities\": [")
                for (k, e) in found.enumerated() {
                    out.append(k == 0 ? "{\"entity\": " : ", {\"entity\": ")
                    out.appendJSONString(e.id)
                    out.append(", \"type\": ")
                    out.appendJSONString(e.type.description)
                    out.append(", \"kind\": ")
                    out.appendJSONString(e.kind)
                    out.append(", ")
                    out.appendJSONCanonical(english: e.english, arabic: e.arabic)
                    out.append(", \"country\": ")
                    out.appendJSONStringOrNull(e.country)
                    out.append(e.viaDemonym ? ", \"demonym\": true}" : ", \"demonym\": false}")
                }
                out.append("]}\n")
            default:
                out.appendVisible(name)
                if found.isEmpty { out.append("  (not in the lexicon)") }
                out.append("\n")
                for e in found {
                    out.append(string: "  \(e.english ?? "—") / \(e.arabic ?? "—")  (\(e.type), \(e.kind)\(e.country.map { ", " + $0 } ?? "")\(e.viaDemonym ? ", demonym" : ""), \(e.id))\n")
                }
            }
        }
        OutputSink().write(out.bytes)
    }
}
