@testable import BitextAlign
import BitextNames
import Testing

@Suite struct EntityLinkerTests {
    static let english = """
        Gen. Khalifa Haftar met the envoy Hanna Tetteh in Benghazi on Monday. \
        Prime Minister Abdul Hamid Dbeibah said in Tripoli that the Scherzer report was late. \
        Officials from Misrata and Zawiya joined the talks at the Vanderbilt Medical Center.
        """
    static let arabic = """
        التقى المشير خليفة حفتر المبعوثة هانا تيتيه في بنغازي يوم الاثنين. \
        وقال رئيس الوزراء عبد الحميد الدبيبة في طرابلس إن تقرير شيرزر تأخر. \
        وانضم مسؤولون من مصراتة والزاوية إلى المحادثات في مركز فاندربيلت الطبي.
        """
    static let otherEnglish = "The U.N. envoy Hanna Tetteh flew from Tunis to Sirte, where Mohammed al-Mnifi waited."
    static let otherArabic = "سافرت المبعوثة الأممية هانا تيتيه من تونس إلى سرت حيث كان محمد المنفي في انتظارها."

    /// Blocking by interned word keys (``ArabicRuns/mayMatch(_:_:_:)``) decides as the
    /// string keys of the run and of its words do, for every English name and every run.
    @Test func runBlockingAgreesWithTheRunsKeys() throws {
        let linker = EntityLinker()
        var matcher = try #require(linker.matcher)
        let sentences = SentenceSegmenter().sentences(in: Self.arabic)
        var memo = ArabicRuns.Memo()
        // The keys as the linker takes them (from the folded form); checked below against
        // the light preparation of each run and word.
        let runs = ArabicRuns(sentences: sentences, maxWords: 4, normalizer: linker.normalizer, memo: &memo) { text, folded in
            EntityLinker.lightKeys(text, folded, &matcher)
        }
        let names = ["Khalifa Haftar", "Haftar", "Hanna Tetteh", "Abdul Hamid Dbeibah", "Tripoli", "Scherzer",
                     "Misrata", "Vanderbilt", "Zawiya", "Monday"]
        var checked = 0, passed = 0
        for name in names {
            let e = matcher.prepare(name)
            let ids = runs.ids(of: e.keys)
            for j in runs.runs.indices {
                var copy = runs
                for i in runs.runs[j].indices {
                    let ar = copy.name(j, i)
                    guard let decision = runs.mayMatch(ids, j, i) else { continue }
                    // The string test: the run shares a key, and a run of several words has at
                    // most one word (of those with keys) sharing none.
                    let runKeys = Set(matcher.prepare(ar, light: true).keys)
                    var expected = !runKeys.isDisjoint(with: e.keys)
                    if expected && ar.contains(" ") {
                        let misses = ar.split(separator: " ").filter { w in
                            let k = matcher.prepare(String(w), light: true).keys
                            return !k.isEmpty && Set(k).isDisjoint(with: e.keys)
                        }.count
                        expected = misses <= 1
                    }
                    #expect(decision == expected, "\(name) ↔ \(ar)")
                    checked += 1
                    if decision { passed += 1 }
                }
            }
        }
        // Most pairs are ruled out, some are not: the test saw both outcomes.
        #expect(checked > 1000)
        #expect(passed > 10 && passed < checked / 4)
    }

