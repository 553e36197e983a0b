import Handlebars
import JSON
import Testing

/// Compile errors name `line:column` and what was expected.
@Suite struct TemplateErrorTests {
    static let cases: [(template: String, description: String)] = [
        ("a\n\n  {{#each list}}\n{{x}}", "3:3: unclosed {{#each}} opened at 3:3; expected {{/each}}"),
        ("{{#if a}}x{{/each}}", "1:11: {{/each}} does not close {{#if}} opened at 1:1; expected {{/if}}"),
        ("{{x}}}", "1:4: '}}}' here closes a triple-stash; write '{{x}} }'"),
        ("{\"a\": {\"b\": {{x}}}}", "1:16: '}}}}' here closes a raw block; write '{{x}} }}'"),
        (
            "{{foo 1}}",
            "1:3: unknown helper 'foo'; the helpers are "
                + HelperRegistry.standard.helpers.map(\.name).joined(separator: ", ")
        ),
        (
            "{{#frob a}}{{/frob}}",
            "1:4: unknown helper 'frob'; the helpers are "
                + HelperRegistry.standard.helpers.map(\.name).joined(separator: ", ")
        ),
        ("{{eq a}}", "1:3: helper 'eq' expects exactly 2 arguments, got 1"),
        ("{{#if a b}}{{/if}}", "1:4: helper 'if' expects exactly 1 argument, got 2"),
        ("{{#if a foo=1}}{{/if}}", "1:9: helper 'if' does not take 'foo='; expected one of includeZero"),
        ("{{#upper s}}{{/upper}}", "1:4: helper 'upper' cannot be used as a block; write {{upper …}}"),
        ("{{each list}}", "1:3: helper 'each' must be used as a block: {{#each …}}…{{/each}}"),
        ("{{date}}", "1:3: 'date' is a helper that needs arguments; to print a field named 'date' write {{this.date}}"),
        ("{{> partial}}", "1:1: partials ({{> name}}) are not supported"),
        ("{{a.this}}", "1:3: invalid path 'a.this': 'this', '.' and '..' may only lead a path"),
        ("x {{!-- open", "1:3: unclosed comment; expected '}}' (or '--}}' for '{{!--')"),
        ("é {{x", "1:5: unexpected 'x'; expected a path, a literal or a helper name"),
        ("é {{x ", "1:7: unexpected end of template; expected '}}'"),
        ("{{/if}}", "1:1: unexpected '{{/'; expected text or a tag; no block is open"),
    ]

    @Test(arguments: 0..<cases.count)
    func describesPositionAndExpectation(_ index: Int) {
        let testCase = Self.cases[index]
        #expect {
            _ = try Template(testCase.template, escape: .html)
        } throws: { error in
            let description = (error as? TemplateError)?.description
            if description != testCase.description { print("got: \(description ?? "-")") }
            return description == testCase.description
        }
    }

    @Test func renderLimits() throws {
        let big = try Template("{{#each list}}{{#each ../list}}{{this}}{{/each}}{{/each}}", escape: .none)
        let list: JSONValue = .array((0..<2000).map { .number(Double($0)) })
        #expect {
            _ = try big.render(["list": list], limits: RenderLimits(maxOutputBytes: 1 << 30))
        } throws: { ($0 as? TemplateError)?.message.contains("steps") == true }
        #expect {
            _ = try big.render(["list": list], limits: RenderLimits(maxOutputBytes: 1000, maxSteps: 10_000_000))
        } throws: { ($0 as? TemplateError)?.message.contains("1000 bytes") == true }
        let small = try big.render(["list": [1, 2]])
        #expect(String(decoding: small, as: UTF8.self) == "1212")
    }

    @Test func nestingIsLimitedAtCompileTime() {
        let deep = String(repeating: "{{#if a}}", count: 500) + String(repeating: "{{/if}}", count: 500)
        #expect { _ = try Template(deep) } throws: { ($0 as? TemplateError)?.message.contains("nesting") == true }
        let deepSubexpressions =
            "{{json " + String(repeating: "(json ", count: 500) + "a" + String(repeating: ")", count: 500) + "}}"
        #expect(throws: TemplateError.self) { try Template(deepSubexpressions) }
    }

    @Test func astKeepsPositions() throws {
        let template = try Template("ab\n  {{#each list as |x|}}{{x.name}}{{/each}}", escape: .html)
        guard case .block(let block) = template.ast.statements[1] else {
            Issue.record("expected a block")
            return
        }
        #expect(block.position == SourcePosition(line: 2, column: 3))
        #expect(block.program?.blockParams == ["x"])
        guard case .mustache(let mustache)? = block.program?.statements.first,
            case .path(let path) = mustache.call.path.kind
        else {
            Issue.record("expected a mustache")
            return
        }
        #expect(path.parts == ["x", "name"])
        #expect(mustache.position == SourcePosition(line: 2, column: 24))
    }
}
