public import Foundation
import GRDB
public import Store
import WebhookModel

/// The delivery queue in SQLite: `event` (unique idempotency key), `delivery` (claimed through its
/// `(state, lane, due_at)` index, or through `delivery_pending_webhook` by webhook when some are left out),
/// `webhook_version` (the webhook as at fan-out, shared by its deliveries) and `failure_run`. Every call is one
/// transaction, so a batch commits with one fsync. A delivery to an `ordered`
/// webhook carries its access request (`ordered_key`) and event time, and is claimed only once no earlier pending
/// delivery of that request to that webhook is left (the `delivery_ordered` index finds them).
extension SQLiteStore: DeliveryQueueStore {
    public func enqueue(
        _ events: [AcceptedEvent], now: Date, filter: FanOutFilter
    ) async throws(StoreError) -> [Enqueued] {
        guard !events.isEmpty else { return [] }
        return try await asyncQueueWrite { db throws(StoreError) in
            try Self.run { try Self.enqueue(events, now: now, filter: filter, db) }
        }
    }

    public func claim(
        lane: DeliveryLane, limit: Int, owner: String, lease: Duration, now: Date, excluding: Set<String>
    ) async throws(StoreError) -> [ClaimedDelivery] {
        guard limit > 0 else { return [] }
        // A lease needs no fsync: lost in a power failure, the delivery is claimed again, as after its expiry.
        let versions = versions
        return try await asyncQueueWrite(synced: false) { db throws(StoreError) in
            try Self.claim(
                lane: lane, limit: limit, owner: owner, expiresAt: now.adding(lease), now: now,
                excluding: excluding.sorted(), versions: versions, db)
        }
    }

    @discardableResult
    public func finish(
        _ results: [AttemptResult], owner: String, now: Date
    ) async throws(StoreError) -> [String: String] {
        guard !results.isEmpty else { return [:] }
        // Encoded before the transaction, so the writer is held only for the writes.
        var documents: [String?] = []
        for result in results {
            if let invocation = result.invocation {
                documents.append(try StoreCoding.encode(invocation))
            } else {
                documents.append(nil)
            }
        }
        let encoded = documents
        return try await asyncQueueWriteToEnd { db throws(StoreError) -> [String: String] in
            var disabled: [String: String] = [:]
            var rollup = InvocationRollup()
            var runsEnded: Set<String> = []
            for (result, document) in zip(results, encoded) {
                if let (webhook, reason) = try Self.finish(
                    result, document: document, owner: owner, now: now, rollup: &rollup, runsEnded: &runsEnded, db)
                {
                    disabled[webhook] = reason
                }
            }
            try Self.run { try rollup.write(db) }
            return disabled
        }
    }

    public func redeliver(eventID: String, webhook: String, now: Date) async throws(StoreError) -> String {
        try await asyncWrite { db throws(StoreError) -> String in
            guard
                try Self.run({ try Bool.fetchOne(db, sql: "SELECT 1 FROM event WHERE id = ?", arguments: [eventID]) })
                    != nil
            else { throw .unknownEvent(eventID) }
            guard
                let row = try Self.run({
                    try Row.fetchOne(
                        db, sql: "SELECT version, version_id FROM webhook WHERE name = ? AND version_id IS NOT NULL",
                        arguments: [webhook])
                })
            else { throw .notFound(webhook) }
            let id = QueuedDelivery.newID()
            try Self.run {
                try Self.insertDelivery(
                    id: id, eventID: eventID, webhook: webhook, version: row["version"], versionID: row["version_id"],
                    trigger: .redelivery, orderedBy: nil, now: now, db)
            }
            return id
        }
    }

    public func nextDueAt() async throws(StoreError) -> Date? {
        // A leased delivery was due when claimed, so its lease expiry is when it may be claimed next; each query
        // walks an index and stops at its first row, however long the queue.
        try await asyncRead { db throws(StoreError) in
            try Self.run {
                var times: [Double] = []
                for lane in DeliveryLane.allCases {
                    if let due = try Double.fetchOne(
                        db,
                        sql: """
                            SELECT due_at FROM delivery
                            WHERE state = 'pending' AND lane = ? AND lease_expires_at IS NULL ORDER BY due_at LIMIT 1
                            """,
                        arguments: [lane.rawValue])
                    {
                        times.append(due)
                    }
                }
                if let expiry = try Double.fetchOne(
                    db,
                    sql: """
                        SELECT lease_expires_at FROM delivery
                        WHERE lease_expires_at IS NOT NULL ORDER BY lease_expires_at LIMIT 1
                        """)
                {
                    times.append(expiry)
                }
                return times.min().map(Date.init(timeIntervalSince1970:))
            }
        }
    }

