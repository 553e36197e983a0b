import Declarations
import TestSupport
import Testing
import WebhookModel

@Suite("filter declarations")
struct FilterRuleTests {
    @Test func everyConditionIsReadInDocumentedOrderWithFieldsAndNot() throws {
        let set = try load(
            MarkedText(
                validDeclaration + """

                    filter:
                      requester_email: "*@contractor.example"
                      approvals_logical_relation: [AllOf]
                      access_bundle: [Bundle 1]
                      access_flow: [Flow 1]
                      permission: [ReadOnly, ReadWrite]
                      resource_type: [postgresql-database]
                      integration: [prod db]
                      integration_type: [Postgresql, Mysql]
                      fields:
                        data.requester.id: [user-1, user-2]
                        event_time: 1696263265.851898
                      not:
                        integration: [staging db]
                        fields:
                          data.approvals.status: [Rejected]
                    """))
        #expect(!set.hasErrors, "\(set.diagnostics)")
        let filter = try #require(set.declarations.first?.webhook.filter)
        #expect(
            filter.all == [
                .init(.named(.integrationType), ["Postgresql", "Mysql"]),
                .init(.named(.integration), ["prod db"]),
                .init(.named(.resourceType), ["postgresql-database"]),
                .init(.named(.permission), ["ReadOnly", "ReadWrite"]),
                .init(.named(.accessFlow), ["Flow 1"]),
                .init(.named(.accessBundle), ["Bundle 1"]),
                .init(.named(.requesterEmail), ["*@contractor.example"]),
                .init(.named(.approvalsLogicalRelation), ["AllOf"]),
                .init(.path("data.requester.id"), ["user-1", "user-2"]),
                .init(.path("event_time"), ["1696263265.851898"]),
            ])
        #expect(
            filter.none == [
                .init(.named(.integration), ["staging db"]), .init(.path("data.approvals.status"), ["Rejected"]),
            ])
        let declaration = try #require(set.declarations.first)
        #expect(declaration.location(of: "filter.integration_type[1]").line == 15)
        #expect(declaration.location(of: "filter.not.fields.data.approvals.status#key").line == 22)
    }

    @Test func withoutAFilterTheWebhookHasNone() throws {
        let set = try load(MarkedText(validDeclaration))
        #expect(set.declarations.first?.webhook.filter == nil)
    }

    @Test func anUnknownConditionGetsADidYouMeanAtItsKey() throws {
        try expectFinding(
            "config.unknown-key", in: validDeclaration + "\nfilter:\n  1️⃣integration_typ: [Postgresql]",
            message: "unknown filter condition \"integration_typ\" in filter; did you mean \"integration_type\"?")
        try expectFinding(
            "config.unknown-key", in: validDeclaration + "\nfilter:\n  not:\n    1️⃣requester_mail: [a@b.c]",
            message: "unknown filter condition \"requester_mail\" in filter.not; did you mean \"requester_email\"?")
        try expectFinding(
            "config.unknown-key", in: validDeclaration + "\nfilter:\n  not:\n    1️⃣not: {integration: [x]}",
            message: "unknown filter condition \"not\" in filter.not")
        let set = try load(MarkedText(validDeclaration + "\nfilter:\n  data.requester.id: [user-1]"))
        let finding = try #require(set.diagnostics.first { $0.code == "config.unknown-key" })
        #expect(finding.notes.first == "an event path goes under fields: fields: {data.requester.id: […]}")
        #expect(finding.notes.last?.hasPrefix("accepted keys in filter: integration_type, integration,") == true)
    }

    @Test func aMisspelledFilterKeySuggestsFilter() throws {
        try expectFinding(
            "config.unknown-key", in: validDeclaration + "\n1️⃣filters:\n  integration: [x]",
            message: "unknown key \"filters\"; did you mean \"filter\"?")
    }

    @Test func emptyFiltersBlocksAndListsAreErrors() throws {
        try expectFinding("filter.empty", in: validDeclaration + "\nfilter: 1️⃣{}", message: "filter is empty")
        try expectFinding(
            "filter.empty", in: validDeclaration + "\nfilter:\n  integration: 1️⃣[]",
            message: "filter.integration is an empty list, which no event matches")
        try expectFinding(
            "filter.empty", in: validDeclaration + "\nfilter:\n  not: 1️⃣{}", message: "filter.not is empty")
        try expectFinding(
            "filter.empty", in: validDeclaration + "\nfilter:\n  fields: 1️⃣{}", message: "filter.fields is empty")
        try expectFinding(
            "filter.empty", in: validDeclaration + "\nfilter:\n  not:\n    fields:\n      data.id: [1️⃣\"\"]",
            message: "filter.not.fields.data.id lists an empty value")
    }

    @Test func wrongTypesAreErrorsAtTheValue() throws {
        try expectFinding(
            "config.type", in: validDeclaration + "\nfilter: 1️⃣[integration]",
            message: "filter must be a mapping; got a list")
        try expectFinding(
            "config.type", in: validDeclaration + "\nfilter:\n  integration:\n    1️⃣a: b",
            message: "filter.integration must be a value or a list of values; got a mapping")
        try expectFinding(
            "config.type", in: validDeclaration + "\nfilter:\n  integration: [a, 1️⃣[b]]",
            message: "each value of filter.integration must be a string, number or boolean; got a list")
        try expectFinding(
            "config.type", in: validDeclaration + "\nfilter:\n  integration: 1️⃣~",
            message: "got null")
    }

    @Test func aSingleValueIsAListOfOne() throws {
        let set = try load(MarkedText(validDeclaration + "\nfilter:\n  integration: prod db"))
        #expect(set.declarations.first?.webhook.filter?.all == [.init(.named(.integration), ["prod db"])])
    }

    @Test func repeatedValuesAreErrorsAtTheRepeat() throws {
        try expectFinding(
            "filter.duplicate", in: validDeclaration + "\nfilter:\n  permission: [ReadOnly, 1️⃣ReadOnly]",
            message: "filter.permission lists \"ReadOnly\" twice")
    }

    @Test func badGlobsAreErrorsAtThePattern() throws {
        for (pattern, message) in [
            ("\"[a-z]*@example.com\"", "\"[\" is not supported in patterns; only * (any characters) and ?"),
            ("\"a@b@example.com\"", "a pattern has at most one @"),
            ("\"a b@example.com\"", "a pattern cannot contain spaces"),
            ("\"{a,b}@example.com\"", "\"{\" is not supported"),
            ("\"\"", "an empty pattern matches no email address"),
        ] {
            try expectFinding(
                "filter.glob", in: validDeclaration + "\nfilter:\n  requester_email: [ok@example.com, 1️⃣\(pattern)]",
                message: message)
        }
        let set = try load(MarkedText(validDeclaration + "\nfilter:\n  requester_email: [\"*@x.example\", \"a?@b.c\"]"))
        #expect(!set.hasErrors, "\(set.diagnostics)")
    }

    @Test func fieldsPathsMustBeDottedNames() throws {
        try expectFinding(
            "filter.path",
            in: validDeclaration + "\nfilter:\n  fields:\n    1️⃣data.access_groups[0].integration.id: [x]",
            message: "indexes an array")
        try expectFinding(
            "filter.path", in: validDeclaration + "\nfilter:\n  fields:\n    1️⃣data..id: [x]",
            message: "has an empty segment")
        try expectFinding(
            "filter.path", in: validDeclaration + "\nfilter:\n  fields:\n    1️⃣\"data.requester name\": [x]",
            message: "contains \"requester name\", which is not a field name")
        try expectFinding(
            "filter.path", in: validDeclaration + "\nfilter:\n  fields:\n    1️⃣\"@root.data.id\": [x]",
            message: "is a template path")
    }

    @Test func reorderingConditionsKeepsTheSameFilter() throws {
        let a = try load(MarkedText(validDeclaration + "\nfilter:\n  integration: [x]\n  permission: [y]"))
        let b = try load(MarkedText(validDeclaration + "\nfilter:\n  permission: [y]\n  integration: [x]"))
        #expect(a.declarations.first?.webhook.filter == b.declarations.first?.webhook.filter)
    }
}
