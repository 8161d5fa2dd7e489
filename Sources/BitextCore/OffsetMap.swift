// OffsetMap.swift — maps offsets in transformed text back to the text it came from.

/// The alignment between a transformed text (the *output*) and the text it was made
/// from (the *input*), in Unicode scalar offsets.
///
/// Most of a normalized text is copied one scalar for one; the map stores only the
/// places where that is not so, as ``Chunk``s: a stretch of input that became a
/// stretch of output as one unit (a ligature unfolded, a letter with the diacritics
/// that were dropped after it, a deleted bidi control, an inserted closing isolate).
///
///     // "بَيت" normalized for search is "بيت": the fatha is dropped with its letter.
///     let n = Normalizer(profile: .search).normalizeWithMap("بَيت")
///     n.map.originalRange(0..<3)   // 0..<4  — the whole word, fatha included
///     n.map.originalRange(1..<2)   // 2..<3  — ي
///
/// Deleted characters that belong to a letter (diacritics, tatweel) join the chunk of
/// the letter before them, so a match ending on that letter covers them. Deleted
/// characters that stand alone (bidi controls, zero-width spaces) form chunks with no
/// output, so a match never starts or ends on them.
public struct OffsetMap: Equatable, Sendable {
    /// A stretch of input that became a stretch of output as one unit.
    public struct Chunk: Equatable, Sendable, CustomStringConvertible {
        public var outStart: Int
        public var outEnd: Int
        public var inStart: Int
        public var inEnd: Int

        public init(outStart: Int, outEnd: Int, inStart: Int, inEnd: Int) {
            self.outStart = outStart
            self.outEnd = outEnd
            self.inStart = inStart
            self.inEnd = inEnd
        }

        public var output: Range<Int> { outStart..<outEnd }
        public var input: Range<Int> { inStart..<inEnd }
        public var description: String { "out \(outStart)..<\(outEnd) ← in \(inStart)..<\(inEnd)" }
    }

    /// The chunks, in order; between them, scalars map one to one.
    public let chunks: [Chunk]
    /// Number of scalars in the input.
    public let inputCount: Int
    /// Number of scalars in the output.
    public let outputCount: Int

    public init(chunks: [Chunk], inputCount: Int, outputCount: Int) {
        self.chunks = chunks
        self.inputCount = inputCount
        self.outputCount = outputCount
    }

    /// The map of a text left unchanged.
    public static func identity(count: Int) -> OffsetMap {
        OffsetMap(chunks: [], inputCount: count, outputCount: count)
    }

    /// True when every output scalar sits at the same offset as in the input.
    public var isIdentity: Bool { chunks.isEmpty && inputCount == outputCount }

    /// Index of the first chunk whose output end lies beyond `o`.
    @inline(__always)
    private func firstChunk(endingAfter o: Int) -> Int {
        var lo = 0
        var hi = chunks.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if chunks[mid].outEnd > o { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }

    /// The input offset where the output scalar at `o` begins (`inputCount` for the end).
    ///
    /// - Complexity: O(log c), c the number of chunks.
    public func originalStart(ofOutput o: Int) -> Int {
        if o >= outputCount { return inputCount }
        if o <= 0 && chunks.isEmpty { return 0 }
        let k = firstChunk(endingAfter: o)
        if k < chunks.count && chunks[k].outStart <= o { return chunks[k].inStart }
        if k == 0 { return o }
        let prev = chunks[k - 1]
        return prev.inEnd + (o - prev.outEnd)
    }

    /// The input offset just past the source of the output scalar at `e - 1` (for an
    /// end-exclusive range ending at `e`); `originalStart(ofOutput: 0)` when `e` is 0.
    ///
    /// - Complexity: O(log c).
    public func originalEnd(ofOutput e: Int) -> Int {
        if e <= 0 { return originalStart(ofOutput: 0) }
        let o = min(e, outputCount) - 1
        let k = firstChunk(endingAfter: o)
        if k < chunks.count && chunks[k].outStart <= o { return chunks[k].inEnd }
        return originalStart(ofOutput: o) + 1
    }

    /// The input range an output range came from.
    ///
    ///     map.originalRange(match.start..<match.end)
    public func originalRange(_ r: Range<Int>) -> Range<Int> {
        let s = originalStart(ofOutput: r.lowerBound)
        if r.isEmpty { return s..<s }
        return s..<max(s, originalEnd(ofOutput: r.upperBound))
    }
}

/// Builds an ``OffsetMap`` while a transformation walks its input left to right.
///
///     var b = OffsetMapBuilder()
///     b.copy(1)            // ب kept
///     b.deleteAttached(1)  // its fatha dropped
///     b.copy(2)            // يت kept
///     b.build().originalRange(0..<1)   // 0..<2
public struct OffsetMapBuilder: Sendable {
    /// Input scalars consumed so far.
    public private(set) var inPos = 0
    /// Output scalars produced so far.
    public private(set) var outPos = 0
    private var chunks: [OffsetMap.Chunk] = []

