import AccessEvents
import Foundation
import JSON
public import Logging
public import Store
import WebhookModel

/// The intake's decisions, apart from HTTP: a body becomes accepted events, committed with their fan-out before
/// the answer, or an answer that says exactly what was wrong. `POST /v1/events`, `/v1/events/batch` and
/// `hookctl emit` all go through it.
public struct EventIntake: Sendable {
    let queue: any DeliveryQueueStore
    let clock: any WallClock
    let commitTimeout: Duration
    /// Called after events were committed, to wake the workers.
    let accepted: @Sendable () -> Void
    /// Where accepted, duplicate and rejected events are counted.
    let metrics: RunnerMetrics
    /// Where the events that webhooks' filters kept out are logged (`nil`: not logged).
    let logger: Logger?
    /// Commits the events of concurrent requests together.
    let commits: IntakeCommits

    public init(
        queue: any DeliveryQueueStore, clock: any WallClock = SystemClock(), commitTimeout: Duration = .seconds(5),
        metrics: RunnerMetrics = RunnerMetrics(), logger: Logger? = nil, accepted: @escaping @Sendable () -> Void = {}
    ) {
        self.queue = queue
        self.clock = clock
        self.commitTimeout = commitTimeout
        self.metrics = metrics
        self.logger = logger
        self.accepted = accepted
        commits = IntakeCommits(queue: queue, clock: clock)
    }

    /// The longest `Idempotency-Key` taken, in characters.
    public static let maxIdempotencyKeyLength = 255

    /// One event: 202 with its event and delivery ids, 400 with the problems, or 503 when the store is too slow.
    public func acceptOne(_ body: [UInt8], idempotencyKey: String?) async -> IntakeAnswer {
        if let idempotencyKey, idempotencyKey.count > Self.maxIdempotencyKeyLength {
            return .error(
                400,
                "the Idempotency-Key is \(idempotencyKey.count) characters; at most \(Self.maxIdempotencyKeyLength)")
        }
        do throws(Rejection) {
            let value = try Self.parse(body)
            let event = try Self.event(from: value, idempotencyKey: idempotencyKey, receivedAt: clock.now.date)
            let results = try await commit([event], parsed: [event.id: value])
            metrics.intakeEvents(results[0].duplicate ? .duplicate : .accepted)
            return IntakeAnswer(status: 202, body: Self.acceptedBody(results[0]))
        } catch {
            if !error.problems.isEmpty { metrics.intakeEvents(.rejected) }
            return error.answer
        }
    }

    /// A JSON array of up to 1,000 events: the valid ones are committed together; 202 with a result per item (each
    /// item `accepted` or with its problems), or 400 when the body is not such an array.
    public func acceptBatch(_ body: [UInt8]) async -> IntakeAnswer {
        let value: JSONValue
        do throws(Rejection) { value = try Self.parse(body) } catch { return error.answer }
        guard case .array(let items) = value else {
            return .error(
                400, "the body must be a JSON array of events", details: [("found", .string(value.kindDescription))])
        }
        guard items.count <= RunnerConfiguration.maxBatchEvents else {
            return .error(
                400, "a batch holds at most \(RunnerConfiguration.maxBatchEvents) events; this one has \(items.count)")
        }
        let now = clock.now.date
        var results: [JSONValue] = Array(repeating: .null, count: items.count)
        var valid: [(index: Int, event: AcceptedEvent)] = []
        var parsed: [String: JSONValue] = [:]
        for (index, item) in items.enumerated() {
            do throws(Rejection) {
                let event = try Self.event(from: item, idempotencyKey: nil, receivedAt: now, pathPrefix: "$[\(index)]")
                valid.append((index, event))
                parsed[event.id] = item
            } catch {
                results[index] = [
                    "index": .number(Double(index)), "accepted": false, "problems": Self.problemsJSON(error.problems),
                ]
            }
        }
        metrics.intakeEvents(.rejected, count: items.count - valid.count)
        if !valid.isEmpty {
            do throws(Rejection) {
                let enqueued = try await commit(valid.map(\.event), parsed: parsed)
                let duplicates = enqueued.filter(\.duplicate).count
                metrics.intakeEvents(.duplicate, count: duplicates)
                metrics.intakeEvents(.accepted, count: enqueued.count - duplicates)
                for (position, item) in valid.enumerated() {
                    var members = [(key: "index", value: JSONValue.number(Double(item.index))), ("accepted", true)]
                    if case .object(let object) = Self.acceptedBody(enqueued[position]) {
                        members += object.members.map { ($0.key, $0.value) }
                    }
                    results[item.index] = .object(JSONObject(members: members))
                }
            } catch {
                return error.answer
            }
        }
        return IntakeAnswer(
            status: 202,
            body: [
                "accepted": .number(Double(valid.count)), "rejected": .number(Double(items.count - valid.count)),
                "results": .array(results),
            ])
    }

