// LinePipeline.swift — runs a per-line processor over inputs, on several cores, in order.
import BitextCore
import Dispatch
import Synchronization

/// What to do with input that is not valid UTF-8.
public enum InvalidUTF8Policy: String, Sendable, CaseIterable {
    /// Stop with an error naming file, line and byte offset (the default).
    case error
    /// Replace each invalid sequence by U+FFFD and report it on standard error.
    case replace
}

/// Where a line came from, for a processor that needs it.
public struct LineContext: Sendable {
    public var source: String
    /// 1-based line number within `source`.
    public var line: Int
    public var terminator: LineTerminator
    /// True when invalid UTF-8 in this line was replaced by U+FFFD.
    public var repaired: Bool
}

/// Turns one line of valid UTF-8 into output. Each worker thread gets its own instance,
/// so a processor may keep scratch buffers and thread-unsafe objects (ICU transliterators).
public protocol LineProcessor: SendableMetatype {
    /// Processes one line of valid UTF-8.
    mutating func process(line: UnsafeBufferPointer<UInt8>, context: LineContext, into out: inout OutputBuffer)

    /// Processes one line that has not been checked: returns false, with `out` as it was,
    /// when the line is not well-formed UTF-8 (the pipeline then reports or repairs it).
    ///
    /// The default checks the line, then calls ``process(line:context:into:)``. A processor
    /// that reads every byte anyway can check as it reads and save the pipeline a pass.
    mutating func processUnchecked(line: UnsafeBufferPointer<UInt8>, context: LineContext, into out: inout OutputBuffer) -> Bool
}

extension LineProcessor {
    public mutating func processUnchecked(line: UnsafeBufferPointer<UInt8>, context: LineContext, into out: inout OutputBuffer) -> Bool {
        if UTF8Validation.firstError(in: line) != nil { return false }
        process(line: line, context: context, into: &out)
        return true
    }
}

/// How records are framed in the output stream.
public enum RecordFraming: Sendable {
    /// Each processor writes whole lines (text, TSV, JSON lines).
    case lines
    /// Processors write JSON lines; the pipeline joins them into one JSON array.
    case jsonArray
}

/// Counts of what a pipeline run did.
public struct PipelineStats: Sendable {
    public var lines = 0
    public var bytes = 0
    public var replacedSequences = 0
}

/// Reads inputs line by line, runs a ``LineProcessor`` on every line — in parallel on
/// `jobs` threads, batch by batch — and writes the outputs in input order.
///
/// Every record is a pure function of its line, so the output does not depend on `jobs`.
public struct LinePipeline {
    public var jobs: Int
    public var batchBytes: Int
    public var invalidUTF8: InvalidUTF8Policy
    public var framing: RecordFraming
    /// At most this many replacement warnings are printed; the rest are counted.
    public var maxWarnings = 10
    /// Called after each batch, in order, with the bytes of input processed so far.
    public var progress: ((Int) -> Void)? = nil

    public init(jobs: Int = LinePipeline.defaultJobs, batchBytes: Int = 2 << 20,
                invalidUTF8: InvalidUTF8Policy = .error, framing: RecordFraming = .lines) {
        self.jobs = max(1, jobs)
        self.batchBytes = max(4096, batchBytes)
        self.invalidUTF8 = invalidUTF8
        self.framing = framing
    }

    /// The number of cores this process may use.
    public static var defaultJobs: Int {
        #if canImport(Glibc)
        let n = Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        return max(1, min(n, 64))
        #else
        return 2
        #endif
    }

    /// Runs `makeProcessor()`'s processors over `inputs` (nil or "-" is standard input).
    @discardableResult
    public func run<P: LineProcessor>(
        inputs: [String?], sink: OutputSink, makeProcessor: () throws -> P
    ) throws -> PipelineStats {
        var workers: [Worker<P>] = []
        for _ in 0..<jobs { workers.append(Worker(try makeProcessor())) }
        // A batch is cut in several pieces per thread, which threads take as they finish
        // the last: lines cost unequal times (a name the model knows against one it must
        // spell letter by letter), and equal halves would leave a thread idle.
        let pieceCount = jobs == 1 ? 1 : jobs * 8
        let results = (0..<pieceCount).map { _ in PieceResult() }
        var stats = PipelineStats()
        var warnings = 0
        var firstRecord = true
        if framing == .jsonArray { sink.write(Array("[".utf8)) }
        let policy = invalidUTF8
        for input in inputs.isEmpty ? [nil] : inputs {
            let reader = try LineReader(path: input)
            while let batch = try reader.nextBatch(targetBytes: batchBytes * jobs) {
                let parts = batch.partition(into: pieceCount)
                if parts.count == 1 {
                    workers[0].process(batch, parts[0], policy, into: results[0])
                } else {
                    let shared = SendableArray(workers)
                    let out = SendableArray(results)
                    let next = Atomic<Int>(0)
                    DispatchQueue.concurrentPerform(iterations: min(jobs, parts.count)) { k in
                        while true {
                            let i = next.wrappingAdd(1, ordering: .relaxed).oldValue
                            if i >= parts.count { break }
                            shared.array[k].process(batch, parts[i], policy, into: out.array[i])
                        }
                    }
                }
                for r in results.prefix(parts.count) {
                    for w in r.warnings {
                        stats.replacedSequences += 1
                        warnings += 1
                        if warnings <= maxWarnings {
                            printError("bitext: warning: \(w.description) — replaced by U+FFFD")
                        }
                    }
                    stats.lines += r.lines
                    stats.bytes += r.bytes
                    emit(r.output, sink: sink, firstRecord: &firstRecord)
                    if let error = r.error {
                        if framing == .jsonArray { sink.write(Array("]\n".utf8)) }
                        throw error
                    }
                }
                progress?(stats.bytes)
            }
        }
        if warnings > maxWarnings {
            printError("bitext: warning: \(warnings - maxWarnings) more invalid UTF-8 sequences replaced by U+FFFD")
        }
        if framing == .jsonArray { sink.write(Array((firstRecord ? "]\n" : "\n]\n").utf8)) }
        return stats
    }

