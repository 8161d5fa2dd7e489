// DocumentAlignment.swift — what `bitext align` finds in an article pair.

/// One mention of an entity in a document: scalar offsets into the document as read.
public struct EntityMention: Equatable, Sendable {
    public var start: Int
    public var end: Int
    public var text: String
    /// Index of the sentence the mention is in.
    public var sentence: Int

    public init(start: Int, end: Int, text: String, sentence: Int) {
        self.start = start
        self.end = end
        self.text = text
        self.sentence = sentence
    }
}

/// An entity mentioned in both articles, with every mention on each side.
public struct AlignedEntity: Equatable, Sendable {
    /// The lexicon id, or nil for a name linked by its spelling alone.
    public var entity: String?
    /// `person`, `place`, `org` or `other`.
    public var type: String
    /// Confidence of the link in [0, 1].
    public var score: Double
    /// How the entity is usually written in each language.
    public var canonicalEnglish: String
    public var canonicalArabic: String
    public var en: [EntityMention]
    public var ar: [EntityMention]

    public init(entity: String?, type: String, score: Double, canonicalEnglish: String, canonicalArabic: String,
                en: [EntityMention], ar: [EntityMention]) {
        self.entity = entity
        self.type = type
        self.score = score
        self.canonicalEnglish = canonicalEnglish
        self.canonicalArabic = canonicalArabic
        self.en = en
        self.ar = ar
    }
}

/// An article pair aligned: sentences on both sides, the sentence beads, the linked entities.
public struct DocumentAlignment: Sendable {
    public var englishText: String
    public var arabicText: String
    public var enSentences: [Sentence]
    public var arSentences: [Sentence]
    public var sentences: [SentenceBead]
    public var entities: [AlignedEntity]

    public init(englishText: String, arabicText: String, enSentences: [Sentence], arSentences: [Sentence],
                sentences: [SentenceBead], entities: [AlignedEntity]) {
        self.englishText = englishText
        self.arabicText = arabicText
        self.enSentences = enSentences
        self.arSentences = arSentences
        self.sentences = sentences
        self.entities = entities
    }
}
