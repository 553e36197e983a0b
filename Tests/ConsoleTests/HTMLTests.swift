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

    @Test func escapingKeepsOtherCharactersWhole() {
        #expect(HTML.escape("plain-name_01") == "plain-name_01")
        #expect(HTML.escape("Zoë <résumé> & \"日本\" 🚀'") == "Zoë &lt;résumé&gt; &amp; &quot;日本&quot; 🚀&#39;")
        #expect(HTML.escape("") == "")
    }

    @Test func percentEncodingKeepsOnlyTheUnreservedCharacters() {
        #expect(FormFields.encode("hook-01_a.b~c") == "hook-01_a.b~c")
        #expect(FormFields.encode("a b&c=d/e?f#g+h%") == "a%20b%26c%3Dd%2Fe%3Ff%23g%2Bh%25")
        #expect(FormFields.encode("<script>") == "%3Cscript%3E")
        #expect(FormFields.encode("Zoë 🚀") == "Zo%C3%AB%20%F0%9F%9A%80")
        for text in ["a b&c=d", "Zoë 🚀", "<x y=\"1\">", "%zz+"] {
            #expect(FormFields.decode(Substring(FormFields.encode(text))) == text, "round trip of \(text)")
        }
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
