import Foundation
import Synchronization

/// Limits failed logins over the whole console: at most `limit` in any `window`; beyond it every login attempt is
/// refused (429) until the oldest failure leaves the window. Counted for the console as a whole, not per client,
/// so a guesser gets the same few tries however many addresses it uses.
final class LoginLimiter: Sendable {
    let limit: Int
    let window: TimeInterval
    private let failures = Mutex<[Date]>([])

    init(limit: Int, window: TimeInterval = 60) {
        self.limit = limit
        self.window = window
    }

    /// `nil` when an attempt may be made now, else the seconds until one may.
    func retryAfter(now: Date) -> Int? {
        failures.withLock { list in
            list.removeAll { $0 <= now.addingTimeInterval(-window) }
            guard list.count >= limit, let oldest = list.first else { return nil }
            return max(1, Int((oldest.addingTimeInterval(window).timeIntervalSince(now)).rounded(.up)))
        }
    }

    func recordFailure(now: Date) { failures.withLock { $0.append(now) } }
}
