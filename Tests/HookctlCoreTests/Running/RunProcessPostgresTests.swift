import AccessEvents
import AsyncHTTPClient
import Foundation
import HookctlCore
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

/// Real `hookctl run` processes sharing one PostgreSQL database: several runners at once, one SIGKILLed mid-load.
@Suite("hookctl run on PostgreSQL", .serialized, .enabled(if: PostgresServer.enabled, PostgresServer.skipped))
struct RunProcessPostgresTests {
    /// What the receiver saw: every request's `(id, type)` per path in arrival order, and whether a delivery was
    /// ever being received twice at the same moment.
    final class Deliveries: Sendable {
        private let state = Mutex(
            (seen: [String: [(id: String, type: String)]](), inFlight: Set<String>(), overlaps: 0))

        func begin(_ path: String, _ id: String, _ type: String) {
            state.withLock { state in
                state.seen[path, default: []].append((id, type))
                if !state.inFlight.insert("\(path) \(id) \(type)").inserted { state.overlaps += 1 }
            }
        }

        func end(_ path: String, _ id: String, _ type: String) {
            _ = state.withLock { $0.inFlight.remove("\(path) \(id) \(type)") }
        }

        func distinct(_ path: String) -> Int {
            state.withLock { Set(($0.seen[path] ?? []).map { "\($0.id) \($0.type)" }).count }
        }
        func total(_ path: String) -> Int { state.withLock { $0.seen[path]?.count ?? 0 } }
        func sequence(_ path: String, _ id: String) -> [String] {
            state.withLock { ($0.seen[path] ?? []).filter { $0.id == id }.map(\.type) }
        }
        var overlaps: Int { state.withLock { $0.overlaps } }
    }

    /// Routes that record each delivery, holding it a few milliseconds so overlapping sends would show.
    static func routes(_ deliveries: Deliveries) -> (Router<BasicRequestContext>, ReceiverLog) -> Void {
        { router, _ in
            for path in ["/ordered", "/plain"] {
                router.post(RouterPath(path)) { request, _ -> Response in
                    var request = request
                    let body = try JSONValue(
                        parsing: Array(try await request.collectBody(upTo: 1 << 16).readableBytesView))
                    let id = body["id"]?.stringValue ?? "?"
                    let type = body["type"]?.stringValue ?? "?"
                    deliveries.begin(path, id, type)
                    try await Task.sleep(for: .milliseconds(3))
                    deliveries.end(path, id, type)
                    return Response(status: .ok)
                }
            }
        }
    }

    func declare(in workspace: Workspace, port: Int) throws {
        for (name, ordered) in [("ordered", true), ("plain", false)] {
            try workspace.write(
                "webhooks.d/\(name).yaml",
                """
                name: \(name)
                method: POST
                url: http://127.0.0.1:\(port)/\(name)
                triggers: [Created, Approved, Granted]
                ordered: \(ordered)
                retry:
                  max_attempts: 10
                  schedule: [1s]
                body: '{"id": "{{data.id}}", "type": "{{event_type}}"}'
                """)
        }
    }

