// AlignmentHTML.swift — an aligned article pair as one self-contained HTML page.

/// Renders a ``DocumentAlignment`` as one HTML page with no outside resources: English and
/// Arabic side by side (the Arabic right to left), each sentence bead on one row, and every
/// linked entity's mentions highlighted in the same colour on both sides.
///
/// Every sentence is isolated (`unicode-bidi: isolate`), so a bidi control or a run of the other
/// script inside one can never reorder the text around it; text is HTML-escaped, and bidi
/// controls inside it are shown as small visible tags instead of acting on the layout.
public enum AlignmentHTML {
    /// Colours for entities, chosen to stay apart from one another and readable behind text.
    static let palette = [
        "#ffd6a5", "#caffbf", "#9bf6ff", "#bdb2ff", "#ffc6ff", "#fdffb6", "#ffadad", "#a0c4ff",
        "#d0f4de", "#f1c0e8", "#b9fbc0", "#fbf8cc", "#cfbaf0", "#ffcfd2", "#8eecf5", "#e4c1f9",
    ]

    public static func render(_ a: DocumentAlignment, title: String = "bitext align") -> String {
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(title))</title>
            <style>
            body { font-family: "Noto Sans", "DejaVu Sans", sans-serif; margin: 1.5rem; color: #222; }
            h1 { font-size: 1.2rem; }
            table.align { border-collapse: collapse; width: 100%; table-layout: fixed; }
            table.align td { border-top: 1px solid #ddd; padding: .5rem .75rem; vertical-align: top; }
            td.en { direction: ltr; text-align: left; }
            td.ar { direction: rtl; text-align: right; font-family: "Noto Naskh Arabic", "Noto Sans Arabic", "DejaVu Sans", serif; font-size: 1.15em; line-height: 1.7; }
            td.n { width: 4.5rem; color: #888; font-size: .8em; text-align: center; }
            .s { unicode-bidi: isolate; display: block; margin: .15rem 0; }
            .s .i { color: #999; font-size: .75em; margin-inline-end: .4em; }
            mark { border-radius: .25em; padding: 0 .15em; unicode-bidi: isolate; }
            .ctl { font-size: .65em; color: #b00; border: 1px solid #b00; border-radius: .2em; padding: 0 .1em; unicode-bidi: isolate; direction: ltr; }
            tr.gap td.en, tr.gap td.ar { background: #fafafa; }
            table.legend { border-collapse: collapse; margin-top: 1.5rem; }
            table.legend td { padding: .2rem .6rem; border-top: 1px solid #eee; }
            table.legend td.ar { direction: rtl; text-align: right; }
            </style>
            </head>
            <body>
            <h1>\(escape(title))</h1>
            <table class="align">
            <colgroup><col><col class="n-col" style="width:4.5rem"><col></colgroup>

            """
        // Which entity each mention belongs to, per side.
        var enMarks: [Int: [(EntityMention, Int)]] = [:]
        var arMarks: [Int: [(EntityMention, Int)]] = [:]
        for (k, e) in a.entities.enumerated() {
            for m in e.en { enMarks[m.sentence, default: []].append((m, k)) }
            for m in e.ar { arMarks[m.sentence, default: []].append((m, k)) }
        }
        let enScalars = Array(a.englishText.unicodeScalars)
        let arScalars = Array(a.arabicText.unicodeScalars)
        for bead in a.sentences {
            let gap = bead.en.isEmpty || bead.ar.isEmpty
            html += gap ? "<tr class=\"gap\">" : "<tr>"
            html += "<td class=\"en\" lang=\"en\" dir=\"ltr\">"
            for i in bead.en { html += sentenceHTML(i, a.enSentences[i], enScalars, enMarks[i] ?? [], a.entities) }
            html += "</td><td class=\"n\">"
            html += bead.en.isEmpty || bead.ar.isEmpty ? "—" : String(Int((bead.score * 100).rounded())) + "%"
            html += "</td><td class=\"ar\" lang=\"ar\" dir=\"rtl\">"
            for j in bead.ar { html += sentenceHTML(j, a.arSentences[j], arScalars, arMarks[j] ?? [], a.entities) }
            html += "</td></tr>\n"
        }
        html += "</table>\n"
        if !a.entities.isEmpty {
            html += "<table class=\"legend\"><tr><th>entity</th><th>type</th><th>English</th><th>Arabic</th><th>mentions</th></tr>\n"
            for (k, e) in a.entities.enumerated() {
                let color = palette[k % palette.count]
                html += "<tr><td><mark style=\"background:\(color)\">\(escape(e.entity ?? "by spelling"))</mark></td>"
                html += "<td>\(escape(e.type))</td><td lang=\"en\">\(escape(e.canonicalEnglish))</td>"
                html += "<td class=\"ar\" lang=\"ar\" dir=\"rtl\">\(escape(e.canonicalArabic))</td>"
                html += "<td>\(e.en.count) ↔ \(e.ar.count)</td></tr>\n"
            }
            html += "</table>\n"
        }
        html += "</body>\n</html>\n"
        return html
    }

    static func sentenceHTML(_ index: Int, _ s: Sentence, _ scalars: [Unicode.Scalar], _ marks: [(EntityMention, Int)], _ entities: [AlignedEntity]) -> String {
        var out = "<span class=\"s\"><span class=\"i\">\(index + 1)</span>"
        var pos = s.start
        for (m, k) in marks.sorted(by: { $0.0.start < $1.0.start }) where m.start >= pos && m.end <= s.end {
            out += escapeScalars(scalars[pos..<m.start])
            let e = entities[k]
            let tip = "\(e.canonicalEnglish) · \(e.canonicalArabic)" + (e.entity.map { " · \($0)" } ?? "")
            out += "<mark style=\"background:\(palette[k % palette.count])\" title=\"\(escape(tip))\">"
            out += escapeScalars(scalars[m.start..<m.end]) + "</mark>"
            pos = m.end
        }
        out += escapeScalars(scalars[pos..<s.end]) + "</span>"
        return out
    }

    /// HTML-escapes text; bidi controls and other invisible format characters become visible tags.
    static func escapeScalars(_ s: ArraySlice<Unicode.Scalar>) -> String {
        var out = ""
        for u in s {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\u{061C}", "\u{200E}", "\u{200F}", "\u{202A}"..."\u{202E}", "\u{2066}"..."\u{2069}":
                out += "<span class=\"ctl\">U+\(String(u.value, radix: 16, uppercase: true))</span>"
            default:
                out.unicodeScalars.append(u)
            }
        }
        return out
    }

    static func escape(_ s: String) -> String { escapeScalars(ArraySlice(s.unicodeScalars)) }
}
