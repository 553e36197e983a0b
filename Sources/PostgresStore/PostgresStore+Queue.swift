public import Foundation
import PostgresNIO
public import Store
import WebhookModel

/// The delivery queue in PostgreSQL, shared by many runners: claims take due deliveries with
/// `FOR UPDATE SKIP LOCKED` under a lease (owner, expiry), so two runners never claim one delivery at once and a
/// dead runner's deliveries are claimed again when their leases lapse. Ordered webhooks' lines hold across runners:
/// a delivery is claimable only once no earlier pending delivery of its access request to its webhook is left,
/// whoever holds that one. New events and applied configuration are announced with `NOTIFY`.
extension PostgresStore: DeliveryQueueStore {
    /// The channel `enqueue` notifies; runners `LISTEN` on it to wake at once.
    public static let eventsChannel = "hookctl_events"
    /// The channel `commit` and `setActive` notify.
    public static let configurationChannel = "hookctl_configuration"

    public func enqueue(
        _ events: [AcceptedEvent], now: Date, filter: FanOutFilter
    ) async throws(StoreError) -> [Enqueued] {
        guard !events.isEmpty else { return [] }
        return try await transaction { db in try await Self.enqueue(events, now: now, filter: filter, db) }
    }

    public func claim(
        lane: DeliveryLane, limit: Int, owner: String, lease: Duration, now: Date, excluding: Set<String>
    ) async throws(StoreError) -> [ClaimedDelivery] {
        guard limit > 0 else { return [] }
        let expiresAt = now.adding(lease)
        return try await transaction { db in
            try await Self.claim(
                lane: lane, limit: limit, owner: owner, expiresAt: expiresAt, now: now, excluding: excluding.sorted(),
                versions: versions, db)
        }
    }

    @discardableResult
    public func finish(
        _ results: [AttemptResult], owner: String, now: Date
    ) async throws(StoreError) -> [String: String] {
        guard !results.isEmpty else { return [:] }
        var documents: [String?] = []
        for result in results {
            documents.append(
                try result.invocation.map { invocation throws(StoreError) in try StoreCoding.encode(invocation) })
        }
        let encoded = documents
        return try await transaction { db in
            var disabled: [String: String] = [:]
            // In order, as one after the other; a run of deliveries that succeeded (nearly all of them, on a good
            // day) is applied by two statements, not four per result.
            var delivered: [(AttemptResult, Invocation, String)] = []
            for (result, document) in zip(results, encoded) {
                if case .delivered = result.outcome, result.disableWebhook == nil, let invocation = result.invocation,
                    let document
                {
                    delivered.append((result, invocation, document))
                    continue
                }
                try await Self.finishDelivered(delivered, owner: owner, db)
                delivered.removeAll()
                if let (webhook, reason) = try await Self.finish(result, document: document, owner: owner, now: now, db)
                {
                    disabled[webhook] = reason
                }
            }
            try await Self.finishDelivered(delivered, owner: owner, db)
            return disabled
        }
    }

    /// Applies successful attempts together: their invocations, their deliveries (those `owner` still holds) done,
    /// and their webhooks' runs of failures ended — what `finish` does for each, in two statements.
    fileprivate static func finishDelivered(
        _ delivered: [(result: AttemptResult, invocation: Invocation, document: String)], owner: String,
        _ db: PostgresConnection
    ) async throws {
        guard !delivered.isEmpty else { return }
        let invocations = delivered.map(\.invocation)
        try await SQL.rows(
            db,
            """
            INSERT INTO invocation (id, webhook, trigger, status, started_at, document)
            SELECT id, webhook, trigger, status, started_at, document
            FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::float8[], ?::text[])
                WITH ORDINALITY AS i (id, webhook, trigger, status, started_at, document, n)
            ORDER BY n
            ON CONFLICT (id) DO UPDATE SET webhook = excluded.webhook, trigger = excluded.trigger,
                status = excluded.status, started_at = excluded.started_at, document = excluded.document
            """,
            [
                .texts(invocations.map(\.id)), .texts(invocations.map(\.webhook)),
                .texts(invocations.map(\.trigger.rawValue)), .texts(invocations.map(\.status.rawValue)),
                .doubles(invocations.map(\.startedAt.timeIntervalSince1970)), .texts(delivered.map(\.document)),
            ])
        try await SQL.rows(
            db,
            """
            WITH done AS (
                UPDATE delivery SET state = ?, attempts = attempts + 1, lane = ?, last_failure = NULL,
                    lease_owner = NULL, lease_expires_at = NULL
                WHERE id = ANY(?) AND state = ? AND lease_owner = ?
                RETURNING webhook
            )
            DELETE FROM failure_run WHERE webhook IN (SELECT webhook FROM done)
            """,
            [
                .text(QueuedDelivery.State.delivered.rawValue), .text(DeliveryLane.retry.rawValue),
                .texts(delivered.map(\.result.deliveryID)), .text(QueuedDelivery.State.pending.rawValue),
                .text(owner),
            ])
    }

