public import Foundation

extension InMemoryStore {
    /// The in-memory queue: events, deliveries with the webhook as it was at fan-out, leases and failure runs.
    struct QueueState {
        var events: [String: AcceptedEvent] = [:]
        var acceptances: [String: Enqueued] = [:]
        var deliveries: [String: QueuedDelivery] = [:]
        var fannedOut: [String: StoredWebhook] = [:]
        var leases: [String: (owner: String, expiresAt: Date)] = [:]
        var failureRuns: [String: (count: Int, since: Date)] = [:]
        /// Each delivery's place in the order it was queued (SQLite's rowid).
        var sequence: [String: Int] = [:]

        mutating func add(_ delivery: QueuedDelivery, as webhook: StoredWebhook) {
            deliveries[delivery.id] = delivery
            fannedOut[delivery.id] = webhook
            sequence[delivery.id] = sequence.count
        }

        /// The line an ordered delivery waits in: its webhook and access request, and its place in it (event time,
        /// then the order it was queued). Unordered webhooks' deliveries and redeliveries are in no line.
        func line(of delivery: QueuedDelivery) -> (webhook: String, request: String, place: (Date, Int))? {
            guard delivery.trigger != .redelivery, fannedOut[delivery.id]?.webhook.ordered == true,
                let event = events[delivery.eventID]
            else { return nil }
            return (delivery.webhook, event.accessRequestID, (event.eventTime, sequence[delivery.id] ?? 0))
        }

        /// Whether an earlier pending delivery in the same line must end first.
        func waitsInLine(_ delivery: QueuedDelivery) -> Bool {
            guard let line = line(of: delivery) else { return false }
            return deliveries.values.contains { other in
                guard other.state == .pending, other.id != delivery.id, let theirs = self.line(of: other) else {
                    return false
                }
                return theirs.webhook == line.webhook && theirs.request == line.request && theirs.place < line.place
            }
        }
    }
}

extension InMemoryStore: DeliveryQueueStore {
    public func enqueue(
        _ events: [AcceptedEvent], now: Date, filter: FanOutFilter
    ) async throws(StoreError) -> [Enqueued] {
        state.withLock { state in
            events.map { event in
                if let first = state.queue.acceptances[event.idempotencyKey] {
                    return Enqueued(eventID: first.eventID, deliveryIDs: first.deliveryIDs, duplicate: true)
                }
                state.queue.events[event.id] = event
                let subscribers = state.snapshot.webhooks.values
                    .filter { $0.state.webhook.active && $0.state.webhook.triggers.contains(event.trigger) }
                    .sorted { $0.name < $1.name }
                let (targets, filteredOut) = filter.split(
                    subscribers, for: event, filter: { $0.state.webhook.filter }, name: { $0.name })
                let ids = targets.map { live in
                    let delivery = QueuedDelivery(
                        eventID: event.id, webhook: live.name, webhookVersion: live.version,
                        trigger: InvocationTrigger(event.trigger), dueAt: now, createdAt: now)
                    state.queue.add(delivery, as: live.state)
                    return delivery.id
                }
                state.queue.acceptances[event.idempotencyKey] = Enqueued(
                    eventID: event.id, deliveryIDs: ids, duplicate: false)
                return Enqueued(eventID: event.id, deliveryIDs: ids, duplicate: false, filteredOut: filteredOut)
            }
        }
    }

    public func claim(
        lane: DeliveryLane, limit: Int, owner: String, lease: Duration, now: Date, excluding: Set<String>
    ) async throws(StoreError) -> [ClaimedDelivery] {
        state.withLock { state in
            let due = state.queue.deliveries.values
                .filter { delivery in
                    delivery.state == .pending && delivery.lane == lane && delivery.dueAt <= now
                        && !excluding.contains(delivery.webhook)
                        && (state.queue.leases[delivery.id].map { $0.expiresAt <= now } ?? true)
                        && !state.queue.waitsInLine(delivery)
                }
                .sorted { ($0.dueAt, $0.createdAt, $0.id) < ($1.dueAt, $1.createdAt, $1.id) }
                .prefix(max(0, limit))
            let expiresAt = now.adding(lease)
            return due.compactMap { delivery in
                guard let event = state.queue.events[delivery.eventID],
                    let webhook = state.queue.fannedOut[delivery.id]
                else { return nil }
                state.queue.leases[delivery.id] = (owner, expiresAt)
                let standing: ClaimedDelivery.WebhookStanding =
                    switch state.snapshot.webhooks[delivery.webhook] {
                    case nil: .deleted
                    case let live? where !live.state.webhook.active: .disabled
                    default: .live
                    }
                return ClaimedDelivery(
                    delivery: delivery, event: event, webhook: webhook, standing: standing,
                    leaseExpiresAt: expiresAt)
            }
        }
    }

