// NameList.swift — an ad-hoc list of names (`bitext match --names FILE`) as a gazetteer.
import BitextCore
import BitextIO
import BitextMatch
import BitextNormalize
import Dispatch

#if canImport(Glibc)
import Glibc
#endif

/// Builds a gazetteer from a list of names, one per line, any script: line `k` (0-based)
/// is the entity `names:k`, of type `name`, whose canonical spelling is the line itself
/// (as `en` or `ar` by its script). Empty lines name nothing but keep the numbering.
///
///     let g = try NameList.gazetteer(utf8: Array("Benghazi\nبنغازي\n".utf8), source: "names.txt")
///     g.entities.id(1)        // "names:1"
///     g.entities.arabic(1)    // "بنغازي"
public enum NameList {
    /// Reads and compiles a names file; a line that is not valid UTF-8 is an error naming
    /// the file, the line and the byte.
    public static func gazetteer(path: String) throws(InputError) -> Gazetteer {
        let reader = try LineReader(path: path)
        let bytes = try reader.readAll()
        return try gazetteer(utf8: bytes, source: reader.source)
    }

    /// Compiles names given as the bytes of a file.
    public static func gazetteer(utf8 bytes: [UInt8], source: String) throws(InputError) -> Gazetteer {
        var builder = AutomatonBuilder()
        builder.reserveCapacity(scalars: bytes.count)
        var patternInfo: [UInt32] = []
        let fold = FoldCache(folding: SearchFoldTable.best)
        var failure: InputError? = nil
        // Names the fold table cannot handle alone need the normalizer, whose set-up takes a
        // while: it is made on another thread meanwhile, and those names are added last.
        var complex: [LineSpan] = []
        let warmUp = DispatchWorkItem { _ = SearchFolding.shared }
        let pool = UnsafeMutablePointer<UInt8>.allocate(capacity: max(bytes.count, 1))
        // Entity records: one per line (a final line without newline included).
        var lines = 0
        bytes.withUnsafeBufferPointer { all in
            guard let base = all.baseAddress else { return }
            var at = 0
            while at < all.count, let hit = memchr(base + at, 0x0A, all.count - at) {
                lines += 1
                at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) + 1
            }
            if at < all.count { lines += 1 }
        }
        let words = EntityStore.wordsPerRecord
        let records = UnsafeMutablePointer<UInt32>.allocate(capacity: max(lines * words, 1))
        records.initialize(repeating: 0, count: max(lines * words, 1))
        builder.reserveCapacity(patterns: lines)
        patternInfo.reserveCapacity(lines)
        bytes.withUnsafeBufferPointer { all in
            guard let base = all.baseAddress else { return }
            pool.initialize(from: base, count: all.count)
            var start = 0
            var line = 0
            while start < all.count {
                var end = all.count
                if let hit = memchr(base + start, 0x0A, all.count - start) {
                    end = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                }
                let next = end + 1
                if end > start && all[end - 1] == 0x0D { end -= 1 }
                let text = UnsafeBufferPointer(rebasing: all[start..<end])
                if let e = UTF8Validation.firstError(in: text) {
                    failure = InputError(.invalidUTF8(e), file: source, line: line + 1, byteInLine: e.byteOffset,
                                         fileOffset: start + e.byteOffset)
                    return
                }
                // Canonical: the line trimmed of spaces; en or ar by its first letter.
                var a = start, b = end
                while a < b && (all[a] == 0x20 || all[a] == 0x09) { a += 1 }
                while b > a && (all[b - 1] == 0x20 || all[b - 1] == 0x09) { b -= 1 }
                let arabic = isArabic(UnsafeBufferPointer(rebasing: all[a..<b]))
                // id (generated), en, ar, kind (offset and length each), type, rank
                let r = records + line * words
                r[arabic ? 4 : 2] = UInt32(a)
                r[arabic ? 5 : 3] = UInt32(b - a)
                r[8] = UInt32(EntityType.name.rawValue)
                switch builder.add(utf8: text, folding: fold) {
                case .added: patternInfo.append(UInt32(line))
                case .empty: break
                case .complex:
                    if complex.isEmpty { DispatchQueue.global().async(execute: warmUp) }
                    complex.append(LineSpan(line: line, start: start, end: end))
                }
                line += 1
                start = next
            }
        }
        if let failure {
            pool.deallocate()
            records.deallocate()
            throw failure
        }
        for c in complex {
            let text = String(decoding: bytes[c.start..<c.end], as: UTF8.self)
            if builder.add(SearchFolding.shared.normalize(text)) != nil { patternInfo.append(UInt32(c.line)) }
        }
        let store = EntityStore(count: lines, records: records, pool: pool,
                                poolCount: bytes.count, idPrefix: "names:", keepAlive: OwnedBuffers(records, pool))
        return Gazetteer(automaton: builder.build(), entities: store, patternInfo: patternInfo)
    }

    /// A line of the file: its number and a range (of bytes, or of folded scalars).
    struct LineSpan {
        var line: Int
        var start: Int
        var end: Int
    }

    /// True when the first letter is in the Arabic script.
    static func isArabic(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let p = s.baseAddress else { return false }
        var i = 0
        while i < s.count {
            let (c, len) = UTF8Scalars.decode(p, i)
            let props = UnicodeTables.properties(of: c)
            if props.isLetter { return props.script == .arabic }
            i += len
        }
        return false
    }
}