    public func redeliver(eventID: String, webhook: String, now: Date) async throws(StoreError) -> String {
        try await transaction { db in
            guard try await SQL.row(db, "SELECT 1 AS found FROM event WHERE id = ?", [.text(eventID)]) != nil else {
                throw StoreError.unknownEvent(eventID)
            }
            guard
                let row = try await SQL.row(
                    db, "SELECT version, version_id FROM webhook WHERE name = ? AND version_id IS NOT NULL",
                    [.text(webhook)])
            else { throw StoreError.notFound(webhook) }
            let id = QueuedDelivery.newID()
            try await Self.insertDeliveries(
                [
                    NewDelivery(
                        id: id, eventID: eventID, webhook: webhook, version: try row.value("version"),
                        versionID: try row.value("version_id"), trigger: .redelivery, orderedBy: nil)
                ], now: now, db)
            try await SQL.rows(db, "SELECT pg_notify(?, '')", [.text(Self.eventsChannel)])
            return id
        }
    }

    public func nextDueAt() async throws(StoreError) -> Date? {
        try await withConnection { db in
            let row = try await SQL.row(
                db,
                """
                SELECT (SELECT min(due_at) FROM delivery
                        WHERE state = 'pending' AND lease_expires_at IS NULL) AS due,
                    (SELECT min(lease_expires_at) FROM delivery WHERE lease_expires_at IS NOT NULL) AS expiry
                """)
            let times = [try row?.value("due", as: Double?.self), try row?.value("expiry", as: Double?.self)]
            return times.compactMap { $0 ?? nil }.min().map(Date.init(timeIntervalSince1970:))
        }
    }

    public func queueSummary(now: Date) async throws(StoreError) -> QueueSummary {
        let at = now.timeIntervalSince1970
        return try await withConnection { db in
            var rows: [String: QueueSummary.Row] = [:]
            let free = "(lease_expires_at IS NULL OR lease_expires_at <= ?)"
            for row in try await SQL.rows(
                db,
                """
                SELECT webhook, COUNT(*) AS pending,
                    COUNT(*) FILTER (WHERE \(free) AND due_at <= ?) AS due,
                    COUNT(*) FILTER (WHERE lease_expires_at > ?) AS in_flight,
                    MIN(due_at) FILTER (WHERE \(free) AND due_at <= ?) AS oldest
                FROM delivery WHERE state = 'pending' GROUP BY webhook
                """, [.double(at), .double(at), .double(at), .double(at), .double(at)])
            {
                let name: String = try row.value("webhook")
                let oldest: Double? = try row.value("oldest")
                rows[name] = QueueSummary.Row(
                    webhook: name, pending: try row.value("pending"), due: try row.value("due"),
                    inFlight: try row.value("in_flight"), oldestDueAt: oldest.map(Date.init(timeIntervalSince1970:)))
            }
            for row in try await SQL.rows(db, "SELECT webhook, count, since FROM failure_run") {
                let name: String = try row.value("webhook")
                var summary = rows[name] ?? QueueSummary.Row(webhook: name)
                summary.consecutiveFailures = try row.value("count")
                summary.failingSince = Date(timeIntervalSince1970: try row.value("since"))
                rows[name] = summary
            }
            return QueueSummary(rows: rows.values.sorted { $0.webhook < $1.webhook })
        }
    }

    public func delivery(id: String) async throws(StoreError) -> QueuedDelivery? {
        try await withConnection { db in
            guard let row = try await SQL.row(db, "SELECT * FROM delivery WHERE id = ?", [.text(id)]) else {
                return nil
            }
            return try Self.queuedDelivery(row)
        }
    }
}

extension PostgresStore {
    fileprivate struct Target {
        var name: String
        var version: Int64
        var versionID: Int64
        var ordered: Bool
        var filter: Filter?
    }

