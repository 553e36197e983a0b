import AccessEvents
import Foundation
import JSON
import Testing
import WebhookModel

/// Every filter condition against events built from the committed sample (`Fixtures/access-request-created.json`,
/// a copy of the shared fixture) and the bundled samples: matching, not matching, and requests with several access
/// groups.
@Suite("Filter matching")
struct FilterMatchingTests {
    static let fixture: JSONValue = {
        let url = EventSchemaTests.fixtures.appendingPathComponent("access-request-created.json")
        guard let data = try? Data(contentsOf: url), let value = try? JSONValue(parsing: [UInt8](data)) else {
            return .null
        }
        return value
    }()

    /// The fixture with a second access group: a Snowflake warehouse with a ReadWrite grant on a table.
    static let twoGroups: JSONValue = {
        let group: JSONValue = [
            "integration": ["id": "integration-2", "type": "Snowflake", "name": "prod warehouse"],
            "resource_types": [["id": "snowflake-table", "name": "Table", "display_path": "Snowflake/Table"]],
            "access_units": [
                [
                    "resource": [
                        "id": "res-9", "name": "orders", "path": "prod warehouse/orders",
                        "type": ["id": "snowflake-table", "name": "Table", "display_path": "Snowflake/Table"],
                    ],
                    "permission": ["id": "ReadWrite", "name": "Read and write"],
                ]
            ],
        ]
        return set(fixture, ["data", "access_groups"]) { groups in
            guard case .array(let items) = groups else { return groups }
            return .array(items + [group])
        }
    }()

    static func set(_ value: JSONValue, _ path: [String], _ change: (JSONValue) -> JSONValue) -> JSONValue {
        guard let first = path.first, case .object(var object) = value else { return change(value) }
        object[first] = set(object[first] ?? .null, Array(path.dropFirst()), change)
        return .object(object)
    }

    static func with(_ value: JSONValue, _ path: [String], _ replacement: JSONValue) -> JSONValue {
        set(value, path) { _ in replacement }
    }

    func passes(_ conditions: [Filter.Condition], none: [Filter.Condition] = [], _ event: JSONValue) -> Bool {
        Filter(all: conditions, none: none).matches(event)
    }

    @Test func theFixtureIsTheCreatedSample() {
        #expect(Self.fixture["event_type"] == "AccessRequestCreated")
        #expect(Self.fixture["data"]?["access_groups"]?[0]?["integration"]?["type"] == "Postgresql")
    }

    @Test(arguments: [
        (Filter.NamedField.integrationType, "Postgresql", "Snowflake"),
        (.integration, "prod db", "staging db"),
        (.resourceType, "postgresql-database", "snowflake-table"),
        (.permission, "ReadOnly", "ReadWrite"),
        (.accessFlow, "Flow 1", "Flow 2"),
        (.accessBundle, "Bundle 1", "Bundle 2"),
        (.requesterEmail, "user@example.com", "other@example.com"),
        (.approvalsLogicalRelation, "AllOf", "AnyOf"),
    ])
    func everyNamedConditionMatchesItsValueAndNoOther(field: Filter.NamedField, value: String, other: String) {
        let event = Self.fixture
        #expect(passes([.init(.named(field), [value])], event))
        #expect(!passes([.init(.named(field), [other])], event), "\(field) \(other)")
        #expect(passes([.init(.named(field), [other, value])], event), "a list matches any of its values")
        #expect(!passes([], none: [.init(.named(field), [value])], event), "not: inverts it")
        #expect(passes([], none: [.init(.named(field), [other])], event))
        for trigger in Trigger.allCases {
            #expect(passes([.init(.named(field), [value])], EventSamples.sample(for: trigger)), "\(trigger) sample")
        }
    }

    @Test func valuesAreExactAndCaseSensitiveExceptEmailPatterns() {
        let event = Self.fixture
        #expect(!passes([.init(.named(.integrationType), ["postgresql"])], event))
        #expect(!passes([.init(.named(.integration), ["prod"])], event))
        #expect(passes([.init(.named(.requesterEmail), ["USER@Example.COM"])], event))
    }

