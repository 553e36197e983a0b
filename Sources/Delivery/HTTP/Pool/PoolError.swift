import NIOCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why a pooled exchange ended without a complete response (turned into a sentence by `TransportErrorText`).
enum PoolError: Error, Hashable, Sendable {
    /// The exchange's deadline (the webhook's timeout) passed.
    case deadlineExceeded
    /// The connection closed before the response was complete.
    case remoteClosed
    /// Every connection for the target was busy and the wait queue was full.
    case waitQueueFull(connections: Int)
    /// The transport was shut down.
    case shutDown
    /// The sending task was cancelled.
    case cancelled

    /// Whether a request that failed with `error` on a reused idle connection, before any response byte, may be sent
    /// once more on a fresh connection: the server had closed (or reset) the stale keep-alive connection.
    static func isStaleConnection(_ error: any Error) -> Bool {
        if let error = error as? PoolError { return error == .remoteClosed }
        if let error = error as? IOError { return error.errnoCode == ECONNRESET || error.errnoCode == EPIPE }
        return false
    }
}