    /// The runs of a text read with a memo that knows its words already (from another text
    /// and from itself) are the runs read afresh: the same words, forms, keys and edges.
    @Test func runsReadWithAKnowingMemoAreTheRunsReadAfresh() throws {
        let linker = EntityLinker()
        var matcher = try #require(linker.matcher)
        let sentences = SentenceSegmenter().sentences(in: Self.arabic)
        func read(_ memo: inout ArabicRuns.Memo) -> ArabicRuns {
            ArabicRuns(sentences: sentences, maxWords: 4, normalizer: linker.normalizer, memo: &memo) { text, folded in
                EntityLinker.lightKeys(text, folded, &matcher)
            }
        }
        var fresh = ArabicRuns.Memo()
        var fromFresh = read(&fresh)
        var knowing = ArabicRuns.Memo()
        _ = ArabicRuns(sentences: SentenceSegmenter().sentences(in: Self.otherArabic), maxWords: 4,
                       normalizer: linker.normalizer, memo: &knowing) { _, folded in NameMatcher.lightArabicKeys(folded: folded) }
        _ = read(&knowing)
        let wordsKnown = knowing.words.count
        var fromKnowing = read(&knowing)
        #expect(knowing.words.count == wordsKnown)  // nothing new the second time
        #expect(fromKnowing.runs.map { $0.count } == fromFresh.runs.map { $0.count })
        let nameKeys = ["Khalifa Haftar", "Hanna Tetteh", "Abdul Hamid Dbeibah", "Misrata", "Sirte"].map { matcher.prepare($0).keys }
        for j in fromFresh.runs.indices {
            #expect(fromFresh.words[j].map(\.text) == fromKnowing.words[j].map(\.text))
            for i in fromFresh.runs[j].indices {
                #expect(fromFresh.folded(j, i) == fromKnowing.folded(j, i))
                #expect(fromFresh.name(j, i) == fromKnowing.name(j, i))
                #expect(fromFresh.edgesRuleOutName(j, i) == fromKnowing.edgesRuleOutName(j, i))
                for keys in nameKeys {
                    #expect(fromFresh.mayMatch(fromFresh.ids(of: keys), j, i) == fromKnowing.mayMatch(fromKnowing.ids(of: keys), j, i))
                }
            }
        }
    }

    /// ``ArabicRuns/mayStart(_:_:with:)`` is the rule on the run's folded text: its first
    /// letter, or the one after the article ال when more than one letter follows it.
    @Test func aRunStartsWithItsFirstSound() throws {
        let linker = EntityLinker()
        let text = "قال الرئيس لبنان والقاهرة ال بيروت الف سنة في السودان والله اعلم"
        var memo = ArabicRuns.Memo()
        var runs = ArabicRuns(sentences: SentenceSegmenter().sentences(in: text), maxWords: 3,
                              normalizer: linker.normalizer, memo: &memo) { _, folded in NameMatcher.lightArabicKeys(folded: folded) }
        var seen = Set<Bool>()
        for letters in [EntityLinker.firstSounds(of: "Sudan"), EntityLinker.firstSounds(of: "Alf"),
                        EntityLinker.firstSounds(of: "Lebanon"), EntityLinker.firstSounds(of: "Beirut")] {
            let letters = try #require(letters)
            for j in runs.runs.indices {
                for i in runs.runs[j].indices {
                    var a = Array(runs.folded(j, i).unicodeScalars)
                    if a.count > 3 && a[0] == "\u{0627}" && a[1] == "\u{0644}" { a.removeFirst(2) }
                    let expected = a.first.map { letters.contains($0) } ?? false
                    #expect(runs.mayStart(j, i, with: letters) == expected, "\(runs.folded(j, i))")
                    seen.insert(expected)
                }
            }
        }
        #expect(seen == [true, false])
        #expect(EntityLinker.firstSounds(of: "123") == nil)
    }

    /// A linker keeps what it prepared from one document to the next; the entities it links
    /// do not depend on what it aligned before.
    @Test func aReusedLinkerLinksAsAFreshOne() {
        let aligner = DocumentAligner()
        var fresh: EntityLinker? = EntityLinker()
        let expected = aligner.align(english: Self.english, arabic: Self.arabic, linker: &fresh).entities
        var reused: EntityLinker? = EntityLinker()
        _ = aligner.align(english: Self.otherEnglish, arabic: Self.otherArabic, linker: &reused)
        let again = aligner.align(english: Self.english, arabic: Self.arabic, linker: &reused).entities
        let twice = aligner.align(english: Self.english, arabic: Self.arabic, linker: &reused).entities
        #expect(again == expected)
        #expect(twice == expected)
        // The pair links its people, places and the foreign name.
        let english = Set(expected.flatMap { $0.en.map(\.text) })
        for name in ["Khalifa Haftar", "Hanna Tetteh", "Benghazi", "Tripoli", "Misrata"] {
            #expect(english.contains(name), "\(name) in \(english.sorted())")
        }
    }

