import BitextNormalize
import Testing

@Suite struct BidiReportTests {
    @Test func trojanSourceOverrideAndOpenIsolate() {
        // The "stretched string" arrangement: an override and isolates left open.
        let r = BidiReport("access = \"user\u{202E} \u{2066}// admin\u{2069}\u{2066}\"")
        #expect(r.controls.map(\.control) == [.rlo, .lri, .pdi, .lri])
        #expect(r.controls.map(\.offset) == [14, 16, 25, 26])
        #expect(r.issues.map(\.kind) == [.override, .unclosed, .unclosed])
        #expect(r.issues.map(\.offset) == [14, 14, 26])
        #expect(r.isSuspicious)
    }

    @Test func balancedMarksAreNotSuspicious() {
        let r = BidiReport("\u{2067}ليبيا\u{2069} and \u{200F}x")
        #expect(r.controls.count == 3)
        #expect(r.issues.isEmpty)
        #expect(!r.isSuspicious)
    }

    @Test func unmatchedClosersAreReportedButHarmless() {
        let r = BidiReport("a\u{202C}b\u{2069}")
        #expect(r.issues.map(\.kind) == [.unmatched, .unmatched])
        #expect(!r.isSuspicious)
    }

    @Test func paragraphSeparatorEndsTheScope() {
        let r = BidiReport("\u{202B}a\u{2029}\u{202C}")
        #expect(r.issues.map(\.kind) == [.unclosed, .unmatched])
    }
}
