import AccessEvents
import Handlebars
import JSON
import Testing
import WebhookModel

@Suite("Render-proof event variants")
struct EventVariantTests {
    let schema = EventSchema.standard

    @Test(arguments: Trigger.allCases)
    func everyVariantIsAValidEventOfItsTrigger(trigger: Trigger) {
        let variants = schema.variants(for: trigger)
        #expect(variants.count == 9)
        for variant in variants {
            #expect(schema.validate(variant.event).isEmpty, "\(variant.name): \(schema.validate(variant.event))")
            #expect(variant.event["event_type"]?.stringValue == trigger.eventType, "\(variant.name)")
        }
        let sample = EventSamples.sample(for: trigger)
        for variant in variants.dropFirst() {
            #expect(variant.event != sample, "\(variant.name) changes nothing")
        }
    }

    @Test func variantsDoWhatTheySay() throws {
        let byName = Dictionary(uniqueKeysWithValues: schema.variants(for: .created).map { ($0.name, $0.event) })
        let absent = try #require(byName["optional fields absent"]?["data"])
        // `JSONValue` is ExpressibleByNilLiteral, so absence is spelled `Optional.none`, not `nil` (which is `.null`).
        #expect(absent["revocation_date"] == Optional.none)
        #expect(absent["access_bundle"] == Optional.none)
        #expect(absent["justification"] == Optional.none)
        #expect(absent["approvals"]?[1]?["approver"] == Optional.none)
        let nulls = try #require(byName["nullable fields null"]?["data"])
        #expect(nulls["revocation_date"] == .null && nulls["access_bundle"] == .null)
        #expect(byName["arrays empty"]?["data"]?["access_groups"] == .array([]))
        let three = try #require(byName["arrays with three elements"]?["data"]?["access_groups"])
        guard case .array(let groups) = three, case .array(let units)? = groups.first?["access_units"] else {
            Issue.record("access_groups is not an array of groups")
            return
        }
        #expect(groups.count == 3 && units.count == 3)
        #expect(byName["hostile strings"]?["data"]?["justification"]?.stringValue == EventSchema.hostileString)
        #expect(byName["hostile strings"]?["data"]?["approvals_logical_relation"]?.stringValue == "AllOf")
        #expect(byName["large numbers"]?["event_time"] == .number(EventSchema.largeNumber))
    }
}
