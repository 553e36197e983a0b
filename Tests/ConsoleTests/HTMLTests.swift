import Testing

@testable import Console

/// The page builder escapes every interpolated string, and passes markup through only when it is typed as markup.
@Suite struct HTMLTests {
    @Test func interpolatedTextIsEscapedAndMarkupIsNot() {
        let name = #"<img src=x onerror="alert('x')">&"#
        let cell: HTML = "<td title=\"\(name)\">\(name)</td>"
        #expect(
            cell.markup
                == #"<td title="&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;">&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;</td>"#
        )
        let inner: HTML = "<b>\(name)</b>"
        let outer: HTML = "<p>\(inner)</p>"
        #expect(outer.markup == "<p>" + inner.markup + "</p>", "markup is not escaped twice")
    }

    @Test func formFieldsDecodeRepeatsAndEscapes() {
        let fields = FormFields(encoded: "trigger=created&trigger=approved&body=%7B%22a%22%3A+1%7D&empty=&bad=%zz")
        #expect(fields.all("trigger") == ["created", "approved"])
        #expect(fields.first("body") == #"{"a": 1}"#)
        #expect(fields.first("empty") == "")
        #expect(fields.text("empty") == nil)
        #expect(fields.first("bad") == "%zz")
        #expect(FormFields(encoded: fields.encoded).all("trigger") == ["created", "approved"])
    }
}
