/// How often and when a failed delivery is tried again.
///
/// The first attempt is always immediate; `schedule[i]` is the wait before retry `i + 1`. When there are more
/// retries than schedule entries, the last entry repeats.
public struct RetryPolicy: Hashable, Sendable, Codable {
    /// Attempts in total, the first one included (1 means no retry).
    public var maxAttempts: Int
    public var schedule: [Duration]

    public init(maxAttempts: Int, schedule: [Duration]) {
        self.maxAttempts = maxAttempts
        self.schedule = schedule
    }

    /// The Standard Webhooks schedule: immediately, then 5s, 5m, 30m, 2h, 5h, 10h, 14h, 20h and 24h.
    public static let standardSchedule: [Duration] = [
        .seconds(5), .seconds(5 * 60), .seconds(30 * 60), .seconds(2 * 3600), .seconds(5 * 3600),
        .seconds(10 * 3600), .seconds(14 * 3600), .seconds(20 * 3600), .seconds(24 * 3600),
    ]

    public static let standard = RetryPolicy(maxAttempts: standardSchedule.count + 1, schedule: standardSchedule)

    public static let attemptsRange = 1...20

    /// The wait before attempt number `attempt` (1-based); zero for the first.
    public func delay(beforeAttempt attempt: Int) -> Duration {
        guard attempt > 1, !schedule.isEmpty else { return .zero }
        return schedule[min(attempt - 2, schedule.count - 1)]
    }
}
