import Metrics
public import Prometheus
import Store
import Synchronization
import WebhookModel

/// The runner's metrics, named and labelled in one place, recorded through swift-metrics into a Prometheus
/// registry that `GET /metrics` renders. Each metric has one helper here, so its labels always come in the same
/// order; a new metric is a name in `Name` and a helper beside the others.
///
/// `hookctl run` bootstraps `MetricsSystem` with `factory(for:)` of the registry it passes in its configuration;
/// tests pass a fresh registry and never bootstrap, so runners in one test process do not share counts.
public struct RunnerMetrics: Sendable {
    /// Every metric the runner exports (see README, "Metrics").
    public enum Name {
        /// Counter `{webhook, outcome}`: attempts by how they left their delivery (`Outcome`).
        public static let deliveryAttempts = "hookctl_delivery_attempts_total"
        /// Histogram `{webhook}`: how long each send took, request to response (or failure).
        public static let attemptDuration = "hookctl_attempt_duration_seconds"
        /// Gauge `{lane}`: sends this runner has in flight, by lane (`first`, `retry`).
        public static let sendsInFlight = "hookctl_sends_in_flight"
        /// Gauge `{webhook}`: pending deliveries, due or not.
        public static let queueDepth = "hookctl_queue_depth"
        /// Gauge `{webhook}`: pending deliveries due by now and not leased to a worker.
        public static let queueDue = "hookctl_queue_due"
        /// Gauge `{webhook}`: how long the oldest due delivery has waited since it became due (0 when none).
        public static let oldestDueAge = "hookctl_queue_oldest_due_age_seconds"
        /// Gauge `{webhook}`: failed attempts since the webhook's last success.
        public static let consecutiveFailures = "hookctl_webhook_consecutive_failures"
        /// Counter `{outcome}`: events the intake judged: `accepted`, `duplicate` or `rejected` (schema problems).
        public static let intakeEvents = "hookctl_intake_events_total"
        /// Counter `{status}`: the intake's answers to `POST /v1/events` and `/v1/events/batch`, by HTTP status.
        public static let intakeResponses = "hookctl_intake_responses_total"
        /// Gauge: connections the intake's listener holds open now (at most `--max-connections`).
        public static let intakeConnections = "hookctl_intake_connections"
        /// Counter `{webhook}`: accepted events a webhook's filter kept out (no delivery was queued for them).
        public static let eventsFiltered = "hookctl_events_filtered_total"
        /// Gauge `{owner}`: deliveries this runner holds under its lease (claimed and not yet recorded), labelled with
        /// the owner name its leases carry in the store.
        public static let deliveriesLeased = "hookctl_deliveries_leased"
        /// Gauge: 1 while the store answers this runner's calls, 0 since one failed (until one succeeds).
        public static let storeReachable = "hookctl_store_reachable"
        /// Counter `{channel}`: notifications the store sent this runner (`events`, `configuration`), each a wakeup.
        public static let storeNotifications = "hookctl_store_notifications_total"
    }

    /// How an attempt left its delivery.
    public enum Outcome: String, Sendable, CaseIterable {
        /// 2xx: the delivery is done.
        case delivered
        /// It failed and the delivery is scheduled again.
        case retrying
        /// It failed for good (the last attempt, an answer that cannot heal, a deleted or disabled webhook).
        case failed
    }

    /// How the intake judged one event.
    public enum IntakeOutcome: String, Sendable, CaseIterable {
        case accepted, duplicate, rejected
    }

