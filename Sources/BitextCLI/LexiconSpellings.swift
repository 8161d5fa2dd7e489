// LexiconSpellings.swift — the gazetteer as the known spellings `translit` consults first.
import BitextKit

/// Known spellings from the lexicons: when a name is, in full, the canonical spelling of a
/// known place, person or organization in its script, the canonical spelling in the other
/// script comes first (بنغازي → Benghazi, Misrata → مصراتة). A surname alone, a demonym or
/// a spelling variant is left to the name model: the lexicon's variant lists are not paired
/// word for word across scripts. One per thread (the lookup keeps scratch state).
final class LexiconSpellings: KnownNameSpellings, @unchecked Sendable {
    let lookup: GazetteerLookup
    let normalizer: Normalizer

    init(gazetteer: Gazetteer, normalizer: Normalizer) {
        lookup = GazetteerLookup(gazetteer: gazetteer)
        self.normalizer = normalizer
    }

    func key(_ s: String) -> String { normalizer.normalize(s).lowercased() }

    func latinSpellings(ofArabic name: String) -> [String] {
        // Most names are in no lexicon: the key is made only for those that are.
        let entries = lookup.lookup(name)
        if entries.isEmpty { return [] }
        let k = key(name)
        var out: [String] = []
        for e in entries where !e.viaDemonym {
            if let ar = e.arabic, let en = e.english, key(ar) == k, !out.contains(en) { out.append(en) }
        }
        return out
    }

    func arabicSpellings(ofLatin name: String) -> [String] {
        let entries = lookup.lookup(name)
        if entries.isEmpty { return [] }
        let k = key(name)
        var out: [String] = []
        for e in entries where !e.viaDemonym {
            if let en = e.english, let ar = e.arabic, key(en) == k, !out.contains(ar) { out.append(ar) }
        }
        return out
    }
}
