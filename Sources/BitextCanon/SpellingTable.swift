// SpellingTable.swift — how often each spelling of each name was seen.

/// Counts of the spellings seen, per lexicon entity (or none, for names in no lexicon).
/// Memory grows with the number of distinct spellings, not with the corpus.
public struct SpellingTable: Sendable {
    /// A spelling as written: two spellings that differ only in the order of their marks
    /// (shadda then damma, or damma then shadda) are two keys, though Swift's `String`
    /// calls them equal — otherwise which of them a report shows would depend on which
    /// worker met it first.
    public struct Key: Hashable, Sendable {
        /// The gazetteer entity, or -1 for a name in no lexicon.
        public var entity: Int32
        public var text: String
        public var isArabic: Bool

        public init(entity: Int32, text: String, isArabic: Bool) {
            self.entity = entity
            self.text = text
            self.isArabic = isArabic
        }

        public static func == (a: Key, b: Key) -> Bool {
            a.entity == b.entity && a.isArabic == b.isArabic && a.text.utf8.elementsEqual(b.text.utf8)
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(entity)
            hasher.combine(isArabic)
            var t = text
            t.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        }

        /// Orders spellings: by `String`'s order, then byte by byte (for spellings it calls equal).
        public static func textOrder(_ a: String, _ b: String) -> Bool {
            if a < b { return true }
            if b < a { return false }
            return a.utf8.lexicographicallyPrecedes(b.utf8)
        }
    }

    public private(set) var counts: [Key: Int] = [:]
    /// Names seen somewhere other than as a capitalized word starting a sentence.
    public private(set) var seenInside: Set<String> = []

    public init() {}

    public mutating func add(_ m: CanonMention) {
        counts[Key(entity: Int32(m.entity ?? -1), text: m.text, isArabic: m.isArabic), default: 0] += 1
        if m.entity == nil && !m.sentenceInitialWord { seenInside.insert(m.text) }
    }

    public mutating func merge(_ other: SpellingTable) {
        for (k, v) in other.counts { counts[k, default: 0] += v }
        seenInside.formUnion(other.seenInside)
    }

    /// A name in no lexicon that only ever started sentences ("Officials", "Envoys").
    public func onlySentenceInitial(_ k: Key) -> Bool {
        k.entity < 0 && !k.isArabic && !seenInside.contains(k.text)
    }
}
