// BidiReport.swift — lists bidi controls and flags the patterns Trojan Source attacks use.
import BitextCore

/// The bidi controls in a text and what is wrong with their arrangement.
///
///     let r = BidiReport("x = \u{202E}txet\u{2066}")
///     r.controls.map(\.control)    // [.rlo, .lri]
///     r.issues.map(\.kind)         // [.override, .unclosed, .unclosed]
///
/// Paragraphs end at the end of the text and at paragraph separators (Bidi_Class B).
public struct BidiReport: Equatable, Sendable {
    public struct Control: Equatable, Sendable {
        /// Scalar offset.
        public var offset: Int
        public var control: BidiControl
    }

    public struct Issue: Equatable, Sendable, CustomStringConvertible {
        public enum Kind: String, Sendable {
            /// An override (LRO, RLO): shows characters in an order other than their logical one.
            case override
            /// An embedding, override or isolate still open where its paragraph ends: it
            /// reorders everything after it up to there.
            case unclosed
            /// A PDF or PDI with nothing to close.
            case unmatched
        }

        public var kind: Kind
        /// Scalar offset of the control concerned.
        public var offset: Int
        public var control: BidiControl

        public var description: String { "\(kind.rawValue) \(control) at \(offset)" }
    }

    public private(set) var controls: [Control] = []
    public private(set) var issues: [Issue] = []

    /// True when the text holds an override or leaves a control open — the arrangements
    /// that make text display in an order other than the one it is read in.
    public var isSuspicious: Bool { issues.contains { $0.kind != .unmatched } }

    public init(_ text: String) {
        var stack: [Control] = []
        var offset = 0
        for s in text.unicodeScalars {
            defer { offset += 1 }
            if let c = BidiControl(scalar: s.value) {
                let item = Control(offset: offset, control: c)
                controls.append(item)
                if c.isOverride { issues.append(Issue(kind: .override, offset: offset, control: c)) }
                if c.opensEmbedding || c.opensIsolate {
                    stack.append(item)
                } else if c == .pdf {
                    if let top = stack.last, top.control.opensEmbedding {
                        stack.removeLast()
                    } else {
                        issues.append(Issue(kind: .unmatched, offset: offset, control: c))
                    }
                } else if c == .pdi {
                    if let i = stack.lastIndex(where: { $0.control.opensIsolate }) {
                        stack.removeSubrange(i...)
                    } else {
                        issues.append(Issue(kind: .unmatched, offset: offset, control: c))
                    }
                }
            } else if UnicodeTables.properties(of: s.value).bidiClass == .paragraphSeparator {
                close(&stack)
            }
        }
        close(&stack)
    }

    private mutating func close(_ stack: inout [Control]) {
        for open in stack { issues.append(Issue(kind: .unclosed, offset: open.offset, control: open.control)) }
        stack.removeAll()
    }
}
