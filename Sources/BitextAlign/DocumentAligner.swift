// DocumentAligner.swift — sentences and entities of an article pair, end to end.

/// How to find sentences: segment the text, or take each line as one sentence.
public enum SentenceMode: String, Sendable, CaseIterable {
    case auto, lines
}

/// Aligns an English article with its Arabic version: segments both, aligns the sentences,
/// and links the entities that ``EntityLinker`` finds.
///
///     let a = DocumentAligner().align(english: en, arabic: ar)
///     a.sentences          // [SentenceBead(en: [0], ar: [0], score: 0.93), …]
public struct DocumentAligner: Sendable {
    public var sentenceMode: SentenceMode
    public var sentenceAligner = SentenceAligner()
    public var segmenter = SentenceSegmenter()

    public init(sentenceMode: SentenceMode = .auto) {
        self.sentenceMode = sentenceMode
    }

    public func sentences(of text: String) -> [Sentence] {
        switch sentenceMode {
        case .auto:
            return segmenter.sentences(in: text)
        case .lines:
            var out: [Sentence] = []
            var start = 0
            var line = String.UnicodeScalarView()
            var offset = 0
            func flush() {
                var body = line
                if body.last == "\r" { body.removeLast() }
                out.append(Sentence(start: start, end: start + body.count, text: String(body)))
            }
            for u in text.unicodeScalars {
                if u == "\n" {
                    flush()
                    line = String.UnicodeScalarView()
                    start = offset + 1
                } else {
                    line.append(u)
                }
                offset += 1
            }
            if !line.isEmpty { flush() }
            return out
        }
    }

    /// Aligns sentences, then links entities (with `linker`, if given) within the aligned sentences.
    public func align(english: String, arabic: String, linker: inout EntityLinker?) -> DocumentAlignment {
        let en = sentences(of: english)
        let ar = sentences(of: arabic)
        // The Arabic word runs are read, and the English names transliterated, on a second
        // thread meanwhile.
        linker?.beginPreparing(english: en, arabic: ar)
        // Lexicon entities named on both sides anchor the sentences, as numbers do.
        let found = linker?.lexiconMentions(english: en, arabic: ar)
        let anchors = found.map { linker!.sentenceAnchors($0, englishCount: en.count, arabicCount: ar.count) }
        let beads = sentenceAligner.align(en: en.indices.map { SentenceFeatures(text: en[$0].text, anchors: anchors?.en[$0] ?? []) },
                                          ar: ar.indices.map { SentenceFeatures(text: ar[$0].text, anchors: anchors?.ar[$0] ?? []) })
        var entities: [AlignedEntity] = []
        if linker != nil {
            entities = linker!.link(english: english, arabic: arabic, enSentences: en, arSentences: ar, beads: beads,
                                    lexiconMentions: found)
        }
        return DocumentAlignment(englishText: english, arabicText: arabic, enSentences: en, arSentences: ar,
                                 sentences: beads, entities: entities)
    }

    /// Aligns sentences and entities with the default lexicon and name model.
    public func align(english: String, arabic: String) -> DocumentAlignment {
        var linker: EntityLinker? = EntityLinker()
        return align(english: english, arabic: arabic, linker: &linker)
    }
}