    public func queueSummary(now: Date) async throws(StoreError) -> QueueSummary {
        let at = now.timeIntervalSince1970
        return try await asyncRead { db throws(StoreError) in
            try Self.run {
                var rows: [String: QueueSummary.Row] = [:]
                let free = "(lease_expires_at IS NULL OR lease_expires_at <= ?)"
                for row in try Row.fetchAll(
                    db,
                    sql: """
                        SELECT webhook, COUNT(*) AS pending,
                            COUNT(CASE WHEN \(free) AND due_at <= ? THEN 1 END) AS due,
                            COUNT(CASE WHEN lease_expires_at > ? THEN 1 END) AS in_flight,
                            MIN(CASE WHEN \(free) AND due_at <= ? THEN due_at END) AS oldest
                        FROM delivery WHERE state = 'pending' GROUP BY webhook
                        """,
                    arguments: [at, at, at, at, at])
                {
                    let name: String = row["webhook"]
                    let oldest: Double? = row["oldest"]
                    rows[name] = QueueSummary.Row(
                        webhook: name, pending: row["pending"], due: row["due"], inFlight: row["in_flight"],
                        oldestDueAt: oldest.map(Date.init(timeIntervalSince1970:)))
                }
                for row in try Row.fetchAll(db, sql: "SELECT webhook, count, since FROM failure_run") {
                    let name: String = row["webhook"]
                    var summary = rows[name] ?? QueueSummary.Row(webhook: name)
                    summary.consecutiveFailures = row["count"]
                    summary.failingSince = Date(timeIntervalSince1970: row["since"])
                    rows[name] = summary
                }
                return QueueSummary(rows: rows.values.sorted { $0.webhook < $1.webhook })
            }
        }
    }

    public func delivery(id: String) async throws(StoreError) -> QueuedDelivery? {
        try await asyncRead { db throws(StoreError) -> QueuedDelivery? in
            guard
                let row = try Self.run({
                    try Row.fetchOne(
                        db, sql: "SELECT \(Self.deliveryColumns) FROM delivery d WHERE d.id = ?", arguments: [id])
                })
            else { return nil }
            return try Self.queuedDelivery(row)
        }
    }
}

extension SQLiteStore {
    fileprivate typealias Target = (name: String, version: Int64, versionID: Int64, ordered: Bool, filter: Filter?)