    private func emit(_ out: OutputBuffer, sink: OutputSink, firstRecord: inout Bool) {
        guard !out.isEmpty else { return }
        switch framing {
        case .lines:
            sink.write(out.bytes)
        case .jsonArray:
            // Records are JSON lines: join them with ",\n".
            var joined: [UInt8] = []
            joined.reserveCapacity(out.count + out.count / 16)
            var start = 0
            let b = out.bytes
            for i in 0..<b.count where b[i] == 0x0A {
                joined.append(contentsOf: firstRecord ? [0x0A] : [0x2C, 0x0A])
                joined.append(contentsOf: b[start..<i])
                firstRecord = false
                start = i + 1
            }
            sink.write(joined)
        }
    }

}

/// What one piece of a batch gave: its output (the buffer is reused from batch to batch),
/// warnings, the error that stopped it, and what it read.
final class PieceResult: @unchecked Sendable {
    var output = OutputBuffer()
    var warnings: [InputError] = []
    var error: InputError? = nil
    var lines = 0
    var bytes = 0
}

/// One worker thread's processor.
final class Worker<P: LineProcessor>: @unchecked Sendable {
    var processor: P

    init(_ p: P) { processor = p }

    /// Processes the lines `range` of `batch` into `result` (cleared first).
    func process(_ batch: LineBatch, _ range: Range<Int>, _ policy: InvalidUTF8Policy, into result: PieceResult) {
        result.output.removeAll(keepingCapacity: true)
        result.warnings.removeAll()
        result.error = nil
        result.lines = 0
        result.bytes = 0
        // The output and counts live in locals while the lines run: a class's properties
        // would be checked for exclusive access at every line.
        var output = OutputBuffer()
        swap(&output, &result.output)
        defer { swap(&output, &result.output) }
        var lines = 0, bytes = 0
        defer {
            result.lines = lines
            result.bytes = bytes
        }
        guard !range.isEmpty else { return }
        let span = batch.lines[range.upperBound - 1].end - batch.lines[range.lowerBound].start
        output.bytes.reserveCapacity(span + span / 2 + 64)
        batch.bytes.withUnsafeBufferPointer { all in
            for k in range {
                let span = batch.lines[k]
                let line = UnsafeBufferPointer(rebasing: all[span.start..<span.end])
                var context = LineContext(source: batch.source, line: batch.firstLine + k,
                                          terminator: span.terminator, repaired: false)
                if !processor.processUnchecked(line: line, context: context, into: &output),
                   let e = UTF8Validation.firstError(in: line)
                {
                    let located = InputError(.invalidUTF8(e), file: batch.source, line: context.line,
                                             byteInLine: e.byteOffset, fileOffset: batch.fileOffset + span.start + e.byteOffset)
                    if policy == .error {
                        result.error = located
                        return
                    }
                    let (fixed, errors) = UTF8Validation.repairing(line)
                    for e in errors {
                        result.warnings.append(InputError(.invalidUTF8(e), file: batch.source, line: context.line,
                                                   byteInLine: e.byteOffset, fileOffset: batch.fileOffset + span.start + e.byteOffset))
                    }
                    context.repaired = true
                    fixed.withUnsafeBufferPointer { processor.process(line: $0, context: context, into: &output) }
                }
                lines += 1
                bytes += span.end - span.start + (span.terminator == .none ? 0 : span.terminator == .lf ? 1 : 2)
            }
        }
    }
}

struct SendableArray<T>: @unchecked Sendable {
    let array: [T]
    init(_ a: [T]) { array = a }
}

#if canImport(Glibc)
import Glibc
#endif
