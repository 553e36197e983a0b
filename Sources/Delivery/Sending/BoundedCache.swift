import Synchronization

/// Values by key, made once and then shared: at most `capacity` of them; when full it starts over, which only costs
/// making them again. What the sender keeps per webhook version (compiled templates, redactors) lives in one.
final class BoundedCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private let values = Mutex<[Key: Value]>([:])
    let capacity: Int

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// The value for `key`, made now by `make` if it is not kept. A value `make` fails to make is not kept: its
    /// error is thrown every time.
    func value<Failure: Error>(_ key: Key, make: () throws(Failure) -> Value) throws(Failure) -> Value {
        if let kept = values.withLock({ $0[key] }) { return kept }
        let made = try make()
        values.withLock {
            if $0.count >= capacity { $0.removeAll(keepingCapacity: true) }
            $0[key] = made
        }
        return made
    }

    /// How many values are kept, for tests.
    var count: Int { values.withLock { $0.count } }
}
