// LineReader.swift — streams lines from a file or standard input, in batches.
import BitextCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// How a line ended in the input.
public enum LineTerminator: UInt8, Sendable {
    /// The last line of a file without a final newline.
    case none = 0
    /// `\n`
    case lf = 1
    /// `\r\n` (the `\r` is not part of the line's text).
    case crlf = 2

    /// The bytes of the terminator.
    public var bytes: [UInt8] {
        switch self {
        case .none: []
        case .lf: [0x0A]
        case .crlf: [0x0D, 0x0A]
        }
    }
}

/// One line inside a ``LineBatch``: byte range of its text (terminator excluded).
public struct LineSpan: Sendable {
    public var start: Int
    public var end: Int
    public var terminator: LineTerminator
}

/// Complete lines read together, with where they came from.
public struct LineBatch: Sendable {
    /// The bytes of the lines, terminators included.
    public var bytes: [UInt8]
    public var lines: [LineSpan]
    /// 1-based number of the first line.
    public var firstLine: Int
    /// File offset of `bytes[0]`.
    public var fileOffset: Int
    /// The input's name (`<stdin>` for standard input).
    public var source: String

    /// Divides the batch's lines into at most `parts` ranges of about equal byte size.
    public func partition(into parts: Int) -> [Range<Int>] {
        if parts <= 1 || lines.count <= 1 { return [0..<lines.count] }
        let target = max(1, bytes.count / parts)
        var out: [Range<Int>] = []
        var first = 0
        while first < lines.count {
            let startByte = lines[first].start
            var last = first
            while last + 1 < lines.count && lines[last].end - startByte < target { last += 1 }
            if out.count == parts - 1 { last = lines.count - 1 }
            out.append(first..<(last + 1))
            first = last + 1
        }
        return out
    }
}

/// Reads a file or standard input as lines, in batches of about a given size, without
/// ever rescanning bytes (a single 100 MB line costs O(n)).
///
/// Lines end at `\n`; a `\r` right before it belongs to the terminator (``LineTerminator/crlf``).
/// A final line without newline is a line too; empty input has no lines.
public final class LineReader {
    public let source: String
    private let fd: Int32
    private let ownsFD: Bool
    private var buffer: [UInt8] = []
    /// Bytes of `buffer` already scanned for newlines (all before it belong to complete lines
    /// or to the line in progress).
    private var scanned = 0
    private var bufferFileOffset = 0
    private var nextLine = 1
    private var eof = false
    private let chunkSize: Int

    /// Opens `path`, or standard input when it is nil or "-".
    public init(path: String?, chunkSize: Int = 1 << 20) throws(InputError) {
        self.chunkSize = chunkSize
        if let path, path != "-" {
            let fd = open(path, O_RDONLY)
            if fd < 0 { throw InputError(.cannotOpen(errno: errno), file: path) }
            var st = stat()
            if fstat(fd, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR {
                close(fd)
                throw InputError(.cannotOpen(errno: EISDIR), file: path)
            }
            self.fd = fd
            self.ownsFD = true
            self.source = path
        } else {
            self.fd = 0
            self.ownsFD = false
            self.source = "<stdin>"
        }
    }

    deinit { if ownsFD { close(fd) } }

    /// Reads the whole input as one string (for small inputs such as a candidates file).
    public func readAll() throws(InputError) -> [UInt8] {
        while !eof { try fill() }
        let all = buffer
        buffer = []
        return all
    }

    private func fill() throws(InputError) {
        let old = buffer.count
        // Grow geometrically so that a single huge line costs O(n) in copies.
        if buffer.capacity < old + chunkSize { buffer.reserveCapacity(max(old * 2, old + chunkSize)) }
        buffer.append(contentsOf: repeatElement(0, count: chunkSize))
        var got = 0
        while true {
            got = buffer.withUnsafeMutableBufferPointer { p in
                read(fd, p.baseAddress! + old, chunkSize)
            }
            if got < 0 && errno == EINTR { continue }
            break
        }
        if got < 0 {
            buffer.removeSubrange(old...)
            throw InputError(.readFailed(errno: errno), file: source)
        }
        buffer.removeSubrange((old + got)...)
        if got == 0 { eof = true }
    }

    /// The next lines, about `targetBytes` of them (at least one line however long), or
    /// nil at the end of the input.
    public func nextBatch(targetBytes: Int = 4 << 20) throws(InputError) -> LineBatch? {
        var lines: [LineSpan] = []
        var lineStart = 0
        var pos = 0
        while true {
            // Scan the unscanned part of the buffer for newlines.
            pos = max(pos, scanned)
            let count = buffer.count
            let found: Int? = buffer.withUnsafeBufferPointer { p -> Int? in
                guard count > pos, let base = p.baseAddress else { return nil }
                guard let hit = memchr(base + pos, 0x0A, count - pos) else { return nil }
                return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            }
            if let nl = found {
                let crlf = nl > lineStart && buffer[nl - 1] == 0x0D
                lines.append(LineSpan(start: lineStart, end: crlf ? nl - 1 : nl, terminator: crlf ? .crlf : .lf))
                lineStart = nl + 1
                pos = nl + 1
                scanned = pos
                if lineStart >= targetBytes { break }
                continue
            }
            scanned = count
            pos = count
            if eof {
                if lineStart < count {
                    lines.append(LineSpan(start: lineStart, end: count, terminator: .none))
                    lineStart = count
                }
                break
            }
            // Need more bytes for the line in progress, or to reach the target size.
            try fill()
        }
        if lines.isEmpty { return nil }
        let batchBytes = Array(buffer[0..<lineStart])
        buffer.removeSubrange(0..<lineStart)
        scanned = max(0, scanned - lineStart)
        let batch = LineBatch(bytes: batchBytes, lines: lines, firstLine: nextLine,
                              fileOffset: bufferFileOffset, source: source)
        nextLine += lines.count
        bufferFileOffset += lineStart
        return batch
    }
}