    /// The buckets of `hookctl_attempt_duration_seconds`: 5 ms to the longest timeout a declaration allows.
    public static let attemptDurationBuckets: [Duration] = [
        .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
        .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10),
        .seconds(30),
    ]

    /// The registry `GET /metrics` renders.
    public let registry: PrometheusCollectorRegistry
    let factory: any MetricsFactory
    /// Which of the runner's users of the store find it failing now (`StoreUser`).
    private let failingUsers = FailingUsers()

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        factory = Self.factory(for: registry)
    }

    /// Who reports whether the store answers: the workers (claims, commits) and the queue gauges (reads).
    enum StoreUser: Hashable, Sendable {
        case workers
        case queueGauges
    }

    /// Shared by every copy of these metrics (the workers' and the gauges').
    private final class FailingUsers: Sendable {
        let set = Mutex<Set<StoreUser>>([])
    }

    /// A swift-metrics factory writing into `registry`, with the runner's histogram buckets: what `hookctl run`
    /// bootstraps `MetricsSystem` with, so other libraries' metrics land in the same registry.
    public static func factory(for registry: PrometheusCollectorRegistry) -> PrometheusMetricsFactory {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets[Name.attemptDuration] = attemptDurationBuckets
        return factory
    }

    /// The Prometheus text exposition format (0.0.4) of everything recorded so far.
    public func render() -> [UInt8] { registry.emitToBuffer() }

    /// The media type of `render()`.
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    // MARK: Deliveries

    func attemptFinished(webhook: String, outcome: Outcome) {
        Counter(
            label: Name.deliveryAttempts, dimensions: [("webhook", webhook), ("outcome", outcome.rawValue)],
            factory: factory
        ).increment()
    }

    func attemptTook(_ duration: Duration, webhook: String) {
        Metrics.Timer(label: Name.attemptDuration, dimensions: [("webhook", webhook)], factory: factory)
            .record(duration: duration)
    }

    func sendsInFlight(_ count: Int, lane: DeliveryLane) {
        Gauge(label: Name.sendsInFlight, dimensions: [("lane", lane.rawValue)], factory: factory).record(count)
    }

    // MARK: The queue

    /// Sets the queue gauges of one webhook.
    func queue(webhook: String, depth: Int, due: Int, oldestDueAge: Duration, consecutiveFailures: Int) {
        let labels = [("webhook", webhook)]
        Gauge(label: Name.queueDepth, dimensions: labels, factory: factory).record(depth)
        Gauge(label: Name.queueDue, dimensions: labels, factory: factory).record(due)
        Gauge(label: Name.oldestDueAge, dimensions: labels, factory: factory).record(oldestDueAge.seconds)
        Gauge(label: Name.consecutiveFailures, dimensions: labels, factory: factory).record(consecutiveFailures)
    }

    // MARK: The intake

    func intakeEvents(_ outcome: IntakeOutcome, count: Int = 1) {
        guard count > 0 else { return }
        Counter(label: Name.intakeEvents, dimensions: [("outcome", outcome.rawValue)], factory: factory)
            .increment(by: count)
    }

    func eventFiltered(webhook: String) {
        Counter(label: Name.eventsFiltered, dimensions: [("webhook", webhook)], factory: factory).increment()
    }

    func deliveriesLeased(_ count: Int, owner: String) {
        Gauge(label: Name.deliveriesLeased, dimensions: [("owner", owner)], factory: factory).record(count)
    }

    func notification(_ notification: StoreNotification) {
        Counter(label: Name.storeNotifications, dimensions: [("channel", notification.rawValue)], factory: factory)
            .increment()
    }

    /// The store answers, or fails, `user`'s calls: the gauge is 1 only while it answers all of them (reads that
    /// succeed do not hide commits that fail).
    func storeReachable(_ reachable: Bool, for user: StoreUser) {
        let allAnswered = failingUsers.set.withLock { failing in
            if reachable { failing.remove(user) } else { failing.insert(user) }
            return failing.isEmpty
        }
        Gauge(label: Name.storeReachable, factory: factory).record(allAnswered ? 1 : 0)
    }

    func intakeConnections(_ count: Int) {
        Gauge(label: Name.intakeConnections, factory: factory).record(count)
    }

    func intakeResponse(status: Int) {
        Counter(label: Name.intakeResponses, dimensions: [("status", String(status))], factory: factory).increment()
    }
}
