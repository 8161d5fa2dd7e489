// Normalizer.swift — bidi-safe, offset-preserving normalization.
import BitextCore
import ICUBridge

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
    let replacementBytes: [UInt8]
    let replacementOffsets: [Int]
    let replacementCounts: [Int]
    let form: ICUNormalizer?
    /// True when every ASCII character is copied as is (enables the 8-bytes-at-a-time skip).
    let asciiAllKeep: Bool

    public init(profile: NormalizationProfile) {
        self.profile = profile
        let compiler = ActionCompiler(profile: profile)
        self.compiler = compiler
        form = compiler.form.map { ICUNormalizer.instance($0) }
        table = .allocate(capacity: 0x10000)
        var replacements = ReplacementTable()
        var asciiKeep = true
        for c in 0..<UInt32(0x10000) {
            let a = compiler.action(c, &replacements)
            table[Int(c)] = a.raw
            if c < 0x80 && a.kind != .keep { asciiKeep = false }
        }
        asciiAllKeep = asciiKeep
        replacementBytes = replacements.bytes
        replacementOffsets = replacements.offsets
        replacementCounts = replacements.scalarCounts
    }

    deinit { table.deallocate() }

    // MARK: - Doors

    /// The normalized text.
    public func normalize(_ text: String) -> String {
        var text = text
        return text.withUTF8 { buf in
            var out: [UInt8] = []
            normalize(utf8: buf, into: &out)
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// The normalized text and the map from its offsets back to `text`'s.
    public func normalizeWithMap(_ text: String) -> NormalizedText {
        var text = text
        return text.withUTF8 { buf in
            var out: [UInt8] = []
            let map = normalize(utf8: buf, into: &out, offsets: true)
            return NormalizedText(text: String(decoding: out, as: UTF8.self), map: map!)
        }
    }

    /// Appends the normalization of valid UTF-8 `input` to `out`.
    ///
    /// - Complexity: O(n).
    public func normalize(utf8 input: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        _ = normalize(utf8: input, into: &out, offsets: false)
    }

    /// Appends the normalization of valid UTF-8 `input` to `out`; with `offsets`, returns
    /// the map from scalar offsets of the appended text to scalar offsets of `input`.
    @discardableResult
    public func normalize(utf8 input: UnsafeBufferPointer<UInt8>, into out: inout [UInt8], offsets: Bool) -> OffsetMap? {
        var w = ByteWriter(capacity: input.count + input.count / 8 + 16)
        defer { w.free() }
        var result: OffsetMap? = nil
        if offsets {
            var b = OffsetMapBuilder()
            run(input, &w, &b)
            result = b.build()
        } else {
            var none = NoOffsets()
            run(input, &w, &none)
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

    @inline(__always)
    static func isDeletion(_ a: Action) -> Bool {
        a.kind == .deleteAttached || a.kind == .deleteStandalone
    }

    func run<R: OffsetRecorder>(_ input: UnsafeBufferPointer<UInt8>, _ w: inout ByteWriter, _ rec: inout R) {
        guard let p = input.baseAddress else { return }
        let n = input.count
        var i = 0
        // A run of input copied as is, not yet written.
        var runStart = -1
        var runScalars = 0
        var lastKeep = -1  // byte offset of the run's last scalar
        // The last scalar written with a normalization boundary before it: where a slow
        // segment restarts when a combining character follows.
        var starterByte = -1
        var starterOut = 0
        var starterMark: R.Mark? = nil
        var stack: [UInt8] = []  // open embeddings (0) and isolates (1), repair policy
        var tagsAllowed = false
        let repair = profile.bidi == .repair

        @inline(__always) func flush(_ upTo: Int) {
            if runStart < 0 { return }
            w.append(p + runStart, lastKeep - runStart)
            rec.copy(runScalars - 1)
            starterByte = lastKeep
            starterOut = w.count
            starterMark = rec.mark
            w.append(p + lastKeep, upTo - lastKeep)
            rec.copy(1)
            runStart = -1
            runScalars = 0
        }

        while i < n {
            let b = p[i]
            var c: UInt32
            var len: Int
            if b < 0x80 {
                if asciiAllKeep {
                    if runStart < 0 { runStart = i }
                    var j = i + 1
                    while j + 8 <= n && UnsafeRawPointer(p + j).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                        j += 8
                    }
                    while j < n && p[j] < 0x80 { j += 1 }
                    runScalars += j - i
                    lastKeep = j - 1
                    i = j
                    tagsAllowed = false
                    continue
                }
                c = UInt32(b)
                len = 1
            } else {
                (c, len) = UTF8Scalars.decode(p, i)
            }
            let a = action(c)
            switch a.kind {
            case .keep:
                if runStart < 0 { runStart = i }
                runScalars += 1
                lastKeep = i
                i += len
                tagsAllowed = c == 0x1F3F4
                continue
            case .deleteAttached:
                flush(i)
                rec.deleteAttached(1)
            case .deleteStandalone:
                flush(i)
                rec.deleteStandalone(1)
            case .replace:
                flush(i)
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
                flush(i)
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
                tagsAllowed = false
            case .paragraph:
                flush(i)
                closeAll(&stack, &w, &rec)
                emitKept(p, i, len, &w, &rec, &starterByte, &starterOut, &starterMark)
                tagsAllowed = false
            case .tag:
                flush(i)
                if tagsAllowed {
                    emitKept(p, i, len, &w, &rec, &starterByte, &starterOut, &starterMark)
                    tagsAllowed = c != 0xE007F
                } else {
                    rec.deleteStandalone(1)
                }
            case .slow:
                flush(i)
                i = slowSegment(p, n, i, len, a, &w, &rec, starterByte, starterOut, starterMark)
                starterByte = -1
                tagsAllowed = false
                continue
            }
            i += len
        }
        flush(n)
        if repair { closeAll(&stack, &w, &rec) }
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
        _ w: inout ByteWriter, _ rec: inout R, _ starterByte: Int, _ starterOut: Int, _ starterMark: R.Mark?
    ) -> Int {
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
        // Up to and including the scalar that triggered the segment.
        while k < i + len {
            let (d, dl) = UTF8Scalars.decode(p, k)
            inScalars += 1
            if !Self.isDeletion(action(d)) { appendUTF16(d, &units) }
            k += dl
        }
        // Then everything that combines with it, and the deletions among it.
        while k < n {
            let (d, dl) = UTF8Scalars.decode(p, k)
            let ad = action(d)
            if !Self.isDeletion(ad) {
                if ad.boundaryBefore { break }
                appendUTF16(d, &units)
            }
            inScalars += 1
            k += dl
        }
        var outScalars = 0
        let normalized = (try? form?.normalize(utf16: units)) ?? units
        var u = 0
        while u < normalized.count {
            var s = UInt32(normalized[u])
            if s >= 0xD800 && s < 0xDC00 && u + 1 < normalized.count {
                s = 0x10000 + ((s - 0xD800) << 10) + (UInt32(normalized[u + 1]) - 0xDC00)
                u += 1
            }
            u += 1
            for t in compiler.postAction(s) {
                w.append(scalar: t)
                outScalars += 1
            }
        }
        rec.replace(input: inScalars, output: outScalars)
        return k
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

/// Normalized text with the map back to the text it came from.
public struct NormalizedText: Sendable, Equatable {
    public let text: String
    public let map: OffsetMap
}