    /// Accepts `events` and queues their fan-out in three statements however many there are: the events (a key
    /// accepted before, or twice in this batch, is left to its first acceptance), the first acceptances of the keys
    /// that were not new, and the deliveries of the new events.
    fileprivate static func enqueue(
        _ events: [AcceptedEvent], now: Date, filter: FanOutFilter, _ db: PostgresConnection
    ) async throws -> [Enqueued] {
        var targets: [Trigger: [Target]] = [:]
        var fanOut: [(webhooks: [Target], ids: [String], filteredOut: [String])] = []
        fanOut.reserveCapacity(events.count)
        for event in events {
            let subscribers: [Target]
            if let known = targets[event.trigger] {
                subscribers = known
            } else {
                subscribers = try await Self.subscribers(of: event.trigger, db)
                targets[event.trigger] = subscribers
            }
            let (webhooks, filteredOut) = filter.split(
                subscribers, for: event, filter: { $0.filter }, name: { $0.name })
            fanOut.append((webhooks, webhooks.map { _ in QueuedDelivery.newID() }, filteredOut))
        }
        // Another runner may accept the same key at the same moment: the unique key decides, and the loser
        // answers with the winner's acceptance.
        let inserted = Set(
            try await SQL.rows(
                db,
                """
                INSERT INTO event (id, idempotency_key, trigger, access_request_id, event_time, payload, received_at,
                    delivery_ids)
                SELECT id, idempotency_key, trigger, access_request_id, event_time, payload, received_at, delivery_ids
                FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::float8[], ?::bytea[], ?::float8[],
                    ?::text[]) WITH ORDINALITY
                    AS e (id, idempotency_key, trigger, access_request_id, event_time, payload, received_at,
                        delivery_ids, n)
                ORDER BY n
                ON CONFLICT (idempotency_key) DO NOTHING
                RETURNING id
                """,
                [
                    .texts(events.map(\.id)), .texts(events.map(\.idempotencyKey)),
                    .texts(events.map(\.trigger.rawValue)), .texts(events.map(\.accessRequestID)),
                    .doubles(events.map(\.eventTime.timeIntervalSince1970)), .blobs(events.map(\.payload)),
                    .doubles(events.map(\.receivedAt.timeIntervalSince1970)),
                    .texts(fanOut.map { $0.ids.joined(separator: ",") }),
                ]
            ).map { row throws in try row.value("id", as: String.self) })
        var earlier: [String: (id: String, deliveryIDs: [String])] = [:]
        let repeated = events.filter { !inserted.contains($0.id) }.map(\.idempotencyKey)
        if !repeated.isEmpty {
            for row in try await SQL.rows(
                db, "SELECT idempotency_key, id, delivery_ids FROM event WHERE idempotency_key = ANY(?)",
                [.texts(Array(Set(repeated)))])
            {
                let deliveryIDs: String = try row.value("delivery_ids")
                earlier[try row.value("idempotency_key")] = (
                    try row.value("id"), deliveryIDs.split(separator: ",").map(String.init)
                )
            }
        }
        var answers: [Enqueued] = []
        answers.reserveCapacity(events.count)
        var deliveries: [NewDelivery] = []
        for (event, planned) in zip(events, fanOut) {
            guard inserted.contains(event.id) else {
                let first = earlier[event.idempotencyKey]
                answers.append(
                    Enqueued(eventID: first?.id ?? event.id, deliveryIDs: first?.deliveryIDs ?? [], duplicate: true))
                continue
            }
            for (id, webhook) in zip(planned.ids, planned.webhooks) {
                deliveries.append(
                    NewDelivery(
                        id: id, eventID: event.id, webhook: webhook.name, version: webhook.version,
                        versionID: webhook.versionID, trigger: InvocationTrigger(event.trigger),
                        orderedBy: webhook.ordered ? (event.accessRequestID, event.eventTime) : nil))
            }
            answers.append(
                Enqueued(
                    eventID: event.id, deliveryIDs: planned.ids, duplicate: false, filteredOut: planned.filteredOut))
        }
        guard !inserted.isEmpty else { return answers }
        try await insertDeliveries(deliveries, now: now, db)
        try await SQL.rows(db, "SELECT pg_notify(?, '')", [.text(eventsChannel)])
        return answers
    }

