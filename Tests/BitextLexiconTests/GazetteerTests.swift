// GazetteerTests.swift — the default lexicon on sentences the team wrote, in both scripts.
import BitextMatch
import BitextNormalize
import PropertyBased
import Testing

@testable import BitextLexicon

struct Sentence: CustomTestStringConvertible, Sendable {
    var text: String
    /// "text → entity id" for every mention, in order.
    var expected: [String]
    var testDescription: String { text }
}

/// Our own sentences. Each mention is written `surface → entity`.
let sentences: [Sentence] = [
    // Clitics: و ف ب ك ل, ال, and ل + ال.
    Sentence(text: "وصل الوفد إلى بنغازي صباح اليوم", expected: ["بنغازي → geonames:88319"]),
    Sentence(text: "غادر طرابلس وبنغازي ثم عاد لمصراتة", expected: ["طرابلس → geonames:2210247", "بنغازي → geonames:88319", "مصراتة → geonames:2214846"]),
    Sentence(text: "سافر الوزير للقاهرة وللرباط", expected: ["لقاهرة → geonames:360630", "لرباط → geonames:2538475"]),
    Sentence(text: "قدمت دعما لليبيا وبالجزائر", expected: ["ليبيا → geonames:2215636", "الجزائر → geonames:2589581"]),
    Sentence(text: "فدرنة كسرت", expected: ["درنة → geonames:87205", "سرت → geonames:2210554"]),
    // Diacritics, tatweel, hamza seats, ta marbuta and bidi controls do not matter.
    Sentence(text: "زار بَنْغَازِي ودرنـــه وإجدابيا", expected: ["بَنْغَازِي → geonames:88319", "درنـــه → geonames:87205", "إجدابيا → geonames:89113"]),
    Sentence(text: "في بن\u{200F}غازي", expected: ["بن\u{200F}غازي → geonames:88319"]),
    // Demonyms and nisba forms name their country.
    Sentence(text: "قال مسؤول ليبي إن الليبيين يريدون السلام", expected: ["ليبي → geonames:2215636", "الليبيين → geonames:2215636"]),
    Sentence(text: "The Libyan coast guard and two Libyans", expected: ["Libyan → geonames:2215636", "Libyans → geonames:2215636"]),
    Sentence(text: "اجتمع المصريون والتونسيون", expected: ["المصريون → geonames:357994", "التونسيون → geonames:2464461"]),
    // Possessives and compounds.
    Sentence(text: "Libya's oil and Benghazi's port", expected: ["Libya → geonames:2215636", "Benghazi → geonames:88319"]),
    Sentence(text: "a Tripoli-based militia and pro-Haftar forces", expected: ["Tripoli → geonames:2210247", "Haftar → person:khalifa-haftar"]),
    // News spellings and GeoNames' spellings both find the place.
    Sentence(text: "Derna, Darnah, Sirte, Surt, Misrata and Misratah", expected: ["Derna → geonames:87205", "Darnah → geonames:87205", "Sirte → geonames:2210554", "Surt → geonames:2210554", "Misrata → geonames:2214846", "Misratah → geonames:2214846"]),
    // False friends: مصر is not in مصرف or مصرع; Libya is not in Libyana.
    Sentence(text: "أودع المال في مصرف ولقي مصرعه", expected: []),
    Sentence(text: "The Libyana network", expected: []),
    // Leftmost-longest: Fajr Libya is one organization.
    Sentence(text: "قوات فجر ليبيا في طرابلس", expected: ["قوات فجر ليبيا → org:fajr-libya", "طرابلس → geonames:2210247"]),
    Sentence(text: "Fajr Libya fighters", expected: ["Fajr Libya → org:fajr-libya"]),
    // Organizations and people, with their aliases.
    Sentence(text: "Daesh, ISIS and the Islamic State", expected: ["Daesh → org:islamic-state", "ISIS → org:islamic-state", "Islamic State → org:islamic-state"]),
    Sentence(text: "هاجم داعش وتنظيم القاعدة", expected: ["داعش → org:islamic-state", "تنظيم القاعدة → org:al-qaida"]),
    Sentence(text: "the U.N. Security Council and NATO", expected: ["U.N. Security Council → org:un-security-council", "NATO → org:nato"]),
    Sentence(text: "حلف شمال الأطلسي والناتو والأمم المتحدة", expected: ["حلف شمال الأطلسي → org:nato", "الناتو → org:nato", "الأمم المتحدة → org:united-nations"]),
    Sentence(text: "التقى السيسي وحفتر بالقذافي", expected: ["السيسي → person:abdel-fattah-el-sisi", "حفتر → person:khalifa-haftar", "القذافي → person:muammar-gaddafi"]),
    // Case: lowercase common words are not names.
    Sentence(text: "it is nice for us", expected: []),
]