    public init() {}

    /// `n` scalars copied one for one.
    @inlinable @inline(__always)
    public mutating func copy(_ n: Int) {
        _advance(n)
    }

    @usableFromInline mutating func _advance(_ n: Int) {
        inPos += n
        outPos += n
    }

    /// `input` scalars became `output` scalars as one unit (1 for 1 counts as a copy).
    public mutating func replace(input: Int, output: Int) {
        if input == output && input <= 1 {
            copy(input)
            return
        }
        if output == 0 {
            deleteStandalone(input)
            return
        }
        chunks.append(.init(outStart: outPos, outEnd: outPos + output, inStart: inPos, inEnd: inPos + input))
        inPos += input
        outPos += output
    }

    /// `n` input scalars dropped as part of the output scalar before them (diacritics).
    /// With no output yet, they are dropped on their own.
    public mutating func deleteAttached(_ n: Int) {
        guard n > 0 else { return }
        guard outPos > 0 else {
            deleteStandalone(n)
            return
        }
        if let last = chunks.last, last.outEnd == outPos, last.inEnd == inPos {
            if last.outStart < last.outEnd {
                chunks[chunks.count - 1].inEnd += n
                inPos += n
                return
            }
            // The last chunk is a standalone deletion right after the previous output
            // scalar: fold it, and these, into that scalar's chunk.
            chunks.removeLast()
            let deletionStart = last.inStart
            if let prev = chunks.last, prev.outEnd == outPos, prev.inEnd == deletionStart, prev.outStart < prev.outEnd {
                chunks[chunks.count - 1].inEnd = inPos + n
            } else {
                chunks.append(.init(outStart: outPos - 1, outEnd: outPos, inStart: deletionStart - 1, inEnd: inPos + n))
            }
            inPos += n
            return
        }
        // The previous output scalar was copied: it sits at input inPos - 1.
        chunks.append(.init(outStart: outPos - 1, outEnd: outPos, inStart: inPos - 1, inEnd: inPos + n))
        inPos += n
    }

    /// `n` input scalars dropped on their own (bidi controls, invisible characters).
    public mutating func deleteStandalone(_ n: Int) {
        guard n > 0 else { return }
        if let last = chunks.last, last.outStart == outPos, last.outEnd == outPos, last.inEnd == inPos {
            chunks[chunks.count - 1].inEnd += n
        } else {
            chunks.append(.init(outStart: outPos, outEnd: outPos, inStart: inPos, inEnd: inPos + n))
        }
        inPos += n
    }

    /// `n` output scalars with no input (e.g. a closing isolate added by bidi repair).
    public mutating func insert(_ n: Int) {
        guard n > 0 else { return }
        if let last = chunks.last, last.outEnd == outPos, last.inStart == inPos, last.inEnd == inPos {
            chunks[chunks.count - 1].outEnd += n
        } else {
            chunks.append(.init(outStart: outPos, outEnd: outPos + n, inStart: inPos, inEnd: inPos))
        }
        outPos += n
    }

    /// A saved state to return to with ``restore(_:)``.
    ///
    /// After a checkpoint, recording only appends chunks or changes the last two that were
    /// there (a deletion attached to the letter before it can fold a standalone deletion into
    /// that letter's chunk), so those two are all a checkpoint needs to keep.
    public struct Checkpoint: Sendable {
        let inPos: Int
        let outPos: Int
        let count: Int
        let last: OffsetMap.Chunk?
        let secondLast: OffsetMap.Chunk?
    }

    public var checkpoint: Checkpoint {
        Checkpoint(inPos: inPos, outPos: outPos, count: chunks.count, last: chunks.last,
                   secondLast: chunks.count >= 2 ? chunks[chunks.count - 2] : nil)
    }

    /// Forgets everything recorded after `c` was taken.
    public mutating func restore(_ c: Checkpoint) {
        inPos = c.inPos
        outPos = c.outPos
        let keep = max(0, c.count - 2)
        if chunks.count > keep { chunks.removeSubrange(keep...) }
        if let s = c.secondLast { chunks.append(s) }
        if let l = c.last { chunks.append(l) }
    }

    /// The finished map.
    public func build() -> OffsetMap {
        OffsetMap(chunks: chunks, inputCount: inPos, outputCount: outPos)
    }
}
