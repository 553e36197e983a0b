import Handlebars
import JSON
import Testing

/// `json` escape mode: hostile values never break out of strings or inject structure.
@Suite struct JSONModeTests {
    static let hostileStrings: [String] = [
        "plain", "", "say \"hi\"", "back\\slash", "trailing\\", "\\\"", "line\nbreak\r\n", "tab\there",
        "</script><script>alert(1)</script>", "\u{2028}\u{2029}", "{{x}}", "}}\",\"injected\":true,\"x\":\"",
        "\u{0}\u{1}\u{1F}\u{7F}", "emoji 🎉 𝄞 é", "\"}], \"evil\": [{\"", String(repeating: "\"\\\n", count: 40_000),
    ]

    static func render(_ template: String, _ context: JSONValue) throws -> JSONValue {
        let bytes = try Template(template).render(context)
        return try JSONValue(parsing: bytes)
    }

    @Test(arguments: hostileStrings)
    func hostileStringInsideString(_ value: String) throws {
        let parsed = try Self.render(#"{"j": "{{v}}", "k": "pre {{v}} post"}"#, ["v": .string(value)])
        #expect(parsed["j"] == .string(value))
        #expect(parsed["k"] == .string("pre \(value) post"))
    }

    @Test(arguments: hostileStrings)
    func hostileStringInValuePosition(_ value: String) throws {
        let parsed = try Self.render(#"{"j": {{v}}, "list": [{{v}}, {{v}}]}"#, ["v": .string(value)])
        #expect(parsed["j"] == .string(value))
        #expect(parsed["list"] == .array([.string(value), .string(value)]))
    }

    static let values: [JSONValue] = [
        .null, true, false, 0, -0.0, 1.5, 1696263265.851898, 1e21, 1e-7, 123456789, "s",
        ["a", 1, nil, ["nested": "\"q\""]], ["k\"ey": ["x": [1, 2]], "2": "two", "1": "one"], [], [:],
    ]

    @Test(arguments: values)
    func valuePositionRoundTrips(_ value: JSONValue) throws {
        let parsed = try Self.render(#"{"v": {{v}} }"#, ["v": value])
        #expect(parsed["v"] == value)
    }

    @Test(arguments: values)
    func stringPositionPrintsSensibly(_ value: JSONValue) throws {
        let parsed = try Self.render(#"{"v": "{{v}}"}"#, ["v": value])
        let expected: String =
            switch value {
            case .null: ""
            case .string(let string): string
            case .array, .object: value.jsonText
            default: value.jsonText
            }
        #expect(parsed["v"] == .string(expected))
    }

    @Test func missingIsNullInValuePositionAndEmptyInString() throws {
        let parsed = try Self.render(#"{"a": {{nope}}, "b": "{{nope.deeper}}", "c": {{a.b.c}} }"#, [:])
        #expect(parsed == ["a": nil, "b": "", "c": nil])
    }

    @Test func deepObjectsSerializeOrFailCleanly() throws {
        var deep: JSONValue = "bottom"
        for _ in 0..<200 { deep = ["d": deep] }
        let parsed = try Self.render(#"{"v": {{v}}, "s": "{{v}}"}"#, ["v": deep])
        #expect(parsed["v"] == deep)
        #expect(parsed["s"] == .string(deep.jsonText))
        var deeper: JSONValue = 1
        for _ in 0..<300 { deeper = [deeper] }
        #expect(throws: TemplateError.self) { try Template("{{v}}").render(["v": deeper]) }
    }

    @Test func jsonHelperInBothContexts() throws {
        let context: JSONValue = ["o": ["a": [1, "x\"y"]], "s": "str"]
        let parsed = try Self.render(
            #"{"v": {{json o}}, "t": "{{json o}}", "u": "{{json s}}", "w": {{json s}} }"#, context)
        #expect(parsed["v"] == context["o"])
        #expect(parsed["t"] == .string(#"{"a":[1,"x\"y"]}"#))
        #expect(parsed["u"] == .string(#""str""#))
        #expect(parsed["w"] == "str")
    }

    @Test func closingBraceRightAfterMustacheNeedsASpace() {
        #expect {
            _ = try Template(#"{"v": {{v}}}"#)
        } throws: { error in
            (error as? TemplateError)?.description == "1:10: '}}}' here closes a triple-stash; write '{{v}} }'"
        }
    }

    @Test func tripleStashIsRaw() throws {
        let bytes = try Template(#"{"v": {{{blob}}} }"#).render(["blob": "[1,2]"])
        #expect(String(decoding: bytes, as: UTF8.self) == #"{"v": [1,2] }"#)
    }

    @Test func helpersInValueAndStringPositions() throws {
        let parsed = try Self.render(
            #"{"eq": {{eq a 1}}, "up": {{upper s}}, "len": {{len list}}, "joined": "{{join list ", "}}", "d": {{default missing "n/a"}} }"#,
            ["a": 1, "s": "abc", "list": ["x", "y\"z"]])
        #expect(parsed == ["eq": true, "up": "ABC", "len": 2, "joined": "x, y\"z", "d": "n/a"])
    }

    @Test func realWorldBodyStaysValidWithHostileJustification() throws {
        let body = """
            {"text": "{{data.requester.name}} wants {{#each data.groups}}{{name}}{{#unless @last}}, {{/unless}}{{/each}}: {{data.justification}}",
             "expires": {{#if data.revocation_date}}{{data.revocation_date}}{{else}}null{{/if}},
             "bundle": {{#if data.bundle}}"{{data.bundle.name}}"{{else}}null{{/if}},
             "groups": [{{#each data.groups}}{"n": "{{name}}", "i": {{@index}} }{{#unless @last}},{{/unless}}{{/each}}] }
            """
        let justification = "I need \"root\" <access>\n\\o/ \u{2028} }],\"x\":{"
        let context: JSONValue = [
            "data": [
                "requester": ["name": "Ann \"the admin\""], "justification": .string(justification),
                "revocation_date": 1696266865.85238, "groups": [["name": "db\"1"], ["name": "db\\2"]],
            ]
        ]
        let parsed = try Self.render(body, context)
        #expect(parsed["text"] == .string("Ann \"the admin\" wants db\"1, db\\2: \(justification)"))
        #expect(parsed["expires"] == 1696266865.85238)
        #expect(parsed["bundle"] == .null)
        #expect(parsed["groups"] == [["n": "db\"1", "i": 0], ["n": "db\\2", "i": 1]])
    }

    @Test func astRecordsJSONContexts() throws {
        let template = try Template(#"{"a": "{{x}}", "b": {{y}} }"#)
        let contexts = template.ast.statements.compactMap { statement -> JSONContext? in
            if case .mustache(let mustache) = statement { return mustache.jsonContext }
            return nil
        }
        #expect(contexts == [.string, .value])
        let html = try Template(#"{"a": "{{x}}"}"#, escape: .html)
        guard case .mustache(let mustache) = html.ast.statements[1] else {
            Issue.record("the second statement is the mustache: \(html.ast.statements)")
            return
        }
        #expect(mustache.jsonContext == nil)
    }

    static let ambiguous: [(template: String, line: Int, column: Int, fragment: String)] = [
        ("{{#if a}}\"{{/if}}", 1, 1, "branches of {{#if}}"),
        ("{\n  \"a\": {{#if a}}\"x{{else}}1{{/if}}\"}", 2, 8, "branches of {{#if}} opened at 2:8"),
        ("[{{#each a}}\"{{/each}}]", 1, 2, "body of {{#each}} opened at 1:2"),
        ("[{{#items}}\"{{/items}}]", 1, 2, "body of {{#items}}"),
        ("\"a\\\\{{x}}\"", 1, 5, "right after '\\'"),
    ]

    @Test(arguments: 0..<ambiguous.count)
    func ambiguousTemplatesAreCompileErrors(_ index: Int) {
        let testCase = Self.ambiguous[index]
        #expect {
            _ = try Template(testCase.template)
        } throws: { error in
            guard let error = error as? TemplateError else { return false }
            return error.line == testCase.line && error.column == testCase.column
                && error.message.contains(testCase.fragment)
        }
        #expect(throws: Never.self) { try Template(testCase.template, escape: .html) }
    }

    /// Branches and iterations that leave the JSON context as they found it compile, and every branch renders JSON.
    @Test func balancedBranchesCompile() throws {
        let list = try Template(
            #"{"a": {{#if x}}"{{x}}"{{else}}null{{/if}}, "b": [{{#each l}}"{{this}}"{{#unless @last}},{{/unless}}{{/each}}]}"#
        )
        #expect(try list.renderString(["x": "v", "l": ["p", "q", "r"]]) == #"{"a": "v", "b": ["p","q","r"]}"#)
        #expect(try list.renderString(["x": "", "l": ["p"]]) == #"{"a": null, "b": ["p"]}"#)
        #expect(try list.renderString([:]) == #"{"a": null, "b": []}"#)
        for context: JSONValue in [["x": "v", "l": ["p", "q"]], ["l": []], ["x": "\"", "l": ["\""]]] {
            #expect(throws: Never.self, "\(context)") { try JSONValue(parsing: try list.render(context)) }
        }

        let inString = try Template(#"{"a": "{{#if x}}yes{{else}}no{{/if}}"}"#)
        #expect(try inString.renderString(["x": true]) == #"{"a": "yes"}"#)
        #expect(try inString.renderString(["x": false]) == #"{"a": "no"}"#)
    }
}