func rendered(_ s: GazetteerSearcher, _ text: String) -> [String] {
    let ms = s.find(in: text)
    let scalars = Array(text.unicodeScalars)
    return ms.map { m in
        String(String.UnicodeScalarView(scalars[m.start..<m.end])) + " → " + s.gazetteer.entities.id(Int(s.candidates[m.candidatesStart]))
    }
}

@Test(arguments: sentences)
func defaultLexiconSentences(_ s: Sentence) throws {
    let searcher = GazetteerSearcher(gazetteer: try Lexicon.defaultGazetteer())
    #expect(rendered(searcher, s.text) == s.expected)
}

@Test func demonymsAreMarkedAndAmbiguityIsReported() throws {
    let g = try Lexicon.defaultGazetteer()
    let s = GazetteerSearcher(gazetteer: g)
    let m = s.find(in: "الليبيون")
    #expect(m.count == 1 && m[0].viaDemonym)
    // Broken plurals, with and without the article and clitics: Turks → Turkey.
    for form in ["الأتراك", "أتراك", "وأتراك"] {
        let p = s.find(in: "حضر دبلوماسيون \(form) الجلسة")
        #expect(p.count == 1 && p[0].viaDemonym, "\(form)")
        #expect(p.first.map { g.entities.id(Int(s.candidates(of: $0)[0])) } == "geonames:298795", "\(form)")
    }
    // طرابلس is Tripoli in Libya and in Lebanon: both are candidates, the larger first.
    let t = s.find(in: "طرابلس")
    let ids = s.candidates(of: t[0]).map { g.entities.id(Int($0)) }
    #expect(ids.first == "geonames:2210247" && ids.contains("geonames:266826"))
    // --prefer-country LB puts Lebanon's first.
    let lb = GazetteerSearcher(gazetteer: g, order: CandidateOrder(preferCountries: ["LB"]))
    let l = lb.find(in: "طرابلس")
    #expect(g.entities.id(Int(lb.candidates[l[0].candidatesStart])) == "geonames:266826")
}

@Test func lookupForTransliteration() throws {
    let l = GazetteerLookup(gazetteer: try Lexicon.defaultGazetteer())
    #expect(l.lookup("بنغازي").first?.english == "Benghazi")
    #expect(l.lookup("وبنغازي").first?.english == "Benghazi")
    #expect(l.lookup("درنة").first?.english == "Derna")
    #expect(l.lookup("Misratah").first?.arabic == "مصراتة")
    #expect(l.lookup("القذافي").first?.english == "Muammar Gaddafi")
    #expect(l.lookup("الليبيين").first.map { ($0.english, $0.viaDemonym) } ?? (nil, false) == ("Libya", true))
    #expect(l.lookup("مصرف").isEmpty)
    #expect(l.lookup("بنغازي الجديدة").isEmpty)
}