    /// The active webhooks subscribing to `trigger`, from the columns `commit` keeps (no document is decoded).
    private static func subscribers(of trigger: Trigger, _ db: PostgresConnection) async throws -> [Target] {
        try await SQL.rows(
            db,
            """
            SELECT name, version, version_id, ordered, filter FROM webhook
            WHERE active AND version_id IS NOT NULL AND strpos(triggers, ?) > 0 ORDER BY name
            """, [.text(triggerColumn([trigger]))]
        ).map { row in
            let filter = try row.value("filter", as: String?.self).map { text throws in
                try StoreCoding.decode(Filter.self, from: text)
            }
            return Target(
                name: try row.value("name"), version: try row.value("version"),
                versionID: try row.value("version_id"), ordered: try row.value("ordered"), filter: filter)
        }
    }

    /// A delivery to queue; `orderedBy` puts it in its access request's line for its webhook.
    fileprivate struct NewDelivery {
        var id: String
        var eventID: String
        var webhook: String
        var version: Int64
        var versionID: Int64
        var trigger: InvocationTrigger
        var orderedBy: (accessRequestID: String, eventTime: Date)?
    }

    /// Queues `deliveries`, due now, in one statement and in their order (so the sequence that breaks ties between
    /// one request's events follows it).
    fileprivate static func insertDeliveries(
        _ deliveries: [NewDelivery], now: Date, _ db: PostgresConnection
    ) async throws {
        guard !deliveries.isEmpty else { return }
        try await SQL.rows(
            db,
            """
            INSERT INTO delivery (id, event_id, webhook, webhook_version, version_id, trigger, state, lane,
                attempts, due_at, created_at, ordered_key, event_time)
            SELECT id, event_id, webhook, webhook_version, version_id, trigger, 'pending', 'first', 0, ?, ?,
                CASE WHEN ordered THEN access_request_id END, CASE WHEN ordered THEN event_time END
            FROM unnest(?::text[], ?::text[], ?::text[], ?::int8[], ?::int8[], ?::text[], ?::bool[], ?::text[],
                ?::float8[]) WITH ORDINALITY
                AS d (id, event_id, webhook, webhook_version, version_id, trigger, ordered, access_request_id,
                    event_time, n)
            ORDER BY n
            """,
            [
                .double(now.timeIntervalSince1970), .double(now.timeIntervalSince1970),
                .texts(deliveries.map(\.id)), .texts(deliveries.map(\.eventID)), .texts(deliveries.map(\.webhook)),
                .ints(deliveries.map(\.version)), .ints(deliveries.map(\.versionID)),
                .texts(deliveries.map(\.trigger.rawValue)), .bools(deliveries.map { $0.orderedBy != nil }),
                .texts(deliveries.map { $0.orderedBy?.accessRequestID ?? "" }),
                .doubles(deliveries.map { $0.orderedBy?.eventTime.timeIntervalSince1970 ?? 0 }),
            ])
    }

    fileprivate static func claim(
        lane: DeliveryLane, limit: Int, owner: String, expiresAt: Date, now: Date, excluding: [String],
        versions: WebhookVersions, _ db: PostgresConnection
    ) async throws -> [ClaimedDelivery] {
        let (sql, arguments) = claimQuery(lane: lane, limit: limit, now: now, excluding: excluding)
        let rows = try await SQL.rows(db, sql, arguments)
        let decoder = JSONDecoder()
        var claimed: [ClaimedDelivery] = []
        claimed.reserveCapacity(rows.count)
        for row in rows {
            let document: String = try row.value("document")
            let webhook = try versions.version(try row.value("version_id"), document: { document }, using: decoder)
            claimed.append(try claimedDelivery(row, webhook: webhook, leaseExpiresAt: expiresAt))
        }
        if !claimed.isEmpty {
            try await SQL.rows(
                db, "UPDATE delivery SET lease_owner = ?, lease_expires_at = ? WHERE id = ANY(?)",
                [.text(owner), .double(expiresAt.timeIntervalSince1970), .texts(claimed.map(\.delivery.id))])
        }
        return claimed
    }

