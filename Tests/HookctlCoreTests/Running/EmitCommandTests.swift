import AccessEvents
import Foundation
import HookctlCore
import JSON
import SQLiteStore
import Testing

/// `hookctl emit` with a file: one event, or an array of events queued as the batch endpoint queues them.
@Suite("hookctl emit")
struct EmitCommandTests {
    /// A Created event about access request `id`, as JSON text.
    static func event(_ id: String) -> String {
        guard case .object(var event) = EventSamples.sample(for: .created), case .object(var data)? = event["data"]
        else { return "{}" }
        data["id"] = .string(id)
        event["data"] = .object(data)
        return JSONValue.object(event).jsonText
    }

    func emitFile(
        _ ws: PlanWorkspace, _ text: String, idempotencyKey: String? = nil
    ) async -> (
        code: Int32, out: String, err: String
    ) {
        try! text.write(toFile: ws.root + "/events.json", atomically: true, encoding: .utf8)
        var options = EmitOptions()
        (options.event, options.idempotencyKey, options.currentDirectory) = ("events.json", idempotencyKey, ws.root)
        let (terminal, out, err) = Terminal.capturing(environment: ws.environment)
        let code = await emit(options, terminal: terminal)
        return (code, out.text, err.text)
    }

    func pending(_ ws: PlanWorkspace) async throws -> Int {
        let store = try SQLiteStore(path: ws.storePath)
        return try await store.queueSummary(now: Date()).rows.map(\.pending).reduce(0, +)
    }

    @Test func anArrayIsQueuedLikeABatchWithAResultPerItem() async throws {
        let ws = PlanWorkspace()
        ws.declare("a")
        #expect(await ws.apply().code == ApplyExit.applied)

        let all = await emitFile(ws, "\n [\(Self.event("AR-1")), \(Self.event("AR-2")), \(Self.event("AR-3"))]")
        #expect(all.code == StoreCommandExit.done, "\(all.err)")
        let answer = try JSONValue(parsing: Array(all.out.utf8))
        #expect(answer["accepted"] == 3 && answer["rejected"] == 0, "\(all.out)")
        #expect(try await pending(ws) == 3)

        // One bad item: the good ones are queued all the same (a repeat is a duplicate), and emit says so.
        let mixed = await emitFile(ws, "[\(Self.event("AR-4")), {\"event_type\": 1}, \(Self.event("AR-1"))]")
        #expect(mixed.code == StoreCommandExit.error)
        let mixedAnswer = try JSONValue(parsing: Array(mixed.err.utf8))
        #expect(mixedAnswer["accepted"] == 2 && mixedAnswer["rejected"] == 1, "\(mixed.err)")
        #expect(mixedAnswer["results"]?[2]?["duplicate"] == true)
        #expect(mixed.err.contains("$[1]"), "each problem names its item")
        #expect(try await pending(ws) == 4)
    }

    /// An event no active webhook takes is recorded all the same, and emit says that nothing will go out for it.
    @Test func anEventThatMatchesNoWebhookIsQueuedWithANote() async throws {
        let ws = PlanWorkspace()
        ws.declare("a")
        #expect(await ws.apply().code == ApplyExit.applied)
        let matched = await emitFile(ws, Self.event("AR-1"))
        #expect(matched.code == StoreCommandExit.done && matched.err.isEmpty, "\(matched.err)")

        func approved(_ id: String) -> String {
            Self.event(id).replacingOccurrences(of: "AccessRequestCreated", with: "AccessRequestApproved")
        }
        let unmatched = await emitFile(ws, approved("AR-2"))
        #expect(unmatched.code == StoreCommandExit.done, "\(unmatched.err)")
        #expect(try JSONValue(parsing: Array(unmatched.out.utf8))["delivery_ids"] == [])
        #expect(unmatched.out.contains("\"delivery_ids\" : [],"), "an empty list on one line: \(unmatched.out)")
        #expect(
            unmatched.err
                == "note: the event matched no active webhook in the store (none takes its trigger, or their filters "
                + "leave it out), so nothing will be delivered for it; hookctl list shows the live webhooks, their "
                + "triggers and which are filtered\n")

