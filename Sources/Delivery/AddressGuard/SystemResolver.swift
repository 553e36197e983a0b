import Foundation
import Synchronization
public import WebhookModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The system resolver (`getaddrinfo`), run off the caller's thread. The sender connects to an address this returned
/// and never resolves the name a second time.
///
/// Each lookup has a thread of its own, since `getaddrinfo` blocks, and a pool of a few would let one hung name hold
/// up every other. They stay few: the runner resolves through `CachingResolver`, which shares one lookup among the
/// callers asking for a host, so there are at most as many as hosts being resolved at once.
public struct SystemResolver: AddressResolver {
    /// How long a lookup may take (the system's own retries across its name servers can take far longer).
    public let timeout: Duration
    private let lookUp: @Sendable (String) -> Result<[IPAddress], ResolutionError>

    public init(timeout: Duration = .seconds(10)) {
        self.init(timeout: timeout, lookUp: Self.systemLookUp)
    }

    /// With another lookup in `getaddrinfo`'s place (for tests).
    init(timeout: Duration, lookUp: @escaping @Sendable (String) -> Result<[IPAddress], ResolutionError>) {
        self.timeout = timeout
        self.lookUp = lookUp
    }

    public func addresses(of host: String) async throws(ResolutionError) -> [IPAddress] {
        try await addresses(of: host, before: nil)
    }

    /// A lookup with no answer within `timeout`, or by `deadline` when that is sooner, fails, and a cancelled caller
    /// (the runner's shutdown deadline) gets its answer at once; either way the lookup's thread finishes on its own
    /// and its result is dropped.
    public func addresses(
        of host: String, before deadline: SendDeadline?
    ) async throws(ResolutionError)
        -> [IPAddress]
    {
        let lookup = PendingLookup()
        let lookUp = lookUp
        let limit = deadline.map { min(timeout, $0.remaining) } ?? timeout
        let late =
            if let deadline, limit < timeout {
                "cannot resolve \(host): no answer \(deadline.ranOut)"
            } else {
                "cannot resolve \(host): no answer within \(DurationText.format(timeout))"
            }
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                lookup.wait(continuation)
                Thread.detachNewThread { lookup.answer(lookUp(host)) }
                DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(Int(limit.nanoseconds))) {
                    lookup.answer(.failure(ResolutionError(late)))
                }
            }
        } onCancel: {
            lookup.answer(.failure(ResolutionError("resolving \(host) was cancelled")))
        }
        return try result.get()
    }

    private static func systemLookUp(_ host: String) -> Result<[IPAddress], ResolutionError> {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
            hints.ai_socktype = SOCK_STREAM
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, nil, &hints, &list)
        guard status == 0, let first = list else {
            let reason = status == 0 ? "no addresses" : String(cString: gai_strerror(status))
            return .failure(ResolutionError("cannot resolve \(host): \(reason)"))
        }
        defer { freeaddrinfo(first) }
        var addresses: [IPAddress] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let entry = cursor {
            if let address = ipAddress(entry.pointee), !addresses.contains(address) { addresses.append(address) }
            cursor = entry.pointee.ai_next
        }
        guard !addresses.isEmpty else { return .failure(ResolutionError("cannot resolve \(host): no addresses")) }
        return .success(addresses)
    }

    private static func ipAddress(_ info: addrinfo) -> IPAddress? {
        guard let sockaddr = info.ai_addr else { return nil }
        switch info.ai_family {
        case AF_INET:
            return sockaddr.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
                .v4(UInt32(bigEndian: $0.pointee.sin_addr.s_addr))
            }
        case AF_INET6:
            return sockaddr.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
                var address = $0.pointee.sin6_addr
                return .v6(withUnsafeBytes(of: &address) { Array($0) })
            }
        default:
            return nil
        }
    }
}

/// One lookup's answer, given to its waiting caller once: the first of the lookup's result and a cancellation wins.
private final class PendingLookup: Sendable {
    typealias Answer = Result<[IPAddress], ResolutionError>
    private struct State {
        var waiting: CheckedContinuation<Answer, Never>?
        var early: Answer?
        var answered = false
    }
    private let state = Mutex(State())

    /// The caller waits; an answer that came first (a cancellation before the wait) resumes it at once.
    func wait(_ continuation: CheckedContinuation<Answer, Never>) {
        let early: Answer? = state.withLock { state in
            guard let early = state.early else {
                state.waiting = continuation
                return nil
            }
            return early
        }
        if let early { continuation.resume(returning: early) }
    }

    func answer(_ answer: Answer) {
        let waiting: CheckedContinuation<Answer, Never>? = state.withLock { state in
            guard !state.answered else { return nil }
            state.answered = true
            guard let waiting = state.waiting else {
                state.early = answer
                return nil
            }
            state.waiting = nil
            return waiting
        }
        waiting?.resume(returning: answer)
    }
}
