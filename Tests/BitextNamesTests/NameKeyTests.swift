import BitextNames
import Testing

@Suite struct NameKeyTests {
    /// Spellings of one name in both scripts share the key.
    static let sameKey: [[String]] = [
        ["معمر القذافي", "Muammar al-Qaddafi", "Moammar Gadhafi", "Muammar QADHAFI", "Mouammar Kadhafi"],
        ["عبد العزيز بوتفليقه", "Abdelaziz Bouteflika", "Abd al-Aziz Bouteflika"],
        ["خليفه حفتر", "Khalifa Haftar", "Khalifa Hafter"],
        ["محمد بن سلمان", "Mohammed bin Salman", "Muhammad ibn Salman"],
    ]

    @Test(arguments: sameKey)
    func spellingsShareTheKey(_ spellings: [String]) {
        let keys = Set(spellings.map(NameKey.key))
        #expect(keys.count == 1, "\(spellings) → \(keys)")
    }

    @Test func wordOrderDoesNotMatter() {
        #expect(NameKey.key("QADHAFI Muammar") == NameKey.key("Muammar QADHAFI"))
    }

    @Test func differentNamesDiffer() {
        #expect(NameKey.key("Hafez") != NameKey.key("Haftar"))
        #expect(NameKey.key("Abdullah") != NameKey.key("Abdul Rahman"))
        #expect(NameKey.key("") == "")
    }
}
