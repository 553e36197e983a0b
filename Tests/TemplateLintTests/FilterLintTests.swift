import Testing
import WebhookModel

@Suite("Lint checks filters against the event schema and proves only the events that pass")
struct FilterLintTests {
    static let body = #"{"id": "{{data.id}}"}"#

    @Test func aCleanFilterHasNoFindings() throws {
        let result = try lintBody(
            Self.body, triggers: "[Created, Granted]",
            extra: """
                filter:
                  integration_type: [Postgresql]
                  requester_email: ["*@example.com"]
                  fields:
                    data.approvals.approver.email: [admin@example.com]
                    data.creation_date: [1696263265.852378]
                  not:
                    approvals_logical_relation: [AnyOf]

                """)
        expectFindings([], in: result)
    }

    @Test func anUnknownPathIsAnErrorWithTheNearestField() throws {
        let result = try lintBody(
            Self.body, extra: "2️⃣filter:\n  fields:\n    1️⃣data.requester.mail: [a@b.c]\n")
        expectFindings(["filter.unknown-field", "render.filtered-out"], in: result)
        let finding = try #require(result.report.diagnostics.first { $0.code == "filter.unknown-field" })
        #expect(
            finding.message
                == "filter path data.requester.mail: data.requester has no field \"mail\"; did you mean data.requester.email?"
        )
        #expect(finding.notes == ["fields of data.requester: id, name, email"])
    }

    @Test func aPathThroughAScalarOrEndingAtAnObjectIsAnError() throws {
        let through = try lintBody(Self.body, extra: "filter:\n  not:\n    fields:\n      1️⃣data.id.x: [a]\n")
        expectFindings(["filter.unknown-field"], in: through)
        #expect(through.report.diagnostics.first?.message.contains("goes through data.id, which is a string") == true)
        let object = try lintBody(Self.body, extra: "2️⃣filter:\n  fields:\n    1️⃣data.access_groups.integration: [a]\n")
        expectFindings(["filter.not-scalar", "render.filtered-out"], in: object)
        let finding = try #require(object.report.diagnostics.first { $0.code == "filter.not-scalar" })
        #expect(
            finding.notes == [
                "for example: data.access_groups.integration.id, data.access_groups.integration.type, data.access_groups.integration.name"
            ])
    }

    @Test func aValueOutsideAnEnumNeverMatches() throws {
        let result = try lintBody(Self.body, extra: "2️⃣filter:\n  approvals_logical_relation: [1️⃣Any]\n")
        expectFindings(["filter.never-matches", "render.filtered-out"], in: result)
        let finding = try #require(result.report.diagnostics.first { $0.code == "filter.never-matches" })
        #expect(
            finding.message
                == "filter.approvals_logical_relation value \"Any\" is not one of AnyOf, AllOf, so no event passes this filter"
        )
        #expect(finding.notes == ["did you mean \"AnyOf\"?"])
        // One impossible value among possible ones: the rest still match, and the sample is still proven.
        let partly = try lintBody(
            Self.body, extra: "filter:\n  fields:\n    data.approvals.status: [Approved, 1️⃣Done]\n")
        expectFindings(["filter.never-matches"], in: partly)
        #expect(partly.report.diagnostics.first?.message.contains("the other values still can") == true)
        // In not: it excludes nothing.
        let negated = try lintBody(Self.body, extra: "filter:\n  not:\n    approvals_logical_relation: [1️⃣None]\n")
        expectFindings(["filter.never-matches"], in: negated)
        #expect(negated.report.diagnostics.first?.message.hasSuffix("so it excludes nothing") == true)
    }

    @Test func valuesOfTheWrongTypeAndUnreceivedEventTypesNeverMatch() throws {
        let number = try lintBody(Self.body, extra: "2️⃣filter:\n  fields:\n    event_time: [1️⃣soon]\n")
        expectFindings(["filter.never-matches", "render.filtered-out"], in: number)
        #expect(
            number.report.diagnostics.first { $0.code == "filter.never-matches" }?.message.contains("is not a number")
                == true)
        let eventType = try lintBody(
            Self.body, triggers: "[Created]",
            extra: "filter:\n  fields:\n    event_type: [AccessRequestCreated, 1️⃣AccessRequestGranted]\n")
        expectFindings(["filter.never-matches"], in: eventType)
        #expect(eventType.report.diagnostics.first?.message.contains("never receives") == true)
    }

    @Test func aConditionItsNotContradictsNeverMatches() throws {
        let result = try lintBody(
            Self.body,
            extra: """
                2️⃣filter:
                  requester_email: 1️⃣[jo@contractor.example, "*@contractor.example"]
                  not:
                    requester_email: ["*@contractor.example"]

                """)
        expectFindings(["filter.never-matches", "render.filtered-out"], in: result)
        let finding = try #require(result.report.diagnostics.first { $0.code == "filter.never-matches" })
        #expect(finding.message.contains("is contradicted by filter.not.requester_email"))
        // Not contradicted: the not: excludes only some of the values.
        let partly = try lintBody(
            Self.body,
            extra: "filter:\n  integration_type: [Postgresql, Mysql]\n  not:\n    integration_type: [Mysql]\n")
        expectFindings([], in: partly)
        // Two conditions on one single-valued field with no common value.
        let twice = try lintBody(
            Self.body, extra: "2️⃣filter:\n  access_flow: [Flow 1]\n  fields:\n    data.access_flow.name: 1️⃣[Flow 2]\n")
        expectFindings(["filter.never-matches", "render.filtered-out"], in: twice)
        // On an array path two conditions can each be met by another group: no finding.
        let groups = try lintBody(
            Self.body,
            extra: "filter:\n  integration: [prod db]\n  fields:\n    data.access_groups.integration.name: [x]\n")
        #expect(!groups.report.diagnostics.contains { $0.code == "filter.never-matches" })
    }

    @Test func theRenderProofRendersOnlyTheVariantsThatPass() throws {
        // Breaks only when justification is absent; the filter needs the bundle, which that variant also lacks.
        let body = RenderProofTests.pickJustification
        let unfiltered = try lintBody(body.replacingOccurrences(of: "{{#each data}}", with: "1️⃣{{#each data}}"))
        expectFindings(["render.invalid-json"], in: unfiltered)
        let filtered = try lintBody(body, extra: "filter:\n  access_bundle: [Bundle 1]\n")
        expectFindings([], in: filtered)
        // The sample, arrays empty, one and three elements, large numbers: the variants that keep the bundle's name.
        #expect(filtered.report.payloadsRendered == 5)
    }

    @Test func whenNoSamplePassesTheLintSaysSoForEachTrigger() throws {
        let result = try lintBody(
            Self.body, triggers: "[Created, Granted]", extra: "1️⃣filter:\n  integration_type: [Snowflake]\n")
        expectFindings(["render.filtered-out"], in: result)
        let note = try #require(result.report.diagnostics.first)
        #expect(note.severity == .note)
        #expect(
            note.message
                == "no sample event for Created, Granted passes the filter of a, so the body was not rendered for them")
        #expect(result.report.payloadsRendered == 0)
    }
}