    @Test func severalAccessGroupsMatchWhenAnyGroupDoes() {
        let event = Self.twoGroups
        for (field, value) in [
            (Filter.NamedField.integrationType, "Snowflake"), (.integrationType, "Postgresql"),
            (.integration, "prod warehouse"), (.resourceType, "snowflake-table"), (.permission, "ReadWrite"),
            (.permission, "ReadOnly"),
        ] {
            #expect(passes([.init(.named(field), [value])], event), "\(field) \(value)")
        }
        #expect(!passes([.init(.named(.integrationType), ["Mysql"])], event))
        // A not: excludes the request when any group matches: the Snowflake group keeps out the whole request.
        #expect(!passes([], none: [.init(.named(.integrationType), ["Snowflake"])], event))
        #expect(passes([], none: [.init(.named(.integrationType), ["Snowflake"])], Self.fixture))
        // Conditions are independent: each may be met by another group.
        #expect(
            passes(
                [.init(.named(.integrationType), ["Postgresql"]), .init(.named(.permission), ["ReadWrite"])], event))
        #expect(
            !passes(
                [.init(.named(.integrationType), ["Postgresql"]), .init(.named(.permission), ["ReadWrite"])],
                Self.fixture))
    }

    @Test func emptyAccessGroupsMatchNoGroupCondition() {
        let event = Self.with(Self.fixture, ["data", "access_groups"], [])
        #expect(!passes([.init(.named(.integrationType), ["Postgresql"])], event))
        #expect(passes([], none: [.init(.named(.integrationType), ["Postgresql"])], event))
    }

    @Test func anAbsentOrNullBundleMatchesNoBundle() {
        guard case .object(var data)? = Self.fixture["data"], case .object(var event) = Self.fixture else { return }
        data["access_bundle"] = nil
        event["data"] = .object(data)
        let absent = JSONValue.object(event)
        let null = Self.with(Self.fixture, ["data", "access_bundle"], .null)
        for variant in [absent, null] {
            #expect(!passes([.init(.named(.accessBundle), ["Bundle 1"])], variant))
            #expect(passes([], none: [.init(.named(.accessBundle), ["Bundle 1"])], variant))
        }
    }

    @Test func emailPatternsAreGlobs() {
        let contractor = Self.with(Self.fixture, ["data", "requester", "email"], "jo@contractor.example")
        let patterns = ["*@contractor.example", "j?@contractor.example", "*@*.example", "*", "jo@contractor.example"]
        for pattern in patterns {
            #expect(passes([.init(.named(.requesterEmail), [pattern])], contractor), "\(pattern)")
        }
        for pattern in ["*@example.com", "?@contractor.example", "jo@contractor", "*.contractor.example", "jo*x"] {
            #expect(!passes([.init(.named(.requesterEmail), [pattern])], contractor), "\(pattern)")
        }
        #expect(!passes([.init(.named(.requesterEmail), ["*@contractor.example"])], Self.fixture))
        #expect(EmailGlob(pattern: "a*b*c*d").matches("aXbYcZd") && !EmailGlob(pattern: "a*b*c*d").matches("abcdX"))
        // Patterns are matched by a backtracking-free loop: a long near-miss is quick and refused.
        #expect(
            !EmailGlob(pattern: String(repeating: "*a", count: 30) + "b").matches(String(repeating: "a", count: 500)))
    }

    @Test func fieldsMatchAnyPathAndCrossArrays() {
        let event = Self.twoGroups
        #expect(passes([.init(.path("data.requester.id"), ["user-1", "user-2"])], event))
        #expect(!passes([.init(.path("data.requester.id"), ["user-3"])], event))
        #expect(passes([.init(.path("data.approvals.status"), ["Pending"])], event), "any approval")
        #expect(passes([.init(.path("data.access_groups.resource_types.display_path"), ["Snowflake/Table"])], event))
        #expect(passes([.init(.path("data.approvals.approver.email"), ["admin@example.com"])], event))
        #expect(passes([.init(.path("event_type"), ["AccessRequestCreated"])], event))
        #expect(!passes([.init(.path("data.nope"), ["x"])], event), "a path the event lacks matches nothing")
        #expect(!passes([.init(.path("data.requester"), ["user-1"])], event), "an object matches no value")
    }

    @Test func numbersMatchByValueAndRequireANumber() {
        let event = Self.fixture
        #expect(passes([.init(.path("event_time"), ["1696263265.851898"])], event))
        #expect(passes([.init(.path("event_time"), ["1696263265.851898000"])], event))
        #expect(!passes([.init(.path("event_time"), ["1696263265"])], event))
        #expect(!passes([.init(.path("data.id"), ["123.0"])], event), "a string is compared as text")
        #expect(passes([.init(.path("data.id"), ["123"])], event))
        let flagged = Self.with(event, ["data", "flag"], true)
        #expect(passes([.init(.path("data.flag"), ["true"])], flagged))
        #expect(!passes([.init(.path("data.flag"), ["false"])], flagged))
    }

    @Test func allConditionsMustHoldAndNoNotConditionMay() {
        let event = Self.fixture
        let production = Filter.Condition(.named(.integration), ["prod db"])
        let flow = Filter.Condition(.named(.accessFlow), ["Flow 2"])
        #expect(!passes([production, flow], event))
        #expect(passes([production], none: [flow], event))
        #expect(!passes([production], none: [flow, .init(.named(.permission), ["ReadOnly"])], event))
        #expect(passes([], event), "an empty filter passes everything (declarations refuse one)")
    }

    @Test func reasonsSayWhichConditionKeptTheEventOut() {
        let filter = Filter(
            all: [.init(.named(.integrationType), ["Snowflake", "Mysql"]), .init(.named(.integration), ["prod db"])],
            none: [.init(.named(.permission), ["ReadOnly"])])
        #expect(
            filter.reasons(rejecting: Self.fixture) == [
                "integration_type must be one of \"Snowflake\", \"Mysql\"; the event has \"Postgresql\"",
                "not: permission must not be \"ReadOnly\"; the event has \"ReadOnly\"",
            ])
        #expect(Filter(all: [.init(.named(.integration), ["prod db"])]).reasons(rejecting: Self.fixture).isEmpty)
    }
}
