// Normalizer.swift — bidi-safe, offset-preserving normalization.
import BitextCore
import ICUBridge
import Synchronization

/// Normalizes text with a ``NormalizationProfile``, optionally keeping an ``OffsetMap``
/// from every output position back to the input.
///
/// One pass over UTF-8: a table built from the profile says what to do with each code
/// point; only the rare segments that need Unicode composition or compatibility
/// decomposition (a presentation form, a letter followed by a combining mark that
/// composes with it) go through ICU. Instances are immutable and thread-safe.
///
///     let search = Normalizer(profile: .search)
///     search.normalize("أَحْمَد")            // "احمد"
///     search.normalize("ب\u{200F}يت")      // "بيت"  (the RLM does not split the word)
///     search.normalize("ﻻ ٢٠٢٤")            // "لا 2024"
///
///     let display = Normalizer(profile: .display)
///     display.normalize("\u{202E}abc")     // "\u{202E}abc\u{202C}"  (override closed)
public final class Normalizer: @unchecked Sendable {  // the table is written once, in init
    public let profile: NormalizationProfile
    let compiler: ActionCompiler
    /// Actions for U+0000–U+FFFF; supplementary code points are decided on the fly.
    let table: UnsafeMutablePointer<UInt32>
    /// For U+0080–U+07FF: the output of the common actions (see ``TwoByteEntry``).
    let twoByte: UnsafeMutablePointer<UInt32>
    let replacementBytes: [UInt8]
    let replacementOffsets: [Int]
    let replacementCounts: [Int]
    let form: ICUNormalizer?
    /// True when every ASCII character is copied as is (enables the 8-bytes-at-a-time skip).
    let asciiAllKeep: Bool
    let repair: Bool
    /// What happens to scalars the normalization form outputs, where it is not "keep".
    let post: [UInt32: [UInt32]]
    /// Results of short slow segments (a presentation form, a letter with its marks), shared
    /// by all threads: the same few sequences recur throughout a text.
    let segmentCache = Mutex<[SegmentKey: [UInt32]]>([:])
    static let segmentCacheLimit = 8192

    public init(profile: NormalizationProfile) {
        self.profile = profile
        let compiler = ActionCompiler(profile: profile)
        self.compiler = compiler
        form = compiler.form.map { ICUNormalizer.instance($0) }
        table = .allocate(capacity: 0x10000)
        var replacements = ReplacementTable()
        var asciiKeep = true
        // Ordinary code points (no step touches them) follow from two property bits.
        let properties = UnicodeTables.table
        let form = compiler.form
        let quickBit: UInt32 = form == .nfkc ? 1 << 13 : 1 << 14
        let boundaryBit: UInt32 = form == .nfkc ? 1 << 26 : 1 << 27
        let keepRaw = Action(.keep, boundary: true).raw
        let slowRaw = Action(.slow, boundary: false).raw
        for c in 0..<UInt32(0x10000) {
            if compiler.isOrdinary(c) {
                let p = properties[c].rawValue
                if form == nil || p & quickBit != 0 {
                    table[Int(c)] = keepRaw
                } else {
                    table[Int(c)] = slowRaw | (p & boundaryBit != 0 ? 0x10 : 0)
                }
            } else {
                let a = compiler.fullAction(c, &replacements)
                table[Int(c)] = a.raw
                if c < 0x80 && a.kind != .keep { asciiKeep = false }
            }
        }
        asciiAllKeep = asciiKeep
        twoByte = .allocate(capacity: 0x800)
        for c in 0..<UInt32(0x800) { twoByte[Int(c)] = TwoByteEntry.make(c, Action(raw: table[Int(c)])) }
        repair = profile.bidi == .repair
        var post: [UInt32: [UInt32]] = [:]
        for c in 0..<UInt32(0x10000) where !compiler.isOrdinary(c) {
            let base = compiler.baseAction(c)
            if base == .keep { continue }
            let r = compiler.postAction(c)
            if r.count != 1 || r[0] != c { post[c] = r }
        }
        self.post = post
        replacementBytes = replacements.bytes
        replacementOffsets = replacements.offsets
        replacementCounts = replacements.scalarCounts
    }

