import AccessEvents
import Foundation
import Handlebars
import JSON
import TestSupport
import Testing
import WebhookModel

@Suite("The event schema")
struct EventSchemaTests {
    let schema = EventSchema.standard
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    @Test func describesTheEventShape() throws {
        let data = try #require(schema.root.property("data")?.node)
        #expect(schema.root.propertyNames == ["event_type", "event_time", "data"])
        #expect(data.property("revocation_date")?.isRequired == false)
        #expect(data.property("revocation_date")?.node.isNullable == true)
        #expect(data.property("access_bundle")?.node.isNullable == true)
        #expect(data.property("access_bundle")?.node.propertyNames == ["id", "name"])
        #expect(data.property("requester")?.node.propertyNames == ["id", "name", "email"])
        #expect(data.property("approvals_logical_relation")?.node.kind == .string(allowed: ["AnyOf", "AllOf"]))
        guard case .array(let approval)? = data.property("approvals")?.node.kind else {
            Issue.record("approvals is not an array")
            return
        }
        #expect(approval.property("approver")?.node.isNullable == true)
        #expect(approval.property("status")?.node.kind == .string(allowed: ["Pending", "Approved", "Rejected"]))
        #expect(schema.root.property("event_type")?.node.kind == .string(allowed: Trigger.allCases.map(\.eventType)))
    }

    @Test func everySchemaNodeHasADescriptionWhereUsersSeeIt() throws {
        func walk(_ node: SchemaNode, _ path: String) {
            guard case .object(let properties) = node.kind else { return }
            for property in properties {
                #expect(property.node.description != nil, "\(path).\(property.name) has no description")
                walk(property.node, "\(path).\(property.name)")
                if case .array(let items) = property.node.kind { walk(items, "\(path).\(property.name)[]") }
            }
        }
        walk(schema.root, "")
    }

    @Test func sharedFixtureIsValid() throws {
        let data = try Data(contentsOf: Self.fixtures.appendingPathComponent("access-request-created.json"))
        let event = try JSONValue(parsing: [UInt8](data))
        #expect(schema.validate(event).isEmpty)
    }

    @Test(arguments: Trigger.allCases)
    func samplesAreValidAndMatchTheirTrigger(trigger: Trigger) {
        let sample = EventSamples.sample(for: trigger)
        #expect(schema.validate(sample).isEmpty, "\(schema.validate(sample))")
        #expect(sample["event_type"]?.stringValue == trigger.eventType)
    }

    @Test func samplesTellTheTriggersStory() {
        func statuses(_ trigger: Trigger) -> [String] {
            guard case .array(let approvals)? = EventSamples.sample(for: trigger)["data"]?["approvals"] else {
                return []
            }
            return approvals.compactMap { $0["status"]?.stringValue }
        }
        #expect(statuses(.created) == ["Pending", "Approved"])
        #expect(statuses(.approved) == ["Approved", "Approved"])
        #expect(statuses(.rejected) == ["Rejected", "Approved"])
        let expired = EventSamples.sample(for: .expired)
        #expect(expired["event_time"] == expired["data"]?["revocation_date"])
    }

    @Test func validationNamesEveryProblemByPath() throws {
        let event = try JSONValue(
            parsing: """
                {"event_type": "AccessRequestDone", "event_time": "yesterday",
                 "data": {"id": 7, "friendly_id": "AR-1", "requester": {"id": "u", "name": "U"}, "creation_date": 1,
                          "access_flow": null, "access_groups": [], "approvals_logical_relation": "AllOf",
                          "approvals": [{"name": "M", "type": "Manager", "status": "Done", "approver": null}],
                          "revocation_date": null, "extra": true}}
                """)
        #expect(
            schema.validate(event).map(\.description) == [
                "event_type: must be one of AccessRequestCreated, AccessRequestApproved, AccessRequestRejected, "
                    + "AccessRequestGranted, AccessRequestExpired, AccessRequestFailed; got \"AccessRequestDone\"",
                "event_time: must be number; got string",
                "data.id: must be string; got number",
                "data.requester.email: is required (string)",
                "data.access_flow: must be object; got null",
                "data.approvals[0].status: must be one of Pending, Approved, Rejected; got \"Done\"",
            ])
        #expect(schema.validate(.array([])).map(\.description) == ["the event: must be object; got array"])
        #expect(schema.validate(event, limit: 2).count == 2)
    }

    /// The schema is checked by an implementation no one here wrote: Python's `jsonschema` (draft 2020-12).
    @Test func independentValidatorAcceptsTheSchemaAndSamples() async throws {
        let directory = try Workspace(webhooksDirectory: false)
        try directory.write("schema.json", EventSchema.document)
        for trigger in Trigger.allCases {
            try directory.write("\(trigger.rawValue).json", EventSamples.text(for: trigger))
        }
        try directory.write("invalid.json", "{\"event_type\": \"AccessRequestCreated\"}")
        let script = """
            import json, pathlib, sys
            from jsonschema import Draft202012Validator
            d = pathlib.Path(sys.argv[1])
            schema = json.loads((d / "schema.json").read_text())
            Draft202012Validator.check_schema(schema)
            v = Draft202012Validator(schema)
            for f in sorted(d.glob("*.json")):
                if f.name != "schema.json":
                    print(f.stem, "valid" if v.is_valid(json.loads(f.read_text())) else "invalid")
            """
        let result = try await Python.run(script, arguments: [directory.path], requiring: ["jsonschema"])
        #expect(result.status == 0, "\(result.text)")
        #expect(
            result.text == """
                Approved valid
                Created valid
                Expired valid
                Failed valid
                Granted valid
                Rejected valid
                invalid invalid

                """)
    }
}
