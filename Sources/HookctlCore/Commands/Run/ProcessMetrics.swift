import Metrics
import Prometheus
import Runner

/// The metrics registry of a `hookctl` process. `MetricsSystem` is bootstrapped with it the first time a runner
/// starts (swift-metrics allows one bootstrap per process), so other libraries' metrics land beside the runner's,
/// and every runner the process starts records into it.
enum ProcessMetrics {
    static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(RunnerMetrics.factory(for: registry))
        return registry
    }()
}