    /// Commits within `commitTimeout` (together with other requests' events that arrive meanwhile: `IntakeCommits`),
    /// else a 503 with `Retry-After`. A commit that finishes after the answer still stands; the client's retry is
    /// then answered as a duplicate. `parsed` holds each event's JSON by id, which webhooks' filters are matched
    /// against at fan-out.
    func commit(_ events: [AcceptedEvent], parsed: [String: JSONValue]) async throws(Rejection) -> [Enqueued] {
        let outcome = await commits.enqueue(
            IntakeCommits.Batch(events: events, parsed: parsed), timeout: commitTimeout)
        switch outcome {
        case .success(let enqueued)?:
            accepted()
            reportFiltered(enqueued)
            return enqueued
        case .failure(let error)?:
            throw Rejection(
                .error(503, "the store could not commit the event: \(error)", headers: ["Retry-After": "1"]))
        case nil:
            throw Rejection(.error(503, "the store did not commit in time; try again", headers: ["Retry-After": "1"]))
        }
    }

    /// Matches filters against the events as parsed at the intake (an event it does not know passes no filter).
    static func fanOutFilter(_ parsed: [String: JSONValue]) -> FanOutFilter {
        FanOutFilter { event, filter in parsed[event.id].map(filter.matches) ?? false }
    }

    /// One log line per event that some webhooks' filters kept out, naming them.
    func reportFiltered(_ enqueued: [Enqueued]) {
        for result in enqueued where !result.filteredOut.isEmpty {
            for webhook in result.filteredOut { metrics.eventFiltered(webhook: webhook) }
            logger?.info(
                "event filtered out",
                metadata: [
                    "event": "\(result.eventID)", "webhooks": "\(result.filteredOut.joined(separator: ","))",
                    "deliveries": "\(result.deliveryIDs.count)",
                ])
        }
    }

    static func parse(_ body: [UInt8]) throws(Rejection) -> JSONValue {
        do {
            return try JSONValue(parsing: body, maxDepth: 64, strict: true)
        } catch {
            throw Rejection(
                .error(
                    400, "the body is not valid JSON: \(error.message)",
                    details: [("line", .number(Double(error.line))), ("column", .number(Double(error.column)))]))
        }
    }

    /// The accepted event for a JSON value, or its problems (each with a JSON path).
    static func event(
        from value: JSONValue, idempotencyKey: String?, receivedAt: Date, pathPrefix: String = "$"
    ) throws(Rejection) -> AcceptedEvent {
        guard case .object = value else {
            throw Rejection(
                problems: [
                    EventProblem(path: pathPrefix, message: "must be a JSON object, not \(value.kindDescription)")
                ])
        }
        let problems = EventSchema.standard.validate(value, limit: 20)
        guard problems.isEmpty else {
            throw Rejection(
                problems: problems.map { EventProblem(path: join(pathPrefix, $0.path), message: $0.message) })
        }
        guard let eventType = value["event_type"]?.stringValue, let trigger = Trigger(eventType: eventType),
            let requestID = value["data"]?["id"]?.stringValue, let time = value["event_time"]?.numberValue
        else {
            throw Rejection(problems: [EventProblem(path: pathPrefix, message: "is not an access-request event")])
        }
        // The access request's id is a key of the queue (idempotency, ordering) in text columns, which neither
        // SQLite's C strings nor PostgreSQL hold a NUL in: cut there, two requests' events would be one.
        guard !requestID.unicodeScalars.contains("\u{0}") else {
            throw Rejection(
                problems: [
                    EventProblem(
                        path: join(pathPrefix, "data.id"),
                        message: "must not contain U+0000 (NUL); an access request's id is text without it")
                ])
        }
        let key =
            idempotencyKey.flatMap { $0.isEmpty ? nil : $0 }
            ?? "\(eventType)|\(requestID)|\(JSONValue.number(time).jsonText)"
        return AcceptedEvent(
            idempotencyKey: key, trigger: trigger, accessRequestID: requestID,
            eventTime: Date(timeIntervalSince1970: time), payload: value.serialized(), receivedAt: receivedAt)
    }

    static func join(_ prefix: String, _ path: String) -> String {
        path.isEmpty ? prefix : path.hasPrefix("[") ? prefix + path : prefix + "." + path
    }

    static func invalid(_ problems: [EventProblem]) -> IntakeAnswer {
        .error(400, "the event breaks the access-request event schema", details: [("problems", problemsJSON(problems))])
    }

    static func problemsJSON(_ problems: [EventProblem]) -> JSONValue {
        .array(problems.map { ["path": .string($0.path), "message": .string($0.message)] })
    }

    static func acceptedBody(_ enqueued: Enqueued) -> JSONValue {
        [
            "event_id": .string(enqueued.eventID), "delivery_ids": .array(enqueued.deliveryIDs.map(JSONValue.string)),
            "duplicate": .bool(enqueued.duplicate),
        ]
    }

    /// Why a body or an event was not accepted: the answer to give, and for an event its problems.
    struct Rejection: Error {
        var answer: IntakeAnswer
        var problems: [EventProblem]

        init(_ answer: IntakeAnswer) {
            self.answer = answer
            problems = []
        }

        init(problems: [EventProblem]) {
            self.problems = problems
            answer = EventIntake.invalid(problems)
        }
    }
}