    /// The claim's query, which locks what it returns (`SKIP LOCKED`), and its arguments.
    private static func claimQuery(
        lane: DeliveryLane, limit: Int, now: Date, excluding: [String]
    ) -> (sql: String, arguments: [SQLValue]) {
        let at = now.timeIntervalSince1970
        let due: [SQLValue] = [.text(lane.rawValue), .double(at), .double(at)]
        // Due, not leased (or its lease ended), and for an ordered webhook not behind an earlier pending event of
        // the same access request.
        let claimable = """
            d.state = 'pending' AND d.lane = ? AND d.due_at <= ?
                AND (d.lease_expires_at IS NULL OR d.lease_expires_at <= ?)
                AND (d.ordered_key IS NULL OR NOT EXISTS (
                    SELECT 1 FROM delivery p
                    WHERE p.webhook = d.webhook AND p.ordered_key = d.ordered_key AND p.state = 'pending'
                        AND (p.event_time < d.event_time OR (p.event_time = d.event_time AND p.seq < d.seq))))
            """
        func selected(joining locked: String = "") -> String {
            """
            SELECT d.id, d.event_id, d.webhook, d.webhook_version, d.version_id, d.trigger, d.state,
                d.attempts, d.due_at, d.last_failure, d.created_at,
                e.idempotency_key, e.trigger AS event_trigger, e.access_request_id, e.event_time,
                e.payload, e.received_at, v.document, w.active AS live_active,
                w.name IS NOT NULL AS live_exists
            FROM delivery d \(locked)
            JOIN event e ON e.id = d.event_id
            JOIN webhook_version v ON v.id = d.version_id
            LEFT JOIN webhook w ON w.name = d.webhook
            """
        }
        if excluding.isEmpty {
            return (
                """
                \(selected())
                WHERE \(claimable)
                ORDER BY d.due_at, d.seq
                LIMIT ?
                FOR UPDATE OF d SKIP LOCKED
                """,
                due + [SQLValue(limit)]
            )
        } else {
            // Leaving webhooks out, the claim looks only at the others: in due order a saturated host's backlog
            // comes first, and reading past it, as `NOT (webhook = ANY(…))` did, read every row of it on every
            // claim. The webhooks with pending deliveries are found by a loose scan of `delivery_pending_webhook`
            // (one seek each), and each one's first due deliveries in order from the same index. Of the earliest
            // of these candidates, as many as the claim may take are locked (`SKIP LOCKED`) and leased; a candidate
            // leased since the query began is left (PostgreSQL checks the lease again on the row as it is now).
            // Twice as many candidates as the claim takes leave room for other runners claiming the same
            // deliveries at the same moment; past that a claim may come back short, and the runner claims again.
            let candidates = 2 * limit
            return (
                """
                WITH locked AS (
                    SELECT d.id FROM delivery d
                    WHERE d.id = ANY(ARRAY(
                        WITH RECURSIVE hooks(name) AS (
                            SELECT (SELECT MIN(webhook) FROM delivery WHERE state = 'pending')
                            UNION ALL
                            SELECT (SELECT MIN(webhook) FROM delivery WHERE state = 'pending' AND webhook > hooks.name)
                            FROM hooks WHERE hooks.name IS NOT NULL)
                        SELECT c.id FROM hooks h
                        CROSS JOIN LATERAL (
                            SELECT d.id, d.due_at, d.seq FROM delivery d
                            WHERE d.webhook = h.name AND \(claimable)
                            ORDER BY d.due_at, d.seq
                            LIMIT ?) c
                        WHERE h.name IS NOT NULL AND NOT (h.name = ANY(?))
                        ORDER BY c.due_at, c.seq
                        LIMIT ?))
                    AND d.state = 'pending' AND (d.lease_expires_at IS NULL OR d.lease_expires_at <= ?)
                    ORDER BY d.due_at, d.seq
                    LIMIT ?
                    FOR UPDATE SKIP LOCKED)
                \(selected(joining: "JOIN locked l ON l.id = d.id"))
                ORDER BY d.due_at, d.seq
                """,
                due + [SQLValue(candidates), .texts(excluding), SQLValue(candidates), .double(at), SQLValue(limit)]
            )
        }
    }

    /// A claimed row as the delivery, its event and its webhook's standing.
    private static func claimedDelivery(
        _ row: PostgresRandomAccessRow, webhook: StoredWebhook, leaseExpiresAt: Date
    ) throws -> ClaimedDelivery {
        let triggerName: String = try row.value("event_trigger")
        guard let trigger = Trigger(rawValue: triggerName) else {
            throw StoreError.backend("a queued event has an unknown trigger \(triggerName)")
        }
        let event = AcceptedEvent(
            id: try row.value("event_id"), idempotencyKey: try row.value("idempotency_key"), trigger: trigger,
            accessRequestID: try row.value("access_request_id"),
            eventTime: Date(timeIntervalSince1970: try row.value("event_time")), payload: try row.bytes("payload"),
            receivedAt: Date(timeIntervalSince1970: try row.value("received_at")))
        let exists: Bool = try row.value("live_exists")
        let active: Bool? = try row.value("live_active")
        let standing: ClaimedDelivery.WebhookStanding = !exists ? .deleted : active == true ? .live : .disabled
        return ClaimedDelivery(
            delivery: try queuedDelivery(row), event: event, webhook: webhook, standing: standing,
            leaseExpiresAt: leaseExpiresAt)
    }

