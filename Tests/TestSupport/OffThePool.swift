import Foundation

/// Runs blocking work (a child process waited for, a pipe read to its end) on a thread of its own instead of one of
/// the cooperative pool's: on a two-core machine the pool has two threads, and a test that blocks one stalls every
/// other test's tasks, timers and deadlines with it.
public func offThePool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread { continuation.resume(with: Result { try body() }) }
    }
}
