// CompiledLexicon.swift — a gazetteer in one flat, checked, zero-copy file.
import BitextMatch

/// A compiled lexicon: the automaton, the entity table and the pattern → entity map in
/// one buffer, loaded in place (the default lexicon is such a buffer, embedded in the
/// binary, so loading it costs a few checks, not a parse).
///
///     let bytes = CompiledLexicon.serialize(gazetteer, dataVersion: "2026.11.24", manifest: text)
///     let c = try CompiledLexicon.load(blob, owner: nil, source: "lexicon.bin")
///     c.dataVersion      // "2026.11.24"
///     c.gazetteer        // ready to search
public struct CompiledLexicon: Sendable {
    public let gazetteer: Gazetteer
    public let dataVersion: String
    /// SHA-256 of the `MANIFEST.tsv` the lexicon was compiled from.
    public let manifestSHA256: String
    /// The text of that manifest (sources, licenses, checksums of the files).
    public let manifest: String
    public let schemaVersion: Int

    public static let blobName = "lexicon"
    static let magic: UInt32 = 0x584C_5842  // "BXLX"
    static let formatVersion: UInt32 = 1
    static let headerWords = 20

    /// Serializes a gazetteer. Sections are 16-byte aligned.
    public static func serialize(_ g: Gazetteer, dataVersion: String, manifest: String) -> [UInt8] {
        func align(_ x: Int) -> Int { (x + 15) & ~15 }
        let es = g.entities
        let auto = Array(g.automaton.serialized)
        let recordWords = es.count * EntityStore.wordsPerRecord
        let mf = Array(manifest.utf8)
        let dv = Array(dataVersion.utf8), dg = Array(SHA256.hex(mf).utf8)
        var o = headerWords * 4
        let autoOff = align(o); o = autoOff + auto.count
        let recOff = align(o); o = recOff + recordWords * 4
        let infoOff = align(o); o = infoOff + g.automaton.patternCount * 4
        let poolOff = align(o); o = poolOff + es.poolCount
        let dvOff = align(o); o = dvOff + dv.count
        let dgOff = align(o); o = dgOff + dg.count
        let mfOff = align(o); o = mfOff + mf.count
        let total = align(o)
        var out = [UInt8](repeating: 0, count: total)
        func put32(_ v: UInt32, _ at: Int) {
            for k in 0..<4 { out[at + k] = UInt8(truncatingIfNeeded: v >> (8 * UInt32(k))) }
        }
        let header: [Int] = [Int(magic), Int(formatVersion), lexiconSchemaVersion, es.count, g.automaton.patternCount,
                             es.poolCount, autoOff, auto.count, recOff, infoOff, poolOff, dvOff, dv.count, dgOff, dg.count, mfOff, mf.count, 0, 0, total]
        for (k, v) in header.enumerated() { put32(UInt32(v), k * 4) }
        out.replaceSubrange(autoOff..<(autoOff + auto.count), with: auto)
        for k in 0..<recordWords { put32(es.records[k], recOff + 4 * k) }
        for p in 0..<g.automaton.patternCount { put32(g.patternInfo[p], infoOff + 4 * p) }
        for k in 0..<es.poolCount { out[poolOff + k] = es.pool[k] }
        out.replaceSubrange(dvOff..<(dvOff + dv.count), with: dv)
        out.replaceSubrange(dgOff..<(dgOff + dg.count), with: dg)
        out.replaceSubrange(mfOff..<(mfOff + mf.count), with: mf)
        return out
    }

    /// Loads a compiled lexicon in place (16-byte aligned memory); every offset and index is
    /// checked, so a damaged file is an error, never a crash.
    public static func load(_ raw: UnsafeRawBufferPointer, owner: AnyObject?, source: String) throws(LexiconError) -> CompiledLexicon {
        func fail(_ m: String) -> LexiconError { LexiconError(file: source, "not a usable compiled lexicon: \(m)") }
        guard let base = raw.baseAddress, raw.count >= headerWords * 4, Int(bitPattern: base) % 16 == 0 else {
            throw fail("too short or misaligned")
        }
        func w(_ k: Int) -> Int { Int(base.load(fromByteOffset: 4 * k, as: UInt32.self)) }
        guard w(0) == Int(magic) else { throw fail("bad magic") }
        guard w(1) == Int(formatVersion) else { throw fail("format \(w(1)), expected \(formatVersion)") }
        guard w(2) == lexiconSchemaVersion else { throw fail("schema \(w(2)), expected \(lexiconSchemaVersion)") }
        let entities = w(3), patterns = w(4), poolCount = w(5)
        let autoOff = w(6), autoCount = w(7), recOff = w(8), infoOff = w(9), poolOff = w(10)
        let dvOff = w(11), dvCount = w(12), dgOff = w(13), dgCount = w(14), mfOff = w(15), mfCount = w(16), total = w(19)
        let n = raw.count
        func inside(_ off: Int, _ count: Int) -> Bool { off >= 0 && count >= 0 && off <= n && count <= n - off }
        guard total == n, autoOff % 16 == 0, recOff % 4 == 0, infoOff % 4 == 0,
              inside(autoOff, autoCount), inside(recOff, entities * EntityStore.wordsPerRecord * 4),
              inside(infoOff, patterns * 4), inside(poolOff, poolCount), inside(dvOff, dvCount), inside(dgOff, dgCount), inside(mfOff, mfCount)
        else { throw fail("sections out of bounds") }
        let automaton: Automaton
        do {
            automaton = try Automaton(serialized: UnsafeRawBufferPointer(start: base + autoOff, count: autoCount), owner: owner)
        } catch {
            throw fail("\(error)")
        }
        guard automaton.patternCount == patterns else { throw fail("pattern count differs from the automaton's") }
        let records = (base + recOff).assumingMemoryBound(to: UInt32.self)
        for i in 0..<entities {
            for f in 0..<4 {
                let off = Int(records[i * EntityStore.wordsPerRecord + 2 * f]), len = Int(records[i * EntityStore.wordsPerRecord + 2 * f + 1])
                guard off <= poolCount, len <= poolCount - off else { throw fail("entity \(i): string out of bounds") }
            }
            guard EntityType(rawValue: UInt8(records[i * EntityStore.wordsPerRecord + 8] & 0xFF)) != nil else {
                throw fail("entity \(i): bad type")
            }
        }
        let info = (base + infoOff).assumingMemoryBound(to: UInt32.self)
        for p in 0..<patterns where Int(info[p] & ~Gazetteer.demonymFlag) >= entities { throw fail("pattern \(p): bad entity") }
        let pool = (base + poolOff).assumingMemoryBound(to: UInt8.self)
        let store = EntityStore(count: entities, records: records, pool: pool, poolCount: poolCount, idPrefix: nil, keepAlive: owner)
        let g = Gazetteer(automaton: automaton, entities: store, patternInfo: info, keepAlive: owner)
        let dv = String(decoding: UnsafeRawBufferPointer(start: base + dvOff, count: dvCount), as: UTF8.self)
        let dg = String(decoding: UnsafeRawBufferPointer(start: base + dgOff, count: dgCount), as: UTF8.self)
        let mf = String(decoding: UnsafeRawBufferPointer(start: base + mfOff, count: mfCount), as: UTF8.self)
        return CompiledLexicon(gazetteer: g, dataVersion: dv, manifestSHA256: dg, manifest: mf, schemaVersion: w(2))
    }
}