    fileprivate static func enqueue(
        _ events: [AcceptedEvent], now: Date, filter: FanOutFilter, _ db: Database
    ) throws -> [Enqueued] {
        var targets: [Trigger: [Target]] = [:]
        var answers: [Enqueued] = []
        answers.reserveCapacity(events.count)
        let findKey = try db.cachedStatement(sql: "SELECT id, delivery_ids FROM event WHERE idempotency_key = ?")
        let insertEvent = try db.cachedStatement(
            sql: """
                INSERT INTO event (id, idempotency_key, trigger, access_request_id, event_time, payload, received_at,
                    delivery_ids)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
        for event in events {
            if let first = try Row.fetchOne(findKey, arguments: [event.idempotencyKey]) {
                let ids: String = first["delivery_ids"]
                answers.append(
                    Enqueued(
                        eventID: first["id"], deliveryIDs: ids.split(separator: ",").map(String.init),
                        duplicate: true))
                continue
            }
            let subscribers = try targets[event.trigger] ?? subscribers(of: event.trigger, db)
            targets[event.trigger] = subscribers
            let (webhooks, filteredOut) = filter.split(
                subscribers, for: event, filter: { $0.filter }, name: { $0.name })
            let ids = webhooks.map { _ in QueuedDelivery.newID() }
            try insertEvent.execute(arguments: [
                event.id, event.idempotencyKey, event.trigger.rawValue, event.accessRequestID,
                event.eventTime.timeIntervalSince1970, Data(event.payload), event.receivedAt.timeIntervalSince1970,
                ids.joined(separator: ","),
            ])
            for (id, webhook) in zip(ids, webhooks) {
                try insertDelivery(
                    id: id, eventID: event.id, webhook: webhook.name, version: webhook.version,
                    versionID: webhook.versionID, trigger: InvocationTrigger(event.trigger),
                    orderedBy: webhook.ordered ? (event.accessRequestID, event.eventTime) : nil, now: now, db)
            }
            answers.append(Enqueued(eventID: event.id, deliveryIDs: ids, duplicate: false, filteredOut: filteredOut))
        }
        return answers
    }

    /// The active webhooks subscribing to `trigger`, from the columns `commit` keeps (no document is decoded; the
    /// `filter` column is JSON only for webhooks that have a filter, and only those are decoded).
    private static func subscribers(of trigger: Trigger, _ db: Database) throws -> [Target] {
        let decoder = JSONDecoder()
        return try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT name, version, version_id, ordered, filter FROM webhook
                    WHERE active = 1 AND version_id IS NOT NULL AND instr(triggers, ?) > 0 ORDER BY name
                    """),
            arguments: [triggerColumn([trigger])]
        ).map { row throws in
            let filter = try (row["filter"] as String?).map { text throws in
                try StoreCoding.decode(Filter.self, from: text, using: decoder)
            }
            return (row["name"], row["version"], row["version_id"], row["ordered"], filter)
        }
    }

    /// Queues one delivery, due now. `orderedBy` (the access request and the event's time) puts it in line behind
    /// the webhook's earlier pending deliveries of the same access request; redeliveries are not in line.
    fileprivate static func insertDelivery(
        id: String, eventID: String, webhook: String, version: Int64, versionID: Int64, trigger: InvocationTrigger,
        orderedBy: (accessRequestID: String, eventTime: Date)?, now: Date, _ db: Database
    ) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO delivery (id, event_id, webhook, webhook_version, version_id, trigger, state, lane,
                    attempts, due_at, created_at, ordered_key, event_time)
                VALUES (?, ?, ?, ?, ?, ?, 'pending', 'first', 0, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            id, eventID, webhook, version, versionID, trigger.rawValue, now.timeIntervalSince1970,
            now.timeIntervalSince1970, orderedBy?.accessRequestID, orderedBy?.eventTime.timeIntervalSince1970,
        ])
    }

    /// The webhooks with pending deliveries, by name, each found by one seek in `delivery_pending_webhook` (a
    /// loose index scan), not by reading their deliveries.
    private static func pendingWebhooks(_ db: Database) throws(StoreError) -> [String] {
        try run {
            try String.fetchAll(
                db.cachedStatement(
                    sql: """
                        WITH RECURSIVE hooks(name) AS (
                            SELECT (SELECT MIN(webhook) FROM delivery INDEXED BY delivery_pending_webhook
                                WHERE state = 'pending')
                            UNION ALL
                            SELECT (SELECT MIN(webhook) FROM delivery INDEXED BY delivery_pending_webhook
                                WHERE state = 'pending' AND webhook > hooks.name)
                            FROM hooks WHERE hooks.name IS NOT NULL)
                        SELECT name FROM hooks WHERE name IS NOT NULL
                        """))
        }
    }

    /// A delivery's columns as `queuedDelivery` reads them, by position (`Claim.id` to `Claim.createdAt`).
    private static let deliveryColumns = """
        d.id, d.event_id, d.webhook, d.webhook_version, d.version_id, d.trigger, d.state, d.attempts, d.due_at,
        d.last_failure, d.created_at
        """

    /// The columns of the claim's query, by position: the delivery's (`deliveryColumns`), then the event's and the
    /// webhook's.
    private enum Claim {
        static let id = 0, eventID = 1, webhook = 2, webhookVersion = 3, versionID = 4, trigger = 5, state = 6
        static let attempts = 7, dueAt = 8, lastFailure = 9, createdAt = 10, idempotencyKey = 11, eventTrigger = 12
        static let accessRequestID = 13, eventTime = 14, payload = 15, receivedAt = 16, rowID = 17, liveActive = 18
        static let liveExists = 19
    }

    fileprivate static func claim(
        lane: DeliveryLane, limit: Int, owner: String, expiresAt: Date, now: Date, excluding: [String],
        versions: WebhookVersions, _ db: Database
    ) throws(StoreError) -> [ClaimedDelivery] {
        // Leaving webhooks out, the claim looks only at the others, found by their own index: in the order of due
        // times, a saturated host's backlog comes first, and reading past it, as `NOT IN` did, cost a read of every
        // row of it for every claim (most of them finding nothing), however few the other webhooks' deliveries.
        var scope = ""
        var webhooks: String?
        if !excluding.isEmpty {
            let left = Set(excluding)
            let others = try pendingWebhooks(db).filter { !left.contains($0) }
            guard !others.isEmpty else { return [] }
            scope = "AND d.webhook IN (SELECT value FROM json_each(?))"
            webhooks = String(decoding: (try? JSONEncoder().encode(others)) ?? Data("[]".utf8), as: UTF8.self)
        }
        let statement = try run {
            try db.cachedStatement(
                sql: """
                    SELECT \(deliveryColumns), e.idempotency_key, e.trigger AS event_trigger, e.access_request_id, e.event_time,
                        e.payload, e.received_at, d.rowid AS row, w.active AS live_active,
                        w.name IS NOT NULL AS live_exists
                    FROM delivery d \(webhooks == nil ? "" : "INDEXED BY delivery_pending_webhook")
                    JOIN event e ON e.id = d.event_id
                    JOIN webhook_version v ON v.id = d.version_id
                    LEFT JOIN webhook w ON w.name = d.webhook
                    WHERE d.state = 'pending' AND d.lane = ? AND d.due_at <= ?
                        AND (d.lease_expires_at IS NULL OR d.lease_expires_at <= ?) \(scope)
                        AND (d.ordered_key IS NULL OR NOT EXISTS (
                            SELECT 1 FROM delivery p
                            WHERE p.webhook = d.webhook AND p.ordered_key = d.ordered_key AND p.state = 'pending'
                                AND (p.event_time < d.event_time
                                    OR (p.event_time = d.event_time AND p.rowid < d.rowid))))
                    ORDER BY d.due_at, d.rowid
                    LIMIT ?
                    """)
        }
        let arguments = StatementArguments(
            [lane.rawValue, now.timeIntervalSince1970, now.timeIntervalSince1970] as [any DatabaseValueConvertible]
                + (webhooks.map { [$0] } ?? []) + [limit])
        let decoder = JSONDecoder()
        // The version's document is read only for a version not decoded before: most claims read none.
        let document = try run { try db.cachedStatement(sql: "SELECT document FROM webhook_version WHERE id = ?") }
        var claimed: [ClaimedDelivery] = []
        var rowIDs: [Int64] = []
        // Read in place, column by position (`Claim`), not copied row by row and looked up by name.
        let rows = try run { try Row.fetchCursor(statement, arguments: arguments) }
        while let row = try run({ try rows.next() }) {
            let versionID: Int64 = row[Claim.versionID]
            let webhook = try versions.version(
                versionID,
                document: { () throws(StoreError) in
                    try run { try String.fetchOne(document, arguments: [versionID]) } ?? ""
                }, using: decoder)
            rowIDs.append(row[Claim.rowID])
            claimed.append(try claimedDelivery(row, webhook: webhook, leaseExpiresAt: expiresAt))
        }
        try lease(rowIDs, owner: owner, until: expiresAt, db)
        return claimed
    }

    /// A claimed row (`Claim`'s columns) as the delivery, its event and its webhook's standing.
    private static func claimedDelivery(
        _ row: Row, webhook: StoredWebhook, leaseExpiresAt: Date
    ) throws(StoreError) -> ClaimedDelivery {
        let triggerName: String = row[Claim.eventTrigger]
        guard let trigger = Trigger(rawValue: triggerName) else {
            throw .backend("a queued event has an unknown trigger \(triggerName)")
        }
        let delivery = try queuedDelivery(row)
        let payload: Data = row[Claim.payload]
        let event = AcceptedEvent(
            id: delivery.eventID, idempotencyKey: row[Claim.idempotencyKey], trigger: trigger,
            accessRequestID: row[Claim.accessRequestID],
            eventTime: Date(timeIntervalSince1970: row[Claim.eventTime]), payload: Array(payload),
            receivedAt: Date(timeIntervalSince1970: row[Claim.receivedAt]))
        let exists: Bool = row[Claim.liveExists]
        let active: Bool? = row[Claim.liveActive]
        let standing: ClaimedDelivery.WebhookStanding = !exists ? .deleted : active == true ? .live : .disabled
        return ClaimedDelivery(
            delivery: delivery, event: event, webhook: webhook, standing: standing, leaseExpiresAt: leaseExpiresAt)
    }

    /// Leases the claimed rows to `owner` until `expiresAt`, all in one statement, by row id.
    private static func lease(
        _ rowIDs: [Int64], owner: String, until expiresAt: Date, _ db: Database
    ) throws(StoreError) {
        try run {
            try db.cachedStatement(
                sql: """
                    UPDATE delivery SET lease_owner = ?, lease_expires_at = ?
                    WHERE rowid IN (SELECT value FROM json_each(?))
                    """
            ).execute(arguments: [
                owner, expiresAt.timeIntervalSince1970, "[" + rowIDs.map(String.init).joined(separator: ",") + "]",
            ])
        }
    }

    /// Applies one result; returns the webhook it disabled and why, if it did. `runsEnded` holds the webhooks whose
    /// run of failures this transaction ended already (a success ends it once, not once per delivered attempt).
    fileprivate static func finish(
        _ result: AttemptResult, document: String?, owner: String, now: Date, rollup: inout InvocationRollup,
        runsEnded: inout Set<String>, _ db: Database
    ) throws(StoreError) -> (webhook: String, reason: String)? {
        if let invocation = result.invocation, let document {
            try run { try insert(invocation, document: document, rollup: &rollup, db) }
        }
        let attempted = result.invocation != nil
        let (newState, dueAt, failure): (QueuedDelivery.State, Date?, String?) =
            switch result.outcome {
            case .delivered: (.delivered, nil, nil)
            case .retry(let at): (.pending, at, result.invocation?.failureReason)
            case .failed(let reason): (.failed, nil, reason)
            }
        // Only a delivery still pending and leased to this runner is finished: one recorded before (a commit made
        // again), or taken over by another runner since its lease lapsed, is left alone.
        guard
            let row = try run({
                try Row.fetchOne(
                    db.cachedStatement(
                        sql: """
                            UPDATE delivery SET state = :state, attempts = attempts + :attempted,
                                lane = CASE WHEN attempts + :attempted = 0 THEN 'first' ELSE 'retry' END,
                                due_at = COALESCE(:due, due_at),
                                last_failure = CASE WHEN :keepFailure THEN last_failure ELSE :failure END, lease_owner = NULL,
                                lease_expires_at = NULL
                            WHERE id = :id AND state = 'pending' AND lease_owner = :owner
                            RETURNING webhook
                            """),
                    arguments: [
                        "state": newState.rawValue, "attempted": attempted ? 1 : 0,
                        "due": dueAt?.timeIntervalSince1970, "failure": failure,
                        "keepFailure": result.keepsLastFailure, "id": result.deliveryID,
                        "owner": owner,
                    ])
            })
        else { return nil }
        let webhook: String = row[0]
        try run {
            if case .delivered = result.outcome {
                if runsEnded.insert(webhook).inserted {
                    try db.cachedStatement(sql: "DELETE FROM failure_run WHERE webhook = ?").execute(arguments: [
                        webhook
                    ])
                }
            } else if result.extendsFailureRun {
                runsEnded.remove(webhook)
                try db.cachedStatement(
                    sql: """
                        INSERT INTO failure_run (webhook, count, since) VALUES (?, 1, ?)
                        ON CONFLICT (webhook) DO UPDATE SET count = count + 1
                        """
                ).execute(arguments: [webhook, now.timeIntervalSince1970])
            }
        }
        var reason = result.disableWebhook
        if reason == nil, result.extendsFailureRun, let limit = result.failureRunLimit,
            let run = try run({
                try Row.fetchOne(
                    db.cachedStatement(sql: "SELECT count, since FROM failure_run WHERE webhook = ?"),
                    arguments: [webhook])
            })
        {
            reason = limit.reason(count: run["count"], since: Date(timeIntervalSince1970: run["since"]), now: now)
        }
        guard let reason,
            try run({ try Bool.fetchOne(db, sql: "SELECT active FROM webhook WHERE name = ?", arguments: [webhook]) })
                == true
        else { return nil }
        _ = try setActive(webhook, false, now: now, db)
        try run {
            try db.execute(
                sql: "UPDATE webhook SET disabled_reason = ? WHERE name = ?", arguments: [reason, webhook])
        }
        return (webhook, reason)
    }

    /// The delivery in a row that starts with `deliveryColumns`.
    fileprivate static func queuedDelivery(_ row: Row) throws(StoreError) -> QueuedDelivery {
        let triggerName: String = row[Claim.trigger]
        let stateName: String = row[Claim.state]
        guard let trigger = InvocationTrigger(rawValue: triggerName),
            let state = QueuedDelivery.State(rawValue: stateName)
        else { throw .backend("a queued delivery has an unknown trigger or state (\(triggerName), \(stateName))") }
        return QueuedDelivery(
            id: row[Claim.id], eventID: row[Claim.eventID], webhook: row[Claim.webhook],
            webhookVersion: row[Claim.webhookVersion], trigger: trigger, attemptsMade: row[Claim.attempts],
            dueAt: Date(timeIntervalSince1970: row[Claim.dueAt]), state: state, lastFailure: row[Claim.lastFailure],
            createdAt: Date(timeIntervalSince1970: row[Claim.createdAt]))
    }
}
