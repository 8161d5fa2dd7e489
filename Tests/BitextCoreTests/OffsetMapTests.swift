import BitextCore
import PropertyBased
import Testing

@Suite struct OffsetMapTests {
    @Test func identityMap() {
        let m = OffsetMap.identity(count: 5)
        #expect(m.isIdentity)
        #expect(m.originalRange(1..<3) == 1..<3)
        #expect(m.originalStart(ofOutput: 5) == 5)
    }

    @Test func attachedDeletionsJoinTheLetterBefore() {
        // "بَيت" → "بيت": the fatha goes with ب.
        var b = OffsetMapBuilder()
        b.copy(1)
        b.deleteAttached(1)
        b.copy(2)
        let m = b.build()
        #expect(m.inputCount == 4 && m.outputCount == 3)
        #expect(m.originalRange(0..<1) == 0..<2)
        #expect(m.originalRange(1..<2) == 2..<3)
        #expect(m.originalRange(0..<3) == 0..<4)
    }

    @Test func standaloneDeletionsNeverStartOrEndARange() {
        // "\u{200F}بيت\u{200F}" → "بيت"
        var b = OffsetMapBuilder()
        b.deleteStandalone(1)
        b.copy(3)
        b.deleteStandalone(1)
        let m = b.build()
        #expect(m.originalRange(0..<3) == 1..<4)
        #expect(m.originalStart(ofOutput: 3) == 5)
    }

    @Test func standaloneDeletionInsideAWordIsCovered() {
        // "ب\u{200F}يت" → "بيت": a range over the whole word includes the RLM.
        var b = OffsetMapBuilder()
        b.copy(1)
        b.deleteStandalone(1)
        b.copy(2)
        let m = b.build()
        #expect(m.originalRange(0..<3) == 0..<4)
        #expect(m.originalRange(1..<3) == 2..<4)
    }

    @Test func replacementsAndInsertions() {
        // "ﻻ x" → "لا x\u{202C}"
        var b = OffsetMapBuilder()
        b.replace(input: 1, output: 2)
        b.copy(2)
        b.insert(1)
        let m = b.build()
        #expect(m.originalRange(0..<1) == 0..<1)
        #expect(m.originalRange(1..<2) == 0..<1)
        #expect(m.originalRange(2..<4) == 1..<3)
        #expect(m.originalRange(4..<5) == 3..<3)
    }

    @Test func checkpointRestore() {
        var b = OffsetMapBuilder()
        b.copy(2)
        let cp = b.checkpoint
        b.deleteAttached(2)
        b.replace(input: 1, output: 3)
        b.restore(cp)
        b.replace(input: 3, output: 1)
        let m = b.build()
        #expect(m.inputCount == 5 && m.outputCount == 3)
        #expect(m.chunks == [OffsetMap.Chunk(outStart: 2, outEnd: 3, inStart: 2, inEnd: 5)])
    }

    /// Found by the fuzzer: after a checkpoint, a standalone deletion and an attached one
    /// fold away the chunk the checkpoint saw last; restoring must bring it back.
    @Test func restoreAfterAttachedDeletionFoldsAStandaloneOne() {
        var b = OffsetMapBuilder()
        b.copy(1)
        b.deleteStandalone(1)
        let cp = b.checkpoint
        let before = b
        b.deleteStandalone(1)
        b.deleteAttached(1)
        b.restore(cp)
        #expect(b.build() == before.build())
    }

    /// Any recording followed by a restore gives back exactly the state of the checkpoint.
    @Test func restoreUndoesAnySequence() async {
        let gen = PropertyBased.zip(
            PropertyBased.zip(Gen<Op>.case, Gen.int(in: 0...2)).array(of: 0...8),
            PropertyBased.zip(Gen<Op>.case, Gen.int(in: 0...2)).array(of: 0...8))
        await propertyCheck(count: 1000, input: gen) { prefix, suffix in
            var b = OffsetMapBuilder()
            for (op, n) in prefix { Self.apply(op, n, &b) }
            let saved = b
            let cp = b.checkpoint
            for (op, n) in suffix { Self.apply(op, n, &b) }
            b.restore(cp)
            #expect(b.build() == saved.build())
            #expect(b.inPos == saved.inPos && b.outPos == saved.outPos)
        }
    }

    static func apply(_ op: Op, _ n: Int, _ b: inout OffsetMapBuilder) {
        switch op {
        case .copy: b.copy(n)
        case .attach: b.deleteAttached(n)
        case .standalone: b.deleteStandalone(n)
        case .replace: b.replace(input: n, output: n == 0 ? 1 : 0)
        case .insert: b.insert(n)
        }
    }

    enum Op: CaseIterable { case copy, attach, standalone, replace, insert }

    /// Random edit scripts: the map covers both texts, is monotone, and agrees with a
    /// per-scalar model of the edits.
    @Test func randomEditScriptsGiveConsistentMaps() async {
        let gen = PropertyBased.zip(Gen<Op>.case, Gen.int(in: 1...3)).array(of: 0...30)
        await propertyCheck(count: 500, input: gen) { script throws in
            var b = OffsetMapBuilder()
            // Model: for each output scalar, the input range it came from.
            var sources: [Range<Int>] = []
            var inPos = 0
            for (op, n) in script {
                switch op {
                case .copy:
                    b.copy(n)
                    for k in 0..<n { sources.append((inPos + k)..<(inPos + k + 1)) }
                    inPos += n
                case .attach:
                    b.deleteAttached(n)
                    inPos += n
                case .standalone:
                    b.deleteStandalone(n)
                    inPos += n
                case .replace:
                    b.replace(input: n, output: 2)
                    sources.append(inPos..<(inPos + n))
                    sources.append(inPos..<(inPos + n))
                    inPos += n
                case .insert:
                    b.insert(n)
                    for _ in 0..<n { sources.append(inPos..<inPos) }
                }
            }
            let m = b.build()
            #expect(m.inputCount == inPos)
            try #require(m.outputCount == sources.count)
            var lastStart = 0
            var lastEnd = 0
            for o in 0..<m.outputCount {
                let s = m.originalStart(ofOutput: o)
                let e = m.originalEnd(ofOutput: o + 1)
                #expect(s >= lastStart && e >= lastEnd, "monotone at \(o)")
                #expect(s <= e)
                #expect(s <= sources[o].lowerBound && e >= sources[o].upperBound, "covers its source at \(o)")
                lastStart = s
                lastEnd = e
            }
            #expect(m.originalStart(ofOutput: m.outputCount) == m.inputCount)
            // Chunks are ordered and disjoint on both sides.
            for (a, c) in zip(m.chunks, m.chunks.dropFirst()) {
                #expect(a.outEnd <= c.outStart && a.inEnd <= c.inStart)
            }
        }
    }
}
