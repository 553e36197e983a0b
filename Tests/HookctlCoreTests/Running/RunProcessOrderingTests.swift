import AccessEvents
import AsyncHTTPClient
import Foundation
import Hummingbird
import JSON
import NIOCore
import Synchronization
import TestSupport
import Testing
import WebhookModel

#if canImport(Glibc)
    import Glibc
#endif

/// `ordered: true` through a real `hookctl run` process, a real SQLite file and a real receiver.
@Suite("hookctl run, ordered webhooks")
struct RunProcessOrderingTests {
    /// Created, Approved and Granted about `id`, one second apart from `time`.
    static func lifecycle(_ id: String, at time: Double) throws -> [JSONValue] {
        try [(Trigger.created, 0.0), (.approved, 1.0), (.granted, 2.0)].map { trigger, offset in
            guard case .object(var event) = EventSamples.sample(for: trigger), case .object(var data)? = event["data"]
            else { throw RunProcessTests.RunnerTestError() }
            data["id"] = .string(id)
            event["data"] = .object(data)
            event["event_time"] = .number(time + offset)
            return .object(event)
        }
    }

    @Test func anOrderedWebhookGetsEachRequestsEventsInEventTimeOrderThroughRetries() async throws {
        let binary = try #require(ApplyKilledProcessTests.builtExecutable("hookctl"), "build hookctl first")
        // The first Created of each request fails: an unordered webhook would get Approved and Granted meanwhile.
        let failedOnce = Mutex(Set<String>())
        try await withReceiver(routes: { router, _ in
            router.post("/ordered") { request, _ -> Response in
                var request = request
                let body = try JSONValue(parsing: Array(try await request.collectBody(upTo: 1 << 16).readableBytesView))
                guard body["type"]?.stringValue == "AccessRequestCreated", let id = body["id"]?.stringValue else {
                    return Response(status: .ok)
                }
                return Response(status: failedOnce.withLock { $0.insert(id).inserted } ? .serviceUnavailable : .ok)
            }
            router.post("/plain") { _, _ in Response(status: .ok) }
        }) { receiver in
            let workspace = try Workspace()
            for (name, ordered) in [("ordered", true), ("plain", false)] {
                try workspace.write(
                    "webhooks.d/\(name).yaml",
                    """
                    name: \(name)
                    method: POST
                    url: http://127.0.0.1:\(receiver.port)/\(name)
                    triggers: [Created, Approved, Granted]
                    ordered: \(ordered)
                    retry:
                      max_attempts: 3
                      schedule: [1s]
                    body: '{"id": "{{data.id}}", "type": "{{event_type}}"}'
                    """)
            }
            let store = "sqlite:\(workspace.path)/state.db"
            let environment = ["HOOKCTL_STORE_KEY": PlanWorkspace.key, "HOOKCTL_INGEST_TOKEN": RunProcessTests.token]
            let runs = RunProcessTests()
            try await runs.applyDeclarations(in: workspace, store: store, environment: environment, allow: receiver)
            let (process, lines, url) = try await runs.startRunner(
                binary, in: workspace, store: store, environment: environment,
                arguments: ["--allow-target", receiver.allowTarget])
            defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

            // Each request's events arrive newest first, all in one batch.
            let requests = (0..<20).map { "AR-\($0)" }
            let events = try requests.enumerated().flatMap { i, id in
                try Self.lifecycle(id, at: 1_700_000_000 + Double(i) * 10).reversed()
            }
            var request = HTTPClientRequest(url: "\(url)/v1/events/batch")
            request.method = .POST
            request.headers.add(name: "Authorization", value: "Bearer \(RunProcessTests.token)")
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: JSONValue.array(events).serialized()))
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
            #expect(response.status.code == 202)

            let expected = requests.count * 3
            try await eventually("every event reached both webhooks", attempts: 600) {
                receiver.log.count(path: "/plain") == expected
                    && receiver.log.count(path: "/ordered") == expected + requests.count
            }
            var seen: [String: [String]] = [:]
            for received in receiver.log.all where received.path == "/ordered" {
                let body = try JSONValue(parsing: received.body)
                let id = try #require(body["id"]?.stringValue)
                seen[id, default: []].append(try #require(body["type"]?.stringValue))
            }
            for id in requests {
                #expect(
                    seen[id]
                        == [
                            "AccessRequestCreated", "AccessRequestCreated", "AccessRequestApproved",
                            "AccessRequestGranted",
                        ], "\(id): \(seen[id] ?? [])")
            }
            kill(process.processIdentifier, SIGTERM)
            try await eventually("the runner stopped") { !process.isRunning }
            #expect(process.terminationStatus == 0, "\(lines.all)")
        }
    }
}