    /// Names prepared on two threads (a second matcher) link exactly as on one, for a fresh
    /// linker and for one that has aligned another pair.
    @Test func preparingOnTwoThreadsLinksAsOnOne() {
        let aligner = DocumentAligner()
        let english = Self.english + " " + Self.otherEnglish
        let arabic = Self.arabic + " " + Self.otherArabic
        var one: EntityLinker? = EntityLinker()
        one!.preparationThreads = 1
        var two: EntityLinker? = EntityLinker()
        two!.preparationThreads = 2
        for (en, ar) in [(english, arabic), (Self.otherEnglish, Self.otherArabic), (Self.english, Self.arabic)] {
            let a = aligner.align(english: en, arabic: ar, linker: &one)
            let b = aligner.align(english: en, arabic: ar, linker: &two)
            #expect(a.entities == b.entities)
            #expect(a.sentences == b.sentences)
            #expect(!b.entities.isEmpty)
        }
        // The second thread did prepare names; with one thread there is no second matcher.
        #expect(two!.helper != nil)
        #expect(one!.helper == nil)
        // Each early preparation was finished by the linking that followed it.
        #expect(two!.early == nil)
    }

    /// English names prepared early for other sentences than those linked are set aside
    /// (finished, their preparations kept): the linking is the one a fresh linker makes.
    @Test func anEarlyPreparationForOtherSentencesIsSetAside() {
        let aligner = DocumentAligner()
        var fresh: EntityLinker? = EntityLinker()
        fresh!.preparationThreads = 1
        let expected = aligner.align(english: Self.english, arabic: Self.arabic, linker: &fresh)
        var linker = EntityLinker()
        linker.preparationThreads = 2
        let en = aligner.sentences(of: Self.english)
        let ar = aligner.sentences(of: Self.arabic)
        linker.beginPreparing(english: aligner.sentences(of: Self.otherEnglish))
        #expect(linker.early != nil)
        #expect(linker.helper == nil)  // lent to the early preparation
        let entities = linker.link(english: Self.english, arabic: Self.arabic, enSentences: en, arSentences: ar,
                                   beads: expected.sentences)
        #expect(entities == expected.entities)
        #expect(linker.early == nil)
        #expect(linker.helper != nil)
        // Twice in a row: the first is finished before the second starts.
        linker.beginPreparing(english: aligner.sentences(of: Self.otherEnglish))
        linker.beginPreparing(english: en)
        #expect(linker.link(english: Self.english, arabic: Self.arabic, enSentences: en, arSentences: ar,
                            beads: expected.sentences) == expected.entities)
        #expect(linker.early == nil)
        // Arabic runs read early for other sentences, with the English names of these or of
        // others: set aside, and the word-form memo they were read with is given back.
        let otherAr = aligner.sentences(of: Self.otherArabic)
        for english in [en, aligner.sentences(of: Self.otherEnglish)] {
            linker.beginPreparing(english: english, arabic: otherAr)
            #expect(linker.prepared.runs.count == 0)  // lent to the early preparation
            #expect(linker.link(english: Self.english, arabic: Self.arabic, enSentences: en, arSentences: ar,
                                beads: expected.sentences) == expected.entities)
            #expect(linker.early == nil)
            #expect(linker.prepared.runs.count > 0)
        }
        // And read for these sentences: the runs the linking reads itself.
        linker.beginPreparing(english: en, arabic: ar)
        #expect(linker.link(english: Self.english, arabic: Self.arabic, enSentences: en, arSentences: ar,
                            beads: expected.sentences) == expected.entities)
        #expect(linker.early == nil)
        // Begun and begun again before any linking.
        linker.beginPreparing(english: en, arabic: otherAr)
        linker.beginPreparing(english: en, arabic: ar)
        #expect(linker.link(english: Self.english, arabic: Self.arabic, enSentences: en, arSentences: ar,
                            beads: expected.sentences) == expected.entities)
        #expect(linker.prepared.runs.count > 0)
    }

    /// A batch of pairs on two threads, in windows of two: each pair is delivered once, in
    /// order, as aligning it alone gives it; a pair that cannot be read is delivered as its
    /// error and the rest go on.
    @Test func aBatchAlignsEachPairAsAlone() {
        let aligner = DocumentAligner()
        let pairs = [(Self.english, Self.arabic), (Self.otherEnglish, Self.otherArabic), ("", ""),
                     (Self.english + " " + Self.otherEnglish, Self.arabic + " " + Self.otherArabic),
                     (Self.otherEnglish, Self.otherArabic)]
        struct Unreadable: Error {}
        let failing = 2
        var delivered: [Int] = []
        aligner.alignPairs(count: pairs.count, jobs: 2, window: 2, load: { i in
            if i == failing { throw Unreadable() }
            return pairs[i]
        }) { i, result in
            delivered.append(i)
            switch result {
            case .success(let a):
                let alone = aligner.align(english: pairs[i].0, arabic: pairs[i].1)
                #expect(i != failing)
                #expect(a.entities == alone.entities, "pair \(i)")
                #expect(a.sentences == alone.sentences, "pair \(i)")
                #expect(!a.entities.isEmpty)
            case .failure(let e):
                #expect(i == failing)
                #expect(e is Unreadable)
            }
        }
        #expect(delivered == Array(pairs.indices))
    }

    /// A run of Arabic words that begins or ends with a preposition, a relative pronoun or
    /// the like is no name: a capitalized word starting an English sentence does not link to
    /// حتى or التي, and a name's mention does not take the preposition before it or the
    /// relative pronoun after it.
    @Test func functionWordsAreNoPartOfNames() {
        let english = """
            Even the coach was surprised. Tables were set outside the stadium. \
            The winger Leroy Sane scored twice, and the club thanked Cornell University.
            """
        let arabic = """
            حتى المدرب فوجئ. ونصبت طاولات خارج الملعب التي امتلأت. \
            وسجل الجناح هدفين من ليروي ساني، وشكر النادي جامعة كورنيل التي دعمته.
            """
        var linker: EntityLinker? = EntityLinker()
        let entities = DocumentAligner().align(english: english, arabic: arabic, linker: &linker).entities
        let arabicMentions = Set(entities.flatMap { $0.ar.map(\.text) })
        let englishMentions = Set(entities.flatMap { $0.en.map(\.text) })
        #expect(!englishMentions.contains("Even") && !englishMentions.contains("Tables"), "\(englishMentions.sorted())")
        for word in ["حتى", "التي", "من"] {
            #expect(!arabicMentions.contains { $0.split(separator: " ").contains(Substring(word)) }, "\(arabicMentions.sorted())")
        }
        #expect(arabicMentions.contains("ليروي ساني"), "\(arabicMentions.sorted())")
        #expect(arabicMentions.contains("كورنيل"), "\(arabicMentions.sorted())")
        // The table knows the words folded, as the runs compare them.
        #expect(ArabicRuns.functionWords.contains("الي") && !ArabicRuns.functionWords.contains("علي"))
    }

    /// A word capitalized only because it starts a sentence is no name when the article also
    /// writes it in lower case (Plasma … the plasma); a name that starts a sentence and is
    /// never written in lower case (Tetteh) is still linked.
    @Test func sentenceStartsTheArticleWritesInLowerCaseAreNoNames() {
        let english = """
            Plasma from recovered patients was collected in Misrata. Doctors said the plasma \
            helped. Tetteh praised the doctors.
            """
        let arabic = "جمعت البلازما من المرضى المتعافين في مصراتة. وقال الأطباء إن البلازما ساعدت. وأشادت تيتيه بالأطباء."
        var linker: EntityLinker? = EntityLinker()
        let entities = DocumentAligner().align(english: english, arabic: arabic, linker: &linker).entities
        let englishMentions = Set(entities.flatMap { $0.en.map(\.text) })
        #expect(!englishMentions.contains("Plasma"), "\(englishMentions.sorted())")
        #expect(englishMentions.contains("Tetteh") && englishMentions.contains("Misrata"), "\(englishMentions.sorted())")
    }

    /// The runs ruled out as names: those beginning with a title or a function word, or
    /// ending with a function word; not the name after the title, nor a name that is also a
    /// word of the lists once folded (علي, Ali, is على folded; امين Amin is a title too).
    @Test func runsRuledOutByTheirEdges() throws {
        let linker = EntityLinker()
        var matcher = try #require(linker.matcher)
        let text = "وقال اللواء أحمد المسماري إن علي امين وصل من بنغازي التي غادرها."
        let sentences = SentenceSegmenter().sentences(in: text)
        var memo = ArabicRuns.Memo()
        var runs = ArabicRuns(sentences: sentences, maxWords: 3, normalizer: linker.normalizer, memo: &memo) { text, _ in
            matcher.prepare(text, light: true).keys
        }
        var ruledOut = Set<String>(), kept = Set<String>()
        for i in runs.runs[0].indices {
            let name = runs.name(0, i)
            if runs.edgesRuleOutName(0, i) { ruledOut.insert(name) } else { kept.insert(name) }
        }
        for name in ["اللواء أحمد", "اللواء أحمد المسماري", "لواء أحمد", "من بنغازي", "بنغازي التي", "وقال اللواء", "قال"] {
            #expect(ruledOut.contains(name), "\(name): kept \(kept.sorted())")
        }
        for name in ["أحمد المسماري", "المسماري", "علي امين", "امين", "علي", "بنغازي"] {
            #expect(kept.contains(name), "\(name): ruled out \(ruledOut.sorted())")
        }
    }

    /// A name no lexicon knows is typed from its words, or from a place preposition before it.
    @Test(arguments: [
        ("Ras Lanuf", false, "place"), ("Wadi Kaam", false, "place"), ("Kufra Airport", false, "place"),
        ("Abu Grein", true, "place"), ("Abu Grein", false, "person"), ("Khalifa Haftar", false, "person"),
        ("Vanderbilt Medical Center", false, "org"), ("Washington Examiner", false, "org"),
        ("Presidential Council", false, "org"), ("Ras", false, "other"), ("Tetteh", true, "other"),
        ("Times", false, "org"),
    ])
    func namesNoLexiconKnowsAreTypedFromTheirWords(_ name: String, _ locative: Bool, _ type: String) {
        #expect(EntityLinker.guessType(name, locative: locative) == type)
    }

    /// Only a place preposition right before a mention counts, and not before a possessive.
    @Test func placePrepositions() {
        let text = "Forces withdrew to positions near Abu Grein, near Haftar's camp."
        let scalars = Array(text.unicodeScalars)
        func found(_ s: String) -> EntityLinker.Found {
            let needle = Array(s.unicodeScalars)
            let start = (0...(scalars.count - needle.count)).first { Array(scalars[$0..<($0 + needle.count)]) == needle }!
            return EntityLinker.Found(start: start, end: start + s.unicodeScalars.count, text: s, sentence: 0,
                                      entities: [], demonym: false, name: s)
        }
        #expect(EntityLinker.followsLocative(found("Abu Grein"), scalars))
        #expect(!EntityLinker.followsLocative(found("positions"), scalars))
        #expect(!EntityLinker.followsLocative(found("Haftar's"), scalars))
    }
}
