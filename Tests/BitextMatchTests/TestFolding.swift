// TestFolding.swift — a folding for tests without ICU.
import BitextMatch

/// A small stand-in for the `search` normalization, for tests without ICU.
struct TestFolding: ScalarFolding {
    func fold(_ c: UInt32) -> ScalarFold {
        switch c {
        case 0x064E, 0x0650, 0x0640: .deleteAttached  // fatha, kasra, tatweel
        case 0x200F, 0x200B: .deleteStandalone  // RLM, ZWSP
        case 0x0623, 0x0625: .replace(0x0627)  // أ إ → ا
        case 0x0629: .replace(0x0647)  // ة → ه
        case 0x00A0: .replace(0x20)  // NBSP → space
        case 0xFEFB: .expand([0x0644, 0x0627])  // ﻻ → لا
        case 0x0301: .complex  // combining acute
        default: .keep
        }
    }
}
