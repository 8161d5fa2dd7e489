// FuzzNormalizeDetect.swift — libFuzzer target for normalization and script detection.
// Built and run by Scripts/fuzz.sh (not part of the package build: libFuzzer supplies main).
//
// For any input bytes: nothing crashes; invalid UTF-8 is rejected exactly when Swift's decoder
// would; normalized output is valid UTF-8, idempotent, with an offset map that covers both
// texts; display output has balanced bidi controls; script runs tile the text.
import BitextCore
import BitextNormalize
import BitextScript

let normalizers: [Normalizer] = [
    Normalizer(profile: .search), Normalizer(profile: .display), Normalizer(profile: .nfc), Normalizer(profile: .nfkc),
    Normalizer(profile: NormalizationProfile(name: "casefold-repair", steps: NormalizationProfile.search.steps.union([.casefold]), bidi: .repair)),
]
let detector = ScriptDetector()

func scalarCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
    UTF8Scalars.count(bytes)
}

/// Balanced bidi controls: nothing left open, nothing closed that was not open.
func balanced(_ bytes: [UInt8]) -> Bool {
    BidiReport(String(decoding: bytes, as: UTF8.self)).issues.allSatisfy { $0.kind == .override }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = UnsafeBufferPointer(start: data, count: size)
    let valid = UTF8Validation.firstError(in: input) == nil
    let oracleValid = Array(String(decoding: input, as: UTF8.self).utf8).elementsEqual(input)
    precondition(valid == oracleValid, "validator disagrees with Swift's decoder")

    // Detection.
    let checked = detector.analyzeChecked(utf8: input)
    precondition((checked != nil) == valid, "checked detection disagrees with validation")
    let a = detector.analyze(utf8: input)
    var next = 0
    for r in a.runs {
        precondition(r.start == next && r.end > r.start, "runs do not tile the text")
        next = r.end
    }
    precondition(next == a.length)

    // Normalization.
    for n in normalizers {
        var out: [UInt8] = []
        do {
            let map = try n.normalize(utf8: input, into: &out, offsets: true)!
            precondition(valid, "invalid input accepted")
            precondition(UTF8Validation.firstError(in: out) == nil, "output is not UTF-8")
            out.withUnsafeBufferPointer { o in
                precondition(map.outputCount == scalarCount(o) && map.inputCount == scalarCount(input), "map does not cover the texts")
            }
            var again: [UInt8] = []
            try out.withUnsafeBufferPointer { try n.normalize(utf8: $0, into: &again) }
            precondition(again == out, "not idempotent: \(n.profile.name)")
            if n.profile.bidi == .repair { precondition(balanced(out), "repair left controls unbalanced") }
            var plain: [UInt8] = []
            try n.normalize(utf8: input, into: &plain)
            precondition(plain == out, "offsets changed the text")
        } catch {
            precondition(!valid, "valid input rejected")
            precondition(out.isEmpty, "output written for invalid input")
        }
    }
    _ = BidiReport(String(decoding: input, as: UTF8.self))
    return 0
}