    deinit {
        table.deallocate()
        twoByte.deallocate()
    }

    // MARK: - Doors

    /// The normalized text.
    public func normalize(_ text: String) -> String {
        var text = text
        return text.withUTF8 { buf in
            var out: [UInt8] = []
            _ = try? normalize(utf8: buf, into: &out, offsets: false)  // a String is valid UTF-8
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// The normalized text and the map from its offsets back to `text`'s.
    public func normalizeWithMap(_ text: String) -> NormalizedText {
        var text = text
        return text.withUTF8 { buf in
            var out: [UInt8] = []
            let map = (try? normalize(utf8: buf, into: &out, offsets: true)) ?? nil
            return NormalizedText(text: String(decoding: out, as: UTF8.self), map: map ?? .identity(count: 0))
        }
    }

    /// Appends the normalization of UTF-8 `input` to `out`; with `offsets`, returns the map
    /// from scalar offsets of the appended text to scalar offsets of `input`.
    ///
    /// The input is checked as it is read: when it is not well-formed UTF-8, `out` is left
    /// as it was and the first error is thrown.
    ///
    /// - Complexity: O(n).
    @discardableResult
    public func normalize(utf8 input: UnsafeBufferPointer<UInt8>, into out: inout [UInt8], offsets: Bool = false) throws(UTF8Error) -> OffsetMap? {
        var w = ByteWriter(capacity: input.count + input.count / 8 + 16)
        defer { w.free() }
        var result: OffsetMap? = nil
        var ok: Bool
        if offsets {
            var b = OffsetMapBuilder()
            ok = run(input, &w, &b)
            result = b.build()
        } else {
            var none = NoOffsets()
            ok = run(input, &w, &none)
        }
        guard ok else {
            throw UTF8Validation.firstError(in: input) ?? UTF8Error(byteOffset: 0, length: 0, reason: .invalidByte, bytes: [])
        }
        out.append(contentsOf: w.buffer)
        return result
    }

    // MARK: - Engine

    @inline(__always)
    func action(_ c: UInt32) -> Action {
        if c < 0x10000 { return Action(raw: table[Int(c)]) }
        var scratch = ReplacementTable()
        return compiler.action(c, &scratch)
    }

    /// True for a bidi control the repair policy drops with `stack` open (a PDF with no
    /// embedding on top, a PDI with no isolate open), and for a tag character outside a flag.
    static func dropped(_ a: Action, _ stack: [UInt8]) -> Bool {
        switch a.kind {
        case .tag: return true
        case .bidi:
            let c = BidiControl(rawValue: UInt8(a.payload))!
            if c == .pdf { return stack.last != 0 }
            if c == .pdi { return !stack.contains(1) }
            return false
        default: return false
        }
    }

    @inline(__always)
    static func isDeletion(_ a: Action) -> Bool {
        a.kind == .deleteAttached || a.kind == .deleteStandalone
    }

    /// Normalizes `input` into `w`, recording offsets in `rec`. Returns false, having
    /// written a partial result, as soon as it meets bytes that are not well-formed UTF-8.
    func run<R: OffsetRecorder>(_ input: UnsafeBufferPointer<UInt8>, _ w: inout ByteWriter, _ rec: inout R) -> Bool {
        guard let p = input.baseAddress else { return true }
        let n = input.count
        let table = self.table
        let twoByte = self.twoByte
        let branchFree = R.self == NoOffsets.self
        // The fast paths below write without capacity checks: a scalar never grows by more
        // than half its size there (a 2-byte letter folds to at most 3 bytes), so keeping
        // 3/2 of the remaining input free suffices; the rare paths re-establish it.
        w.reserve(n + n / 2 + 16)
        var out = w.base
        var o = w.count
        var i = 0
        // The last scalar written with a normalization boundary before it: where a slow
        // segment restarts when a combining character follows.
        var starterByte = -1
        var starterOut = 0
        var starterMark: R.Mark? = nil
        var stack: [UInt8] = []  // open embeddings (0) and isolates (1), repair policy
        var tagsAllowed = false

        while i < n {
            let b = p[i]
            // Two-byte characters (Arabic and most other alphabets) whose action is keep,
            // delete or a fold to a short scalar: one table load, no branch on the action.
            if b & 0xE0 == 0xC0 {
                guard b >= 0xC2, i + 1 < n, p[i + 1] & 0xC0 == 0x80 else { return false }
                let c = Int(UInt32(b & 0x1F) << 6 | UInt32(p[i + 1] & 0x3F))
                let e = twoByte[c]
                if e & TwoByteEntry.special == 0 {
                    let len = Int((e >> 16) & 3)
                    if branchFree {
                        // Keep, delete and fold alike: store two bytes, advance by 0–2.
                        UnsafeMutableRawPointer(out + o).storeBytes(of: UInt16(truncatingIfNeeded: e), as: UInt16.self)
                        starterByte = len != 0 ? i : starterByte
                        starterOut = len != 0 ? o : starterOut
                        o += len
                    } else if len == 0 {
                        rec.deleteAttached(1)
                    } else {
                        starterByte = i
                        starterOut = o
                        starterMark = rec.mark
                        UnsafeMutableRawPointer(out + o).storeBytes(of: UInt16(truncatingIfNeeded: e), as: UInt16.self)
                        o += len
                        rec.copy(1)
                    }
                    i += 2
                    tagsAllowed = tagsAllowed && len == 0  // a dropped mark keeps a tag sequence open
                    continue
                }
            }
            var c: UInt32
            var len: Int
            if b < 0x80 {
                if asciiAllKeep {
                    var j = i + 1
                    while j + 8 <= n && UnsafeRawPointer(p + j).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                        j += 8
                    }
                    while j < n && p[j] < 0x80 { j += 1 }
                    let count = j - i
                    if count > 16 {
                        (out + o).update(from: p + i, count: count)
                    } else {
                        for k in 0..<count { out[o + k] = p[i + k] }
                    }
                    rec.copy(count - 1)
                    starterByte = j - 1
                    starterOut = o + count - 1
                    starterMark = rec.mark
                    rec.copy(1)
                    o += count
                    i = j
                    tagsAllowed = false
                    continue
                }
                c = UInt32(b)
                len = 1
            } else {
                (c, len) = UTF8Scalars.decodeChecked(p, i, n)
                if len == 0 { return false }
            }
            let a = c < 0x10000 ? Action(raw: table[Int(c)]) : action(c)
            let kind = a.kind
            if kind == .keep {
                starterByte = i
                starterOut = o
                starterMark = rec.mark
                for k in 0..<len { out[o + k] = p[i + k] }
                o += len
                rec.copy(1)
                i += len
                tagsAllowed = len == 4 && c == 0x1F3F4
                continue
            }
            if kind == .deleteAttached {
                rec.deleteAttached(1)
                i += len
                continue
            }
            // The rare kinds write through the ByteWriter.
            w.count = o
            switch kind {
            case .deleteStandalone:
                rec.deleteStandalone(1)
            case .replaceScalar:
                starterByte = i
                starterOut = w.count
                starterMark = rec.mark
                w.append(scalar: UInt32(a.payload))
                rec.copy(1)
                tagsAllowed = false
            case .replace:
                let k = a.payload
                let from = replacementOffsets[k]
                let count = replacementOffsets[k + 1] - from
                starterByte = i
                starterOut = w.count
                starterMark = rec.mark
                replacementBytes.withUnsafeBufferPointer { rb in
                    if count > 0 { w.append(rb.baseAddress! + from, count) }
                }
                rec.replace(input: 1, output: replacementCounts[k])
                tagsAllowed = false
            case .bidi:
                let control = BidiControl(rawValue: UInt8(a.payload))!
                if control.opensEmbedding || control.opensIsolate {
                    stack.append(control.opensIsolate ? 1 : 0)
                    emitKept(p, i, len, &w, &rec, &starterByte, &starterOut, &starterMark)
                } else if control == .pdf {
                    if stack.last == 0 {
                        stack.removeLast()
                        emitKept(p, i, len, &w, &rec, &starterByte, &starterOut, &starterMark)
                    } else {
                        rec.deleteStandalone(1)
                    }
                } else {  // PDI
                    if let top = stack.lastIndex(of: 1) {
                        for _ in (top + 1)..<stack.count { insert(.pdf, &w, &rec) }
                        stack.removeSubrange(top...)
                        emitKept(p, i, len, &w, &rec, &starterByte, &starterOut, &starterMark)
                    } else {
                        rec.deleteStandalone(1)
                    }
                }
                // A dropped control leaves a flag's tag sequence open, like any deletion.
                if w.count != o { tagsAllowed = false }
            case .paragraph:
                closeAll(&stack, &w, &rec)
                emitKept(p, i, len, &w, &rec, &starterByte, &starterOut, &starterMark)
                tagsAllowed = false
            case .tag:
                if tagsAllowed {
                    emitKept(p, i, len, &w, &rec, &starterByte, &starterOut, &starterMark)
                    tagsAllowed = c != 0xE007F
                } else {
                    rec.deleteStandalone(1)
                }
            case .slow:
                // In the branch-free path no mark is kept: rebuild the one for the starter.
                if branchFree && starterMark == nil { starterMark = rec.mark }
                guard let end = slowSegment(p, n, i, len, a, &w, &rec, starterByte, starterOut, starterMark, stack) else {
                    return false
                }
                starterByte = -1
                tagsAllowed = false
                i = end - len  // `i += len` below
            case .keep, .deleteAttached:
                break
            }
            i += len
            w.reserve((n - i) * 2 + 16)
            out = w.base
            o = w.count
        }
        w.count = o
        if repair { closeAll(&stack, &w, &rec) }
        return true
    }

    @inline(__always)
    func emitKept<R: OffsetRecorder>(_ p: UnsafePointer<UInt8>, _ i: Int, _ len: Int, _ w: inout ByteWriter, _ rec: inout R,
                                     _ starterByte: inout Int, _ starterOut: inout Int, _ starterMark: inout R.Mark?) {
        starterByte = i
        starterOut = w.count
        starterMark = rec.mark
        w.append(p + i, len)
        rec.copy(1)
    }

    func insert<R: OffsetRecorder>(_ control: BidiControl, _ w: inout ByteWriter, _ rec: inout R) {
        w.append(scalar: control.scalar)
        rec.insert(1)
    }

    func closeAll<R: OffsetRecorder>(_ stack: inout [UInt8], _ w: inout ByteWriter, _ rec: inout R) {
        while let top = stack.popLast() { insert(top == 1 ? .pdi : .pdf, &w, &rec) }
    }

    /// Normalizes the segment around the scalar at `i` that needs the normalization form,
    /// from the last starter (or the scalar itself when it starts a segment) up to the next
    /// scalar with a boundary before it. Returns the byte offset where the segment ends.
    func slowSegment<R: OffsetRecorder>(
        _ p: UnsafePointer<UInt8>, _ n: Int, _ i: Int, _ len: Int, _ a: Action,
        _ w: inout ByteWriter, _ rec: inout R, _ starterByte: Int, _ starterOut: Int, _ starterMark: R.Mark?,
        _ stack: [UInt8]
    ) -> Int? {
        var start = i
        if !a.boundaryBefore && starterByte >= 0, let mark = starterMark {
            start = starterByte
            w.count = starterOut
            rec.restore(mark)
        }
        var units: [UInt16] = []
        units.reserveCapacity(16)
        var inScalars = 0
        var k = start
        // Up to and including the scalar that triggered the segment. Between the starter and
        // the trigger everything was dropped: deletions, and the bidi controls and tag
        // characters that had nothing to close or belong to (kept ones would have become
        // the starter themselves).
        while k < i + len {
            let (d, dl) = UTF8Scalars.decode(p, k)
            inScalars += 1
            let ad = action(d)
            let dropped = Self.isDeletion(ad) || (k != start && k != i && (ad.kind == .bidi || ad.kind == .tag))
            if !dropped { appendUTF16(d, &units) }
            k += dl
        }
        // Then everything that combines with it, and what is dropped among it: deletions, a
        // PDF or PDI with nothing open to close, tag characters (no flag precedes them here).
        // A dropped control is no boundary: the marks on either side of it meet.
        // Dropped characters after the last one kept stay out of the segment unless a mark
        // attached to it follows them: the main loop drops them on their own, so a match on
        // the output never ends on an invisible character.
        var end = k
        var endScalars = inScalars
        while k < n {
            let (d, dl) = UTF8Scalars.decodeChecked(p, k, n)
            if dl == 0 { return nil }
            let ad = action(d)
            if Self.isDeletion(ad) || Self.dropped(ad, stack) {
                inScalars += 1
                k += dl
                if ad.kind == .deleteAttached {
                    end = k
                    endScalars = inScalars
                }
                continue
            }
            if ad.boundaryBefore { break }
            appendUTF16(d, &units)
            inScalars += 1
            k += dl
            end = k
            endScalars = inScalars
        }
        k = end
        inScalars = endScalars
        let result: [UInt32]
        if let key = SegmentKey(units) {
            if let hit = segmentCache.withLock({ $0[key] }) {
                result = hit
            } else {
                result = normalizeSegment(units)
                segmentCache.withLock { cache in
                    if cache.count >= Self.segmentCacheLimit { cache.removeAll(keepingCapacity: true) }
                    cache[key] = result
                }
            }
        } else {
            result = normalizeSegment(units)
        }
        for t in result { w.append(scalar: t) }
        rec.replace(input: inScalars, output: result.count)
        return k
    }

    /// The normalization form, then the folds and deletions, of one segment.
    func normalizeSegment(_ units: [UInt16]) -> [UInt32] {
        var out: [UInt32] = []
        let normalized = (try? form?.normalize(utf16: units)) ?? units
        var u = 0
        while u < normalized.count {
            var s = UInt32(normalized[u])
            if s >= 0xD800 && s < 0xDC00 && u + 1 < normalized.count {
                s = 0x10000 + ((s - 0xD800) << 10) + (UInt32(normalized[u + 1]) - 0xDC00)
                u += 1
            }
            u += 1
            if s < 0x10000 {
                if let r = post[s] { out.append(contentsOf: r) } else { out.append(s) }
            } else {
                out.append(contentsOf: compiler.postAction(s))
            }
        }
        return out
    }

    @inline(__always)
    func appendUTF16(_ s: UInt32, _ units: inout [UInt16]) {
        if s < 0x10000 {
            units.append(UInt16(s))
        } else {
            let v = s - 0x10000
            units.append(UInt16(0xD800 + (v >> 10)))
            units.append(UInt16(0xDC00 + (v & 0x3FF)))
        }
    }
}

/// The two-byte fast path's table entry: bits 0–15 the output bytes (little-endian), bits
/// 16–17 their count (0 = deleted), bit 31 set when the character needs the general path.
enum TwoByteEntry {
    static let special: UInt32 = 1 << 31

