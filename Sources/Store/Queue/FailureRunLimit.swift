public import Foundation

/// When a run of consecutive failures disables a webhook: at least `failures` of them, spanning at least `span`
/// (so a burst of failures in one bad minute does not, and a receiver down for a day does).
public struct FailureRunLimit: Hashable, Sendable {
    public var failures: Int
    public var span: Duration

    public init(failures: Int = 100, span: Duration = .seconds(24 * 3600)) {
        self.failures = failures
        self.span = span
    }

    /// Why a run of `count` failures since `since` disables its webhook at `now`, or `nil` when it does not yet.
    public func reason(count: Int, since: Date, now: Date) -> String? {
        guard count >= failures, now.timeIntervalSince(since) >= span.seconds else { return nil }
        return "\(count) consecutive failures since \(ISO8601DateFormatter().string(from: since))"
    }
}
