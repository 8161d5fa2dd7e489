// OutputSink.swift — writes bytes to a file descriptor, fully, retrying short writes.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where output goes: standard output by default.
public final class OutputSink: @unchecked Sendable {
    public let fd: Int32

    public init(fd: Int32 = 1) { self.fd = fd }

    /// True when the descriptor is a terminal (then commands print readable text by default).
    public var isTerminal: Bool { isatty(fd) == 1 }

    /// Writes all of `bytes`; returns false when the reader has gone away or the write fails.
    @discardableResult
    public func write(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { write($0) }
    }

    @discardableResult
    public func write(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard var p = bytes.baseAddress else { return true }
        var left = bytes.count
        while left > 0 {
            let n = Glibc.write(fd, p, left)
            if n < 0 {
                if errno == EINTR { continue }
                return false
            }
            p += n
            left -= n
        }
        return true
    }

    public func write(_ s: String) {
        write(Array(s.utf8))
    }
}

/// Writes a line to standard error.
public func printError(_ message: String) {
    OutputSink(fd: 2).write(message + "\n")
}
