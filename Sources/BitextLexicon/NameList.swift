// NameList.swift — an ad-hoc list of names (`bitext match --names FILE`) as a gazetteer.
import BitextCore
import BitextIO
import BitextMatch
import BitextNormalize
import Dispatch

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
        var records: [UInt32] = []
        records.reserveCapacity(bytes.count / 2)
        let fold = FoldCache(folding: SearchFoldTable.best)
        var scalars: [UInt32] = []
        var failure: InputError? = nil
        // Names the fold table cannot handle alone need the normalizer, whose set-up takes a
        // while: it is made on another thread meanwhile, and those names are added last.
        var complex: [LineSpan] = []
        var folded: [LineSpan] = []
        scalars.reserveCapacity(bytes.count)
        let warmUp = DispatchWorkItem { _ = SearchFolding.shared }
        let pool = UnsafeMutablePointer<UInt8>.allocate(capacity: max(bytes.count, 1))
        bytes.withUnsafeBufferPointer { all in
            if all.count > 0 { pool.initialize(from: all.baseAddress!, count: all.count) }
            var start = 0
            var line = 0
            while start < all.count {
                var end = start
                while end < all.count && all[end] != 0x0A { end += 1 }
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
                let (offset, length) = (UInt32(a), UInt32(b - a))
                records.append(0)
                records.append(0)
                records.append(arabic ? 0 : offset)
                records.append(arabic ? 0 : length)
                records.append(arabic ? offset : 0)
                records.append(arabic ? length : 0)
                records.append(0)
                records.append(0)
                records.append(UInt32(EntityType.name.rawValue))
                records.append(0)
                // First pass: fold every name; the trie is built in a second pass, so the
                // normalizer (if a name needs it) gets ready meanwhile.
                let mark = scalars.count
                if fold.fold(utf8: text, into: &scalars) {
                    folded.append(LineSpan(line: line, start: mark, end: scalars.count))
                } else {
                    if complex.isEmpty { DispatchQueue.global().async(execute: warmUp) }
                    complex.append(LineSpan(line: line, start: start, end: end))
                }
                line += 1
                start = next
            }
        }
        if let failure {
            pool.deallocate()
            throw failure
        }
        scalars.withUnsafeBufferPointer { all in
            for f in folded where builder.add(scalars: UnsafeBufferPointer(rebasing: all[f.start..<f.end])) != nil {
                patternInfo.append(UInt32(f.line))
            }
        }
        for c in complex {
            let text = String(decoding: bytes[c.start..<c.end], as: UTF8.self)
            if builder.add(SearchFolding.shared.normalize(text)) != nil { patternInfo.append(UInt32(c.line)) }
        }
        let r = UnsafeMutablePointer<UInt32>.allocate(capacity: max(records.count, 1))
        records.withUnsafeBufferPointer { if $0.count > 0 { r.initialize(from: $0.baseAddress!, count: $0.count) } }
        let store = EntityStore(count: records.count / EntityStore.wordsPerRecord, records: r, pool: pool,
                                poolCount: bytes.count, idPrefix: "names:", keepAlive: OwnedBuffers(r, pool))
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
