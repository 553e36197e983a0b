import Hummingbird
import Synchronization

/// A receiver route that answers 503 to its first request and 200 to every later one, and counts them: the
/// receiver that a retry heals.
final class FailsOnce: Sendable {
    private let calls = Mutex(0)

    /// How many requests it has answered.
    var count: Int { calls.withLock { $0 } }

    func answer() -> Response {
        let call = calls.withLock { count -> Int in
            count += 1
            return count
        }
        return Response(status: call == 1 ? .serviceUnavailable : .ok)
    }
}