@Test func nameListIdsAndErrors() throws {
    let g = try NameList.gazetteer(utf8: Array("Benghazi\n\n  بنغازي  \r\nبنغازي\n".utf8), source: "names.txt")
    #expect(g.entities.count == 4)
    #expect(g.entities.id(2) == "names:2" && g.entities.arabic(2) == "بنغازي" && g.entities.english(2) == nil)
    let s = GazetteerSearcher(gazetteer: g)
    let m = s.find(in: "وبنغازي and Benghazi")
    #expect(m.map { Array(s.candidates(of: $0)) } == [[2, 3], [0]])
    do {
        _ = try NameList.gazetteer(utf8: Array("ok\nbad \u{FF}".utf8) + [0xC3, 0x28, 0x0A], source: "names.txt")
        Issue.record("invalid UTF-8 accepted")
    } catch {
        #expect(error.description.hasPrefix("names.txt:2: invalid UTF-8 at byte"))
    }
}

@Test func compiledLexiconRoundTripAndDamage() throws {
    let dir = try lexiconDirectory(["a.tsv": header + goodRow])
    let g = try Lexicon.load(directory: dir).gazetteer()
    let bytes = CompiledLexicon.serialize(g, dataVersion: "t1", manifest: "m")
    let raw = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 16)
    defer { raw.deallocate() }
    raw.copyBytes(from: bytes)
    let c = try CompiledLexicon.load(UnsafeRawBufferPointer(raw), owner: nil, source: "x.bin")
    #expect(c.dataVersion == "t1" && c.gazetteer.entities.id(0) == "place:x")
    #expect(GazetteerSearcher(gazetteer: c.gazetteer).find(in: "in Bengasi").count == 1)
    // Damaged copies load with an error or search without crashing.
    var rng = Xoshiro(seed: (1, 2, 3, 4))
    for _ in 0..<200 {
        var bad = bytes
        for _ in 0..<3 { bad[Int.random(in: 0..<bad.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng) }
        raw.copyBytes(from: bad)
        if let d = try? CompiledLexicon.load(UnsafeRawBufferPointer(raw), owner: nil, source: "x.bin") {
            _ = GazetteerSearcher(gazetteer: d.gazetteer).find(in: "in Bengasi بنغازي")
        }
    }
}

// MARK: - The searcher (fast path, expansions, fallback) against the reference on normalized text

let pieces: [String] = ["ب", "ن", "غازي", "ال", "ل", "لل", "و", "ف", "مصر", "أ", "إ", "ة", "ه", "ى", "ي", " ", "  ", "-",
                        "\u{064E}", "\u{0651}", "\u{0640}", "\u{200F}", "\u{200B}", "\u{00A0}", "ﻻ", "ﷺ", "ك", "ک",
                        "Ab", "ab", "e", "\u{0301}", "'s", "\u{2019}", ".", "٣", "3"]

@Test func searcherAgreesWithReferenceOnNormalizedText() async {
    let normalizer = SearchFolding.shared
    let gen = Gen.element(of: pieces).map { $0! }
    await propertyCheck(count: 300, input: gen.array(of: 1...3).array(of: 1...5), gen.array(of: 0...14)) { pats, text in
        let patterns = pats.map { $0.joined() }
        let line = text.joined()
        var b = AutomatonBuilder()
        var ids: [Int: Int] = [:]
        var folded: [[UInt32]] = []
        for (k, p) in patterns.enumerated() {
            let f = normalizer.normalize(p).unicodeScalars.map(\.value)
            folded.append(f)
            if let id = b.add(scalars: f) { ids[id] = k }
        }
        let g = Gazetteer(automaton: b.build(), entities: EntityStoreBuilder().build(), patternInfo: [UInt32](repeating: 0, count: ids.count))
        for kind in MatchKind.allCases {
            let options = MatchOptions(kind: kind)
            let s = GazetteerSearcher(gazetteer: g, options: options)
            _ = s.find(in: line)
            // The reference: normalize the line with its offset map, match, map back.
            let n = normalizer.normalizeWithMap(line)
            let ref = ReferenceMatcher(patterns: folded, fold: { _ in .keep }, options: options)
            let want = ref.find(n.text.unicodeScalars.map(\.value))!.map { n.map.originalRange($0.range) }
            let gotRanges = s.mentions.map { $0.start..<$0.end }
            #expect(gotRanges == want, "patterns \(patterns.map(\.debugDescription)) line \(line.debugDescription) \(kind)")
        }
    }
}
