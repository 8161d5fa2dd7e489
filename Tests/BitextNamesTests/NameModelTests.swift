@testable import BitextNames
import PropertyBased
import Testing

@Suite struct NameModelTests {
    @Test func opensTheFixture() throws {
        let m = Fixture.model
        #expect(m.order == 4)
        #expect(m.regions.first == "world")
        #expect(m.regions.contains("LY"))
        #expect(m.unitIndex(of: "القذافي") != nil)
        #expect(m.unitIndex(of: "عبد الله") != nil)
        #expect(m.unitIndex(of: "لا يوجد") == nil)
        let i = try #require(m.unitIndex(of: "القذافي"))
        #expect(m.unitKey(i) == "القذافي")
        let spellings = m.spellingRange(ofUnit: i).map(m.spellingDisplay)
        #expect(spellings.first == "Gaddafi")  // 8 + … attestations: the most frequent first
        #expect(Set(spellings).isSuperset(of: ["Gaddafi", "Kadhafi", "Qaddafi"]))
        #expect(m.arabicUnits(forLatin: "kadhafi").map(\.unit) == ["القذافي"])
        #expect(m.arabicUnits(forLatin: "nobody").isEmpty)
    }

    /// The index of the n-gram entries of nodes with many finds what searching the node's
    /// sorted entries finds: every graphone, present or not, at every node it covers.
    @Test func entryIndexAgreesWithTheSearch() throws {
        let m = Fixture.model
        _ = try #require(m.lmSlots)
        var indexed = 0
        for n in 0..<(m.nodeCount - 1) {
            let at = m.node + 12 * n
            guard Int(m.u32(at + 12)) - Int(m.u32(at)) > NameModel.lmIndexedFanout else { continue }
            indexed += 1
            for g in 0..<m.graphoneCount {
                let a = m.lmEntry(n, UInt16(g))
                let b = m.lmEntrySearched(n, UInt16(g))
                #expect(a.found == b.found && a.logp == b.logp && a.next == b.next, "node \(n), graphone \(g)")
            }
        }
        #expect(indexed > 0)
    }

    /// One search tells a word's own unit and whether a unit of several words starts with
    /// it, as a scan of all units does.
    @Test func unitLookupAgreesWithAScan() {
        let m = Fixture.model
        let keys = (0..<m.unitCount).map(m.unitKey)
        var words = Set<String>(["ب", "ا", "ي", "ءءءء"])
        for k in keys {
            let ws = k.split(separator: " ").map(String.init)
            words.formUnion(ws)
            words.insert(ws.dropLast().joined(separator: " "))
            words.insert(String(k.dropLast()))
        }
        words.formUnion(["لا يوجد", "عبد", "ال", "", "zzz"])
        var compounds = 0
        for w in words {
            var text = w
            let (index, starts) = text.withUTF8 { m.unitLookup(utf8: UnsafeRawBufferPointer($0)) }
            #expect(index == m.unitIndex(of: w), "\(w)")
            #expect(index == keys.firstIndex(of: w), "\(w)")
            let expected = keys.contains { $0.utf8.starts(with: (w + " ").utf8) }
            #expect(starts == expected, "\(w)")
            if starts { compounds += 1 }
        }
        #expect(compounds > 0 && compounds < words.count)
    }

    static let broken: [(String, [UInt8])] = [
        ("empty", []),
        ("too short", Array("BXNAMES1".utf8)),
        ("bad magic", Array("NOTNAMES".utf8) + Array(Fixture.bytes.dropFirst(8))),
        ("truncated in the sections", Array(Fixture.bytes.prefix(Fixture.bytes.count / 2))),
        ("truncated header", Array(Fixture.bytes.prefix(20))),
    ]

    @Test(arguments: broken)
    func rejectsBrokenModels(_ what: String, _ bytes: [UInt8]) {
        #expect(throws: NameModelError.self, "\(what)") { _ = try NameModel(owning: bytes) }
    }

    /// Corrupting any byte gives either an error or a model that still answers without
    /// crashing (every reference is checked when the model is opened).
    @Test func corruptedBytesNeverCrash() async {
        let n = Fixture.bytes.count
        await propertyCheck(count: 300, input: Gen.int(in: 0...(n - 1)), Gen.uint8(in: 0...255)) { at, value in
            var b = Fixture.bytes
            b[at] = value
            guard let m = try? NameModel(owning: b) else { return }
            var t = NameTransliterator(model: m)
            let v = t.latin(for: "معمر القذافي", variants: 3)
            #expect(v.count <= 3)
            _ = t.arabic(for: "Muammar Gaddafi", variants: 3)
        }
    }
}
