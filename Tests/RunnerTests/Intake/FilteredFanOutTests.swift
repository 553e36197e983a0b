import AccessEvents
import Foundation
import JSON
import Logging
import Store
import Synchronization
import TestSupport
import Testing
import WebhookModel

@testable import Runner

/// Webhooks' filters at the intake: an event a filter keeps out queues no delivery for that webhook, and the intake
/// names the webhooks that filtered it out (in its answer to the store seam and in its log).
@Suite struct FilteredFanOutTests {
    static func filtered(
        _ name: String, url: String, _ filter: Filter, triggers: [Trigger] = [.created]
    ) -> StoredWebhook {
        var stored = RunnerFixtures.webhook(name, url: url, triggers: triggers)
        stored.webhook.filter = filter
        return stored
    }

    /// The sample Created event requested by `email` (the sample's single access group is Postgresql "prod db").
    static func event(id: String, email: String = "user@example.com") -> [UInt8] {
        guard case .object(var event)? = try? JSONValue(parsing: RunnerFixtures.event(id: id)),
            case .object(var data)? = event["data"], case .object(var requester)? = data["requester"]
        else { return [] }
        requester["email"] = .string(email)
        data["requester"] = .object(requester)
        event["data"] = .object(data)
        return JSONValue.object(event).serialized()
    }

    static let hooks = [
        RunnerFixtures.webhook("all", url: "https://all.example.com/in"),
        filtered(
            "postgres", url: "https://pg.example.com/in", Filter(all: [.init(.named(.integrationType), ["Postgresql"])])
        ),
        filtered(
            "contractors", url: "https://siem.example.com/in",
            Filter(all: [.init(.named(.requesterEmail), ["*@contractor.example"])])),
        filtered(
            "snowflake", url: "https://sf.example.com/in", Filter(all: [.init(.named(.integrationType), ["Snowflake"])])
        ),
    ]

    /// Log lines, for the intake's "event filtered out".
    final class Lines: Sendable {
        let lines = Mutex<[(message: String, metadata: Logger.Metadata)]>([])
        var all: [(message: String, metadata: Logger.Metadata)] { lines.withLock { $0 } }
    }

    struct Capture: LogHandler {
        let sink: Lines
        var logLevel: Logger.Level = .info
        var metadata: Logger.Metadata = [:]
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) {
            sink.lines.withLock { $0.append(("\(event.message)", event.metadata ?? [:])) }
        }
    }

    @Test func anEventIsQueuedOnlyForTheWebhooksWhoseFilterItPassesAndTheRestAreNamed() async throws {
        let store = try await RunnerFixtures.store(Self.hooks)
        let lines = Lines()
        let intake = EventIntake(queue: store, logger: Logger(label: "t") { _ in Capture(sink: lines) })
        let answer = await intake.acceptOne(Self.event(id: "AR-1"), idempotencyKey: nil)
        #expect(answer.status == 202)
        let ids = try #require(answer.body["delivery_ids"]?.arrayStrings)
        var names: [String] = []
        for id in ids { names.append(try #require(try await store.delivery(id: id)).webhook) }
        #expect(names.sorted() == ["all", "postgres"])
        let logged = try #require(lines.all.first)
        #expect(logged.message == "event filtered out")
        #expect(logged.metadata["webhooks"] == "contractors,snowflake")
        #expect(logged.metadata["event"]?.description == answer.body["event_id"]?.stringValue)

        // A contractor's request reaches the SIEM too; the duplicate is not judged or logged again.
        let contractor = await intake.acceptOne(
            Self.event(id: "AR-2", email: "jo@contractor.example"), idempotencyKey: nil)
        #expect(contractor.body["delivery_ids"]?.arrayStrings?.count == 3)
        #expect(lines.all.last?.metadata["webhooks"] == "snowflake")
        _ = await intake.acceptOne(Self.event(id: "AR-2", email: "jo@contractor.example"), idempotencyKey: nil)
        #expect(lines.all.count == 2)
    }

    @Test func aBatchJudgesEachEventOnItsOwn() async throws {
        let store = try await RunnerFixtures.store(Self.hooks)
        let batch =
            Array("[".utf8) + Self.event(id: "B-1") + Array(",".utf8)
            + Self.event(id: "B-2", email: "x@contractor.example") + Array("]".utf8)
        let answer = await EventIntake(queue: store).acceptBatch(batch)
        #expect(answer.status == 202)
        let counts = (0..<2).map { answer.body["results"]?[$0]?["delivery_ids"]?.arrayStrings?.count }
        #expect(counts == [2, 3])
    }
}

extension RunnerServiceTests {
    @Test func aFilteredEventProducesNoDeliveryThroughARealRunner() async throws {
        try await withReceiver(answering: CannedResponse()) { receiver in
            let store = try await RunnerFixtures.store([
                RunnerFixtures.webhook("everything", url: receiver.url("/all")),
                FilteredFanOutTests.filtered(
                    "contractors", url: receiver.url("/siem"),
                    Filter(all: [.init(.named(.requesterEmail), ["*@contractor.example"])])),
            ])
            try await withRunner(store: store, clock: SystemClock(), allow: [receiver.allowTarget]) { intake in
                let staff = try await post(intake + "/v1/events", FilteredFanOutTests.event(id: "AR-7"))
                #expect(staff.status == 202)
                #expect(staff.body?["delivery_ids"]?.arrayStrings?.count == 1, "only the unfiltered webhook")
                let contractor = try await post(
                    intake + "/v1/events", FilteredFanOutTests.event(id: "AR-8", email: "kim@contractor.example"))
                let ids = try #require(contractor.body?["delivery_ids"]?.arrayStrings)
                #expect(ids.count == 2)
                for id in ids {
                    try await eventually("delivered") { try await store.delivery(id: id)?.state == .delivered }
                }
                try await eventually("both events reached /all") { receiver.log.count(path: "/all") == 2 }
                // Every delivery the store holds is accounted for: the staff event has none for the SIEM.
                let siem = receiver.log.all.filter { $0.path == "/siem" }
                #expect(siem.count == 1 && siem[0].bodyText.contains("AR-8"))
                let summary = try await store.queueSummary(now: Date())
                #expect(summary.rows.allSatisfy { $0.pending == 0 })
                // And /metrics counts the one event the filter kept out, for that webhook only.
                let metrics = try await PrometheusText.scrape(intake + "/metrics").text
                #expect(metrics.value("hookctl_events_filtered_total", ["webhook": "contractors"]) == 1)
                #expect(metrics.value("hookctl_events_filtered_total", ["webhook": "everything"]) == nil)
            }
        }
    }
}

extension JSONValue {
    fileprivate var arrayStrings: [String]? {
        guard case .array(let items) = self else { return nil }
        return items.compactMap(\.stringValue)
    }
}