    @discardableResult
    public func finish(
        _ results: [AttemptResult], owner: String, now: Date
    ) async throws(StoreError) -> [String: String] {
        state.withLock { state in
            var disabled: [String: String] = [:]
            // An attempt is recorded once by its id: a commit made again replaces what the first one recorded.
            let recorded = Set(results.compactMap { $0.invocation?.id })
            if !recorded.isEmpty { state.invocations.removeAll { recorded.contains($0.id) } }
            for result in results {
                if let invocation = result.invocation { state.invocations.append(invocation) }
                guard var delivery = state.queue.deliveries[result.deliveryID], delivery.state == .pending,
                    state.queue.leases[result.deliveryID]?.owner == owner
                else { continue }
                state.queue.leases[result.deliveryID] = nil
                if result.invocation != nil { delivery.attemptsMade += 1 }
                switch result.outcome {
                case .delivered:
                    delivery.state = .delivered
                    delivery.lastFailure = nil
                    state.queue.failureRuns[delivery.webhook] = nil
                case .retry(let at):
                    delivery.dueAt = at
                    if !result.keepsLastFailure { delivery.lastFailure = result.invocation?.failureReason }
                case .failed(let reason):
                    delivery.state = .failed
                    delivery.lastFailure = reason
                }
                if result.extendsFailureRun { Self.countFailure(of: delivery.webhook, at: now, in: &state.queue) }
                state.queue.deliveries[delivery.id] = delivery
                let run = state.queue.failureRuns[delivery.webhook]
                let reason =
                    result.disableWebhook
                    ?? (!result.extendsFailureRun
                        ? nil
                        : run.flatMap { run in
                            result.failureRunLimit?.reason(count: run.count, since: run.since, now: now)
                        })
                if let reason, var live = state.snapshot.webhooks[delivery.webhook], live.state.webhook.active {
                    disabled[delivery.webhook] = reason
                    live.state.webhook.active = false
                    live.version += 1
                    live.updatedAt = now
                    live.driftedFields.insert("active")
                    live.disabledReason = reason
                    state.snapshot.webhooks[delivery.webhook] = live
                    state.snapshot.serial += 1
                }
            }
            return disabled
        }
    }

    private static func countFailure(of webhook: String, at now: Date, in queue: inout QueueState) {
        let run = queue.failureRuns[webhook]
        queue.failureRuns[webhook] = ((run?.count ?? 0) + 1, run?.since ?? now)
    }

    public func redeliver(eventID: String, webhook: String, now: Date) async throws(StoreError) -> String {
        try state.withLock { state throws(StoreError) -> String in
            guard state.queue.events[eventID] != nil else { throw .unknownEvent(eventID) }
            guard let live = state.snapshot.webhooks[webhook] else { throw .notFound(webhook) }
            let delivery = QueuedDelivery(
                eventID: eventID, webhook: webhook, webhookVersion: live.version, trigger: .redelivery, dueAt: now,
                createdAt: now)
            state.queue.add(delivery, as: live.state)
            return delivery.id
        }
    }

    public func nextDueAt() async throws(StoreError) -> Date? {
        state.withLock { state in
            state.queue.deliveries.values.filter { $0.state == .pending }
                .map { delivery in max(delivery.dueAt, state.queue.leases[delivery.id]?.expiresAt ?? delivery.dueAt) }
                .min()
        }
    }

    public func queueSummary(now: Date) async throws(StoreError) -> QueueSummary {
        state.withLock { state in
            var rows: [String: QueueSummary.Row] = [:]
            for delivery in state.queue.deliveries.values where delivery.state == .pending {
                var row = rows[delivery.webhook] ?? QueueSummary.Row(webhook: delivery.webhook)
                row.pending += 1
                if let lease = state.queue.leases[delivery.id], lease.expiresAt > now {
                    row.inFlight += 1
                } else if delivery.dueAt <= now {
                    row.due += 1
                    row.oldestDueAt = min(row.oldestDueAt ?? delivery.dueAt, delivery.dueAt)
                }
                rows[delivery.webhook] = row
            }
            for (webhook, run) in state.queue.failureRuns {
                var row = rows[webhook] ?? QueueSummary.Row(webhook: webhook)
                row.consecutiveFailures = run.count
                row.failingSince = run.since
                rows[webhook] = row
            }
            return QueueSummary(rows: rows.values.sorted { $0.webhook < $1.webhook })
        }
    }

    public func delivery(id: String) async throws(StoreError) -> QueuedDelivery? {
        state.withLock { $0.queue.deliveries[id] }
    }
}