    /// POSTs `events` to `runner`'s batch intake until it answers 202 (503 while the database is away).
    func post(_ events: [JSONValue], to runner: String) async throws {
        for _ in 0..<60 {
            var request = HTTPClientRequest(url: "\(runner)/v1/events/batch")
            request.method = .POST
            request.headers.add(name: "Authorization", value: "Bearer \(RunProcessTests.token)")
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: JSONValue.array(events).serialized()))
            if let response = try? await HTTPClient.shared.execute(request, timeout: .seconds(30)) {
                _ = try? await response.body.collect(upTo: 1 << 22)
                if response.status.code == 202 { return }
                #expect(response.status.code == 503, "only 503 while the database is away")
            }
            try await Task.sleep(for: .milliseconds(500))
        }
        Issue.record("the intake never accepted the batch")
    }

    /// Checks that each access request's events reached the ordered webhook in event-time order (repeats allowed).
    func expectInOrder(_ deliveries: Deliveries, requests: [String]) {
        let rank = ["AccessRequestCreated": 0, "AccessRequestApproved": 1, "AccessRequestGranted": 2]
        for id in requests {
            let ranks = deliveries.sequence("/ordered", id).map { rank[$0] ?? -1 }
            #expect(ranks == ranks.sorted() && Set(ranks) == [0, 1, 2], "\(id): \(ranks)")
        }
    }

    @Test func threeRunnersShareTheWorkAndOneKilledMidLoadLosesNothing() async throws {
        let binary = try #require(ApplyKilledProcessTests.builtExecutable("hookctl"), "build hookctl first")
        let deliveries = Deliveries()
        try await withReceiver(routes: Self.routes(deliveries)) { receiver in
            let workspace = try Workspace()
            try declare(in: workspace, port: receiver.port)
            let store = try await PostgresServer.freshURL()
            let environment = ["HOOKCTL_STORE_KEY": PlanWorkspace.key, "HOOKCTL_INGEST_TOKEN": RunProcessTests.token]
            let runs = RunProcessTests()
            try await runs.applyDeclarations(in: workspace, store: store, environment: environment, allow: receiver)
            let arguments = ["--allow-target", receiver.allowTarget, "--lease", "2s", "--concurrency", "16"]
            var runners: [(process: Process, log: RunProcessTests.Lines, url: String)] = []
            for _ in 0..<3 {
                runners.append(
                    try await runs.startRunner(
                        binary, in: workspace, store: store, environment: environment, arguments: arguments))
            }
            defer {
                for runner in runners where runner.process.isRunning { kill(runner.process.processIdentifier, SIGKILL) }
            }

            // 500 access requests, three events each: each request's events arrive together, newest first or
            // shuffled, in one of fifteen batches spread over the three runners' intakes (the order an ordered
            // webhook keeps is event time among the events queued; see README's Guarantees).
            let requests = (0..<500).map { "AR-\($0)" }
            var generator = SplitMix64(seed: 7)
            var batches: [[JSONValue]] = []
            for group in stride(from: 0, to: requests.count, by: 34) {
                var batch: [JSONValue] = []
                for (i, id) in requests[group..<min(group + 34, requests.count)].enumerated() {
                    batch += try RunProcessOrderingTests.lifecycle(id, at: 1_700_000_000 + Double(group + i) * 10)
                }
                batch.shuffle(using: &generator)
                batches.append(batch)
            }
            let events = batches.flatMap { $0 }
            for (i, batch) in batches.enumerated() { try await post(batch, to: runners[i % 3].url) }
            let expected = events.count

            try await eventually("deliveries are under way") { deliveries.total("/plain") >= 200 }
            kill(runners[2].process.processIdentifier, SIGKILL)
            try await eventually("the killed runner is gone") { !runners[2].process.isRunning }
            #expect(deliveries.distinct("/plain") < expected, "the kill came mid-load")

            try await eventually("every event reached both webhooks", attempts: 1_800) {
                deliveries.distinct("/plain") == expected && deliveries.distinct("/ordered") == expected
            }
            #expect(deliveries.overlaps == 0, "no delivery was being sent by two runners at once")
            let duplicates = deliveries.total("/plain") + deliveries.total("/ordered") - 2 * expected
            // What the killed runner had sent and not yet recorded: its sends in flight (--concurrency 16) and the
            // finished attempts waiting for their group commit (at most 256, WorkerLoop.flushBatch).
            #expect(duplicates <= 16 + 256, "duplicates are bounded by what the killed runner had sent, unrecorded")
            expectInOrder(deliveries, requests: requests)
            for runner in runners.prefix(2) {
                kill(runner.process.processIdentifier, SIGTERM)
                try await eventually("the runner stopped") { !runner.process.isRunning }
                #expect(runner.process.terminationStatus == 0, "\(runner.log.all)")
            }
            #expect(runners.allSatisfy { !$0.log.all.contains("postgres://postgres:") }, "no password in the logs")
        }
    }
}