    static func make(_ c: UInt32, _ a: Action) -> UInt32 {
        func encode(_ s: UInt32) -> UInt32 {
            if s < 0x80 { return s | 1 << 16 }
            let b0 = 0xC0 | s >> 6
            let b1 = 0x80 | s & 0x3F
            return b0 | b1 << 8 | 2 << 16
        }
        guard c >= 0x80 else { return special }
        switch a.kind {
        case .keep: return encode(c)
        case .deleteAttached: return 0
        case .replaceScalar where a.payload < 0x800: return encode(UInt32(a.payload))
        default: return special
        }
    }
}

/// A short segment's UTF-16 units, as a cache key (segments of up to 8 units).
struct SegmentKey: Hashable, Sendable {
    let a: UInt64
    let b: UInt64

    init?(_ units: [UInt16]) {
        guard units.count <= 8, !units.isEmpty else { return nil }
        var a: UInt64 = 0
        var b: UInt64 = 0
        for (i, u) in units.enumerated() {
            // Units are never 0xFFFF in a pair slot we use as padding: shift in u+1.
            if i < 4 { a |= UInt64(u &+ 1) << (16 * UInt64(i)) } else { b |= UInt64(u &+ 1) << (16 * UInt64(i - 4)) }
        }
        self.a = a
        self.b = b
    }
}

/// Normalized text with the map back to the text it came from.
public struct NormalizedText: Sendable, Equatable {
    public let text: String
    public let map: OffsetMap
}
