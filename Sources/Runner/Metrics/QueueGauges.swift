import Foundation
import Logging
import ServiceLifecycle
import Store

/// Refreshes the queue gauges (and `hookctl_store_reachable`) from the store's queue summary every `interval`, never
/// per scrape: the summary counts every pending delivery (SQLite reads each one; about 60 ms of CPU for a
/// 100,000-delivery backlog), so a summary that takes long is taken less often, at most 5 % of the time.
struct QueueGauges: Service {
    let queue: any DeliveryQueueStore
    let clock: any WallClock
    let metrics: RunnerMetrics
    let interval: Duration
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown { await loop() }
    }

    private func loop() async {
        var known: Set<String> = []
        while !Task.isCancelled {
            let started = ContinuousClock.now
            known = await refresh(known)
            let took = ContinuousClock.now - started
            try? await Task.sleep(for: max(interval, took * 20))
        }
    }

    /// Sets every webhook's gauges from one summary; a webhook that left the summary (its queue drained) reads 0.
    /// Returns the webhooks with gauges.
    func refresh(_ known: Set<String>) async -> Set<String> {
        let now = clock.now.date
        let summary: QueueSummary
        do {
            summary = try await queue.queueSummary(now: now)
        } catch {
            metrics.storeReachable(false, for: .queueGauges)
            logger.warning("cannot read the queue for its metrics: \(error)")
            return known
        }
        metrics.storeReachable(true, for: .queueGauges)
        var seen: Set<String> = []
        for row in summary.rows {
            seen.insert(row.webhook)
            let age = row.oldestDueAt.map { max(0, now.timeIntervalSince($0)) } ?? 0
            metrics.queue(
                webhook: row.webhook, depth: row.pending, due: row.due, oldestDueAge: .seconds(age),
                consecutiveFailures: row.consecutiveFailures)
        }
        for webhook in known.subtracting(seen) {
            metrics.queue(webhook: webhook, depth: 0, due: 0, oldestDueAge: .zero, consecutiveFailures: 0)
        }
        return known.union(seen)
    }
}
