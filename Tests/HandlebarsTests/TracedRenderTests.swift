import Handlebars
import JSON
import Testing

@Suite("Tracing output bytes back to the template")
struct TracedRenderTests {
    /// The position of the first `needle` in the output, traced back.
    private func trace(
        _ source: String, _ context: JSONValue, _ needle: String, escape: EscapeMode = .json
    ) throws
        -> SourcePosition?
    {
        let traced = try Template(source, escape: escape).renderTraced(context)
        let output = String(decoding: traced.bytes, as: UTF8.self)
        let range = try #require(output.firstRange(of: needle), "\(needle) not in \(output)")
        return traced.position(ofByte: output.utf8.distance(from: output.startIndex, to: range.lowerBound))
    }

    @Test func bytesMatchAPlainRender() throws {
        let template = try Template("{\"a\": [{{#each xs}}{{this}}{{#unless @last}},{{/unless}}{{/each}}]}")
        let context: JSONValue = ["xs": [1, 2, 3]]
        #expect(try template.renderTraced(context).bytes == template.render(context))
    }

    @Test func staticTextMapsToItsExactCharacter() throws {
        let source = "{\n  \"items\": [{{#each xs}}\"{{this}}\",{{/each}}]\n}"
        // `",]` starts at the quote that closes an item: the `"` after {{this}}, line 2, column 34.
        #expect(try trace(source, ["xs": ["a", "b"]], "\",]") == SourcePosition(line: 2, column: 34))
    }

    @Test func valuesMapToTheirMustache() throws {
        #expect(
            try trace("{\"id\": {{id}} }", ["id": "AR-1"], "AR-1", escape: .html) == SourcePosition(line: 1, column: 8))
    }

    @Test func textAfterStandaloneLineStrippingKeepsItsPosition() throws {
        let source = "[\n  {{#each xs}}\n  {{this}},\n  {{/each}}\n]"
        #expect(try trace(source, ["xs": [7]], ",") == SourcePosition(line: 3, column: 11))
    }

    @Test func offsetsPastTheEndHaveNoPosition() throws {
        let traced = try Template("ab").renderTraced([:])
        #expect(traced.position(ofByte: 2) == nil)
        #expect(traced.position(ofByte: 1) == SourcePosition(line: 1, column: 2))
    }
}
