// Bitext.swift — the `bitext` command: configuration only; each subcommand has its own file.
import ArgumentParser
import BitextKit
import ICUBridge

@main
struct Bitext: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bitext",
        abstract: "Bilingual Arabic–English news text: scripts, bidi-safe normalization, names, gazetteers, alignment.",
        discussion: """
            Every command reads UTF-8 from the files named, or from standard input, one record \
            per line, and writes one output record per input record. Offsets are Unicode scalar \
            offsets unless --offsets says otherwise.
            """,
        version: "bitext \(bitextVersion) (ICU \(ICU.version), Unicode \(ICU.unicodeVersion); tables from ICU \(UnicodeTables.generatedFromICU))",
        subcommands: [DetectCommand.self, NormalizeCommand.self, TranslitCommand.self, NamesCommand.self, MatchCommand.self, LexiconCommand.self, AlignCommand.self, CanonCommand.self]
    )
}