        // In a batch, a duplicate (AR-2) was noted when it was first accepted.
        let batch = await emitFile(
            ws, "[\(approved("AR-2")), \(approved("AR-3")), \(Self.event("AR-4")), \(approved("AR-5"))]")
        #expect(batch.code == StoreCommandExit.done, "\(batch.err)")
        #expect(batch.err.hasPrefix("note: 2 events matched no active webhook"), "\(batch.err)")
        #expect(batch.err.contains("nothing will be delivered for them;"), "\(batch.err)")
    }

    @Test func aFileOverTheIntakesLimitIsRefusedAndAMissingOneSaysWhy() async throws {
        let ws = PlanWorkspace()
        ws.declare("a")
        #expect(await ws.apply().code == ApplyExit.applied)
        let padded = Self.event("AR-big").dropLast() + ", \"pad\": \"" + String(repeating: "x", count: 1 << 20) + "\"}"
        let big = await emitFile(ws, String(padded))
        #expect(big.code == StoreCommandExit.error)
        #expect(
            big.err
                == "error: events.json is larger than 1 MiB (1048576 bytes), the most POST /v1/events takes; split an "
                + "array into several files\n")
        #expect(try await pending(ws) == 0)

        var options = EmitOptions()
        (options.event, options.currentDirectory) = ("nope.json", ws.root)
        let (terminal, _, err) = Terminal.capturing(environment: ws.environment)
        #expect(await emit(options, terminal: terminal) == StoreCommandExit.error)
        #expect(err.text == "error: cannot read nope.json: no such file\n")
    }

    /// `--event -` reads standard input; a device or a pipe is read like a file, and one that never ends is cut off
    /// at the intake's limit instead of being read forever.
    @Test func standardInputAndDevicesAreReadLikeFiles() async throws {
        let ws = PlanWorkspace()
        ws.declare("a")
        #expect(await ws.apply().code == ApplyExit.applied)
        func emitting(_ path: String, input: Int32 = STDIN_FILENO) async -> (code: Int32, out: String, err: String) {
            var options = EmitOptions()
            (options.event, options.currentDirectory) = (path, ws.root)
            var (terminal, out, err) = Terminal.capturing(environment: ws.environment)
            terminal.input = input
            return (await emit(options, terminal: terminal), out.text, err.text)
        }

        let pipe = Pipe()
        pipe.fileHandleForWriting.write(Data(Self.event("AR-stdin").utf8))
        try pipe.fileHandleForWriting.close()
        let piped = await emitting("-", input: pipe.fileHandleForReading.fileDescriptor)
        #expect(piped.code == StoreCommandExit.done, "\(piped.err)")
        #expect(piped.out.contains("\"duplicate\" : false"), "\(piped.out)")
        #expect(try await pending(ws) == 1)

        let empty = await emitting("/dev/null")
        #expect(empty.code == StoreCommandExit.error)
        #expect(empty.err.contains("\"error\" : \"the body is not valid JSON: unexpected end of input"), "\(empty.err)")
        let endless = await emitting("/dev/zero")
        #expect(endless.code == StoreCommandExit.error)
        #expect(endless.err.hasPrefix("error: /dev/zero is larger than 1 MiB (1048576 bytes)"), "\(endless.err)")
        let directory = await emitting(".")
        #expect(directory.err == "error: cannot read .: it is a directory\n")
        #expect(try await pending(ws) == 1)
    }

    @Test func anArrayTakesNoIdempotencyKey() async throws {
        let ws = PlanWorkspace()
        ws.declare("a")
        #expect(await ws.apply().code == ApplyExit.applied)
        let result = await emitFile(ws, "[\(Self.event("AR-1"))]", idempotencyKey: "k-1")
        #expect(result.code == StoreCommandExit.usage)
        #expect(result.err.contains("--idempotency-key is for one event"))
        #expect(try await pending(ws) == 0)
    }
}
