// LexiconError.swift — what is wrong with a lexicon, and where.

/// A lexicon that cannot be loaded: the file, the 1-based line when there is one, and what
/// is wrong. Printed as `file:line: what is wrong`.
///
///     places.tsv:12: expected 9 tab-separated columns, found 7
///     MANIFEST.tsv: checksum of people.tsv is 3f…, the manifest says 9a…
public struct LexiconError: Error, CustomStringConvertible, Sendable, Equatable {
    public var file: String
    public var line: Int?
    public var message: String

    public init(file: String, line: Int? = nil, _ message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String {
        (line.map { "\(file):\($0)" } ?? file) + ": " + message
    }
}
