import BitextNames
import Testing

@Suite struct LatinFoldingTests {
    static let identities: [(String, String)] = [
        ("Abd al-Raḥmān", "abd al rahman"),
        ("Mu'ammar", "muammar"),
        ("Mu\u{2019}ammar", "muammar"),
        ("ʿAbd  ʾAllah", "abd allah"),
        ("Farès  Belhassen", "fares belhassen"),
        ("AL-QADHAFI", "al qadhafi"),
        ("Şemsettin Küzeci", "semsettin kuzeci"),
        ("  Hafez_al\u{2013}Assad ", "hafez al assad"),
        ("e\u{0301}cole", "ecole"),
        ("Straße", "strasse"),
        ("", ""),
    ]

    @Test(arguments: identities)
    func identity(_ input: String, _ expected: String) {
        #expect(LatinFolding.identity(input) == expected)
    }

    @Test func identityIsIdempotent() {
        for (input, _) in Self.identities {
            let once = LatinFolding.identity(input)
            #expect(LatinFolding.identity(once) == once)
        }
    }
}
