// EmbeddedNames.swift — the name model compiled into the binary.
import BitextData
import BitextNames

extension NameModel {
    /// The name model embedded in bitext (`Lexicons/compiled/names.bin`, built from the
    /// training data by `Scripts/names/build_names_model.py`); nil only if the binary was
    /// built without it.
    ///
    ///     let model = NameModel.embedded!
    ///     model.regions.count   // 26: "world" and 25 countries
    public static let embedded: NameModel? = {
        guard let blob = EmbeddedData.blob(named: "names") else { return nil }
        return try? NameModel(bytes: blob)
    }()
}
