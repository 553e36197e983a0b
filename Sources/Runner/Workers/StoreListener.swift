import Logging
import ServiceLifecycle
import Store
import Synchronization

/// Wakes the workers when a store shared with other runners announces new events or configuration (PostgreSQL's
/// `LISTEN/NOTIFY`): an event taken in by another runner is claimed here at once, not at the next poll. Listens
/// again after the connection is lost, with the workers' backoff; polling covers what is missed meanwhile.
struct StoreListener: Service {
    let notifications: any StoreNotifications
    let wake: WakeSignal
    let metrics: RunnerMetrics
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown { await listen() }
    }

    private func listen() async {
        let outage = Mutex(StoreOutage())
        while !Task.isCancelled {
            let (logger, wake, metrics) = (logger, wake, metrics)
            do throws(StoreError) {
                try await notifications.listen(
                    listening: {
                        if outage.withLock({ $0.succeeded(at: .now) }) != nil {
                            logger.info("listening for store notifications again")
                        } else {
                            logger.info("listening for store notifications")
                        }
                        // Whatever was announced while nobody listened is looked for now.
                        wake.signal()
                    },
                    heard: { notification in
                        metrics.notification(notification)
                        wake.signal()
                    })
            } catch {
                if Task.isCancelled { break }
                if outage.withLock({ $0.failed(at: .now) }) {
                    logger.warning("cannot listen for store notifications; polling meanwhile: \(error)")
                }
            }
            let retryAt = outage.withLock { $0.retryAt } ?? .now + StoreOutage.first
            try? await ContinuousClock().sleep(until: retryAt)
        }
    }
}
