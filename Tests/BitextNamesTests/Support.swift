import BitextNames
import Foundation

/// The test model: built by Scripts/names/build_names_model.py from the hand-written
/// fixture data under Fixtures/data (a few dozen public names), so the core is tested
/// without the embedded model or ICU.
///
///     python3 Scripts/names/build_names_model.py --data Tests/BitextNamesTests/Fixtures/data \
///         --blob Tests/BitextNamesTests/Fixtures/tiny-names.bin --em 4
enum Fixture {
    static let directory: String = {
        let file = #filePath
        return String(file[..<file.lastIndex(of: "/")!]) + "/Fixtures"
    }()

    static let bytes: [UInt8] = {
        guard let d = FileManager.default.contents(atPath: directory + "/tiny-names.bin") else {
            fatalError("missing fixture \(directory)/tiny-names.bin")
        }
        return [UInt8](d)
    }()

    static let model: NameModel = {
        do { return try NameModel(owning: bytes) } catch { fatalError("fixture model: \(error)") }
    }()
}

/// Arabic text in tests is written as it is; invisible characters as \u{…} escapes.
func scalars(_ s: String) -> [UInt32] { s.unicodeScalars.map(\.value) }
