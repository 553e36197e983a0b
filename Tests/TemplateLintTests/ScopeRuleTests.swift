import Testing

@Suite("Paths are typed in the scopes the engine uses")
struct ScopeRuleTests {
    @Test func eachChangesTheContextToTheElement() throws {
        expectFindings([], in: try lintBody(#"{"a": "{{#each data.approvals}}{{name}} {{status}}{{/each}}"}"#))
        let result = try lintBody(#"{"a": "{{#each data.approvals}}{{1️⃣friendly_id}}{{/each}}"}"#)
        expectFindings(["template.unknown-field"], in: result)
        #expect(result.report.diagnostics.first?.message.contains("data.approvals[] has no field") == true)
    }

    @Test func withChangesTheContextToItsValue() throws {
        expectFindings([], in: try lintBody(#"{"a": "{{#with data.requester}}{{email}}{{/with}}"}"#))
        expectFindings(
            ["template.unknown-field"], in: try lintBody(#"{"a": "{{#with data.requester}}{{1️⃣data.id}}{{/with}}"}"#))
    }

    /// The subject of `#each` and `#with` is typed once: a misspelt one is one finding, not one per check.
    @Test func aBlocksMisspeltSubjectIsReportedOnce() throws {
        expectFindings(
            ["template.unknown-field"],
            in: try lintBody(#"{"a": "{{#each 1️⃣data.approvers}}{{name}}{{/each}}"}"#))
        expectFindings(
            ["template.unknown-field"], in: try lintBody(#"{"a": "{{#with 1️⃣data.requestor}}{{name}}{{/with}}"}"#))
        expectFindings(
            ["template.each-scalar"], in: try lintBody(#"{"a": "{{#each 1️⃣data.justification}}x{{/each}}"}"#))
    }

    @Test func ifAndUnlessKeepTheContext() throws {
        expectFindings([], in: try lintBody(#"{"a": "{{#if data.requester}}{{data.requester.name}}{{/if}}"}"#))
        expectFindings(
            ["template.unknown-field"], in: try lintBody(#"{"a": "{{#if data.requester}}{{1️⃣name}}{{/if}}"}"#))
        expectFindings(
            ["template.unknown-field"],
            in: try lintBody(#"{"a": "{{#unless data.justification}}{{1️⃣id}}{{/unless}}"}"#))
    }

    @Test func dotDotClimbsOneEachOrWithAndSkipsIf() throws {
        let nested = #"{{#each data.access_groups}}{{#each access_units}}"#
        expectFindings([], in: try lintBody(#"{"a": "\#(nested){{../integration.name}}{{/each}}{{/each}}"}"#))
        expectFindings([], in: try lintBody(#"{"a": "\#(nested){{../../data.id}}{{/each}}{{/each}}"}"#))
        expectFindings(
            ["template.depth"], in: try lintBody(#"{"a": "\#(nested){{1️⃣../../../data.id}}{{/each}}{{/each}}"}"#))
        // #if does not count: ../ inside #if inside #each is the request, not the approval.
        expectFindings(
            [], in: try lintBody(#"{"a": "{{#each data.approvals}}{{#if approver}}{{../data.id}}{{/if}}{{/each}}"}"#))
        expectFindings(
            ["template.unknown-field"],
            in: try lintBody(#"{"a": "{{#each data.approvals}}{{#if approver}}{{1️⃣../name}}{{/if}}{{/each}}"}"#))
        expectFindings(["template.depth"], in: try lintBody(#"{"a": "{{1️⃣../event_type}}"}"#))
    }

    @Test func rootReachesTheEventFromAnyDepth() throws {
        expectFindings(
            [],
            in: try lintBody(#"{"a": "{{#each data.approvals}}{{#with approver}}{{@root.data.id}}{{/with}}{{/each}}"}"#)
        )
        let result = try lintBody(#"{"a": "{{#each data.approvals}}{{1️⃣@root.data.requestr.name}}{{/each}}"}"#)
        expectFindings(["template.unknown-field"], in: result)
        #expect(result.report.diagnostics.first?.message.contains(#"did you mean "requester""#) == true)
    }

    @Test func blockParamsNameTheElementAndIndexAtEveryDepth() throws {
        expectFindings(
            [],
            in: try lintBody(
                #"{"a": "{{#each data.access_groups as |g gi|}}{{#each g.access_units as |u|}}{{gi}} {{u.resource.name}} {{g.integration.name}}{{/each}}{{/each}}"}"#
            ))
        let result = try lintBody(#"{"a": "{{#each data.approvals as |step|}}{{1️⃣step.nam}}{{/each}}"}"#)
        expectFindings(["template.unknown-field"], in: result)
        #expect(result.report.diagnostics.first?.message.contains(#"did you mean "name""#) == true)
        expectFindings([], in: try lintBody(#"{"a": "{{#with data.requester as |r|}}{{r.email}}{{/with}}"}"#))
    }

    @Test func dataVariablesOnlyInsideEach() throws {
        expectFindings(
            [], in: try lintBody(#"{"a": "{{#each data.approvals}}{{#if @first}}{{@index}}{{/if}}{{@last}}{{/each}}"}"#)
        )
        expectFindings(["template.data-outside-each"], in: try lintBody(#"{"a": {{1️⃣@index}} }"#))
        expectFindings(
            ["template.data-outside-each"],
            in: try lintBody(#"{"a": "{{#with data.requester}}{{1️⃣@key}}{{/with}}"}"#))
        expectFindings(
            ["template.data-outside-each"], in: try lintBody(#"{"a": "{{#if data.id}}{{1️⃣@last}}{{/if}}"}"#))
    }

    /// An @name that handlebars.js does not set renders as nothing: an error, with the nearest data variable.
    @Test func anUnknownDataVariableIsAnError() throws {
        let result = try lintBody(#"{"a": "{{1️⃣@indx}}", "b": "{{#each data.approvals}}{{2️⃣@foo}}{{/each}}"}"#)
        expectFindings(["template.unknown-data", "template.unknown-data"], in: result)
        #expect(
            result.report.diagnostics.first?.message
                == "@indx is not a data variable, so it renders as nothing; did you mean @index?")
        #expect(result.report.diagnostics.allSatisfy { $0.severity == .error })
    }

    /// A data variable that can never have a value is an error, like an unknown field, in every form: bare, as a
    /// helper argument, and climbing with @../ past the enclosing #each blocks.
    @Test func dataVariablesThatCanNeverHaveAValueAreErrors() throws {
        let outside = try lintBody(#"{"a": {{1️⃣@index}}, "b": "{{#if 2️⃣@first}}x{{/if}}", "c": {{json 3️⃣@key}} }"#)
        expectFindings(
            ["template.data-outside-each", "template.data-outside-each", "template.data-outside-each"], in: outside)
        #expect(outside.report.diagnostics.allSatisfy { $0.severity == .error }, "\(outside.report.diagnostics)")

        let nested = #"{{#each data.approvals}}{{#each ../data.approvals}}{{@../index}}{{/each}}{{/each}}"#
        expectFindings([], in: try lintBody(#"{"a": ""# + nested + #""}"#))
        let climbing = try lintBody(#"{"a": "{{#each data.approvals}}{{1️⃣@../index}}{{/each}}"}"#)
        expectFindings(["template.data-outside-each"], in: climbing)
        #expect(
            climbing.report.diagnostics.first?.message == "@../index needs 2 enclosing {{#each}} blocks; 1 encloses it")
        #expect(climbing.report.diagnostics.first?.severity == .error)

        expectFindings([], in: try lintBody(#"{"a": "{{#each data.approvals}}{{@../root.event_type}}{{/each}}"}"#))
        expectFindings(
            ["template.data-outside-each"],
            in: try lintBody(#"{"a": "{{#each data.approvals}}{{1️⃣@../../root.event_type}}{{/each}}"}"#))
    }

    /// Regression: a #with or #each over a subexpression walked its body in the outer context, so fields of the
    /// element were reported as unknown fields of the event.
    @Test func blocksOverSubexpressionsEnterAnUntypedContext() throws {
        expectFindings(
            [], in: try lintBody(#"{"a": "{{#with (lookup data.access_groups 0)}}{{integration.name}}{{/with}}"}"#))
        expectFindings(
            [], in: try lintBody(#"{"a": "{{#each (lookup data "approvals")}}{{name}}{{@index}}{{/each}}"}"#))
        expectFindings(
            ["template.unknown-field"],
            in: try lintBody(#"{"a": "{{#with (lookup 1️⃣data.acess_groups 0)}}{{integration.name}}{{/with}}"}"#))
    }
}

@Suite("Did-you-mean suggestions for unknown fields")
struct FieldSuggestionTests {
    @Test func aTruncatedFieldNameSuggestsTheNearestExtension() throws {
        let result = try lintBody(#"{"a": "{{1️⃣data.approval}}"}"#)
        expectFindings(["template.unknown-field"], in: result)
        #expect(result.report.diagnostics.first?.message.contains(#"did you mean "approvals"?"#) == true)
    }
}