    /// Applies one result; returns the webhook it disabled and why, if it did.
    fileprivate static func finish(
        _ result: AttemptResult, document: String?, owner: String, now: Date, _ db: PostgresConnection
    ) async throws -> (webhook: String, reason: String)? {
        if let invocation = result.invocation, let document {
            try await insert(invocation, document: document, db)
        }
        guard
            let row = try await SQL.row(
                db, "SELECT webhook, state, lease_owner, attempts FROM delivery WHERE id = ? FOR UPDATE",
                [.text(result.deliveryID)])
        else { return nil }
        let state: String = try row.value("state")
        let leaseOwner: String? = try row.value("lease_owner")
        guard state == QueuedDelivery.State.pending.rawValue, leaseOwner == owner else { return nil }
        let webhook: String = try row.value("webhook")
        let attempted = result.invocation != nil
        let attempts: Int = try row.value("attempts", as: Int.self) + (attempted ? 1 : 0)
        let lane: DeliveryLane = attempts == 0 ? .first : .retry
        let (newState, dueAt, failure): (QueuedDelivery.State, Date?, String?) =
            switch result.outcome {
            case .delivered: (.delivered, nil, nil)
            case .retry(let at): (.pending, at, result.invocation?.failureReason)
            case .failed(let reason): (.failed, nil, reason)
            }
        try await SQL.rows(
            db,
            """
            UPDATE delivery SET state = ?, attempts = ?, lane = ?, due_at = COALESCE(?, due_at),
                last_failure = CASE WHEN ? THEN last_failure ELSE ? END, lease_owner = NULL, lease_expires_at = NULL
            WHERE id = ?
            """,
            [
                .text(newState.rawValue), SQLValue(attempts), .text(lane.rawValue),
                SQLValue(dueAt?.timeIntervalSince1970), .bool(result.keepsLastFailure),
                SQLValue(failure), .text(result.deliveryID),
            ])
        var run: (count: Int, since: Double)?
        if case .delivered = result.outcome {
            try await SQL.rows(db, "DELETE FROM failure_run WHERE webhook = ?", [.text(webhook)])
        } else if result.extendsFailureRun {
            let counted = try await SQL.row(
                db,
                """
                INSERT INTO failure_run (webhook, count, since) VALUES (?, 1, ?)
                ON CONFLICT (webhook) DO UPDATE SET count = failure_run.count + 1
                RETURNING count, since
                """, [.text(webhook), .double(now.timeIntervalSince1970)])
            if let counted { run = (try counted.value("count"), try counted.value("since")) }
        }
        var reason = result.disableWebhook
        if reason == nil, result.extendsFailureRun, let limit = result.failureRunLimit, let run {
            reason = limit.reason(count: run.count, since: Date(timeIntervalSince1970: run.since), now: now)
        }
        guard let reason,
            try await SQL.row(db, "SELECT active FROM webhook WHERE name = ?", [.text(webhook)])?
                .value("active", as: Bool.self) == true
        else { return nil }
        _ = try await setActive(webhook, false, now: now, db)
        try await SQL.rows(
            db, "UPDATE webhook SET disabled_reason = ? WHERE name = ?", [.text(reason), .text(webhook)])
        return (webhook, reason)
    }

    fileprivate static func queuedDelivery(_ row: PostgresRandomAccessRow) throws -> QueuedDelivery {
        let triggerName: String = try row.value("trigger")
        let stateName: String = try row.value("state")
        guard let trigger = InvocationTrigger(rawValue: triggerName),
            let state = QueuedDelivery.State(rawValue: stateName)
        else {
            throw StoreError.backend("a queued delivery has an unknown trigger or state (\(triggerName), \(stateName))")
        }
        return QueuedDelivery(
            id: try row.value("id"), eventID: try row.value("event_id"), webhook: try row.value("webhook"),
            webhookVersion: try row.value("webhook_version"), trigger: trigger, attemptsMade: try row.value("attempts"),
            dueAt: Date(timeIntervalSince1970: try row.value("due_at")), state: state,
            lastFailure: try row.value("last_failure"),
            createdAt: Date(timeIntervalSince1970: try row.value("created_at")))
    }
}
