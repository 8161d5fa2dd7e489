// InputError.swift — failures caused by input, named by file, line and byte offset.
import BitextCore

/// A failure caused by input: what went wrong, and where (file, 1-based line, byte offsets).
///
///     in.txt:3: invalid UTF-8 at byte 17 of the line (file offset 245): unexpected continuation byte (0x80)
public struct InputError: Error, CustomStringConvertible, Sendable {
    public enum Kind: Sendable {
        case cannotOpen(errno: Int32)
        case readFailed(errno: Int32)
        case invalidUTF8(UTF8Error)
        /// A malformed record of a structured input (a JSON line, a lexicon row).
        case malformed(String)
    }

    public var kind: Kind
    /// The file name as given, or `<stdin>`.
    public var file: String
    /// 1-based line number, when the failure is within a line.
    public var line: Int?
    /// Byte offset within the line.
    public var byteInLine: Int?
    /// Byte offset within the file.
    public var fileOffset: Int?

    public init(_ kind: Kind, file: String, line: Int? = nil, byteInLine: Int? = nil, fileOffset: Int? = nil) {
        self.kind = kind
        self.file = file
        self.line = line
        self.byteInLine = byteInLine
        self.fileOffset = fileOffset
    }

    public var location: String {
        line.map { "\(file):\($0)" } ?? file
    }

    public var description: String {
        switch kind {
        case .cannotOpen(let e): return "\(file): cannot open: \(errnoDescription(e))"
        case .readFailed(let e): return "\(file): read failed: \(errnoDescription(e))"
        case .invalidUTF8(let u):
            return "\(location): invalid UTF-8 at byte \(byteInLine ?? u.byteOffset) of the line"
                + (fileOffset.map { " (file offset \($0))" } ?? "")
                + ": \(u.reason.rawValue) (\(u.description.split(separator: "(").last.map { String($0.dropLast()) } ?? ""))"
        case .malformed(let what):
            return "\(location): " + (byteInLine.map { "byte \($0): " } ?? "") + what
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

func errnoDescription(_ e: Int32) -> String {
    guard let p = strerror(e) else { return "error \(e)" }
    return String(cString: p)
}
