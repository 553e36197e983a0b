/// Performs one HTTP exchange with the address the guard checked, and nowhere else: the seam the sender sends
/// through. `PooledHTTPTransport` (keep-alive pools pinned to checked addresses) is the one `hookctl test` and the
/// runner use; `HTTPExchange` (a fresh connection per request over async-http-client) implements it too.
///
/// An implementation connects to `target.address` only (the host is never resolved again), uses the URL's host for
/// SNI, certificate checks and `Host`, never follows redirects, finishes the whole exchange by `deadline` (what is
/// left of the attempt's timeout), and reads at most `InvocationResponse.maxBodyBytes` of the response body (marking
/// it truncated).
public protocol HTTPTransport: Sendable {
    func perform(
        _ request: OutgoingRequest, to target: CheckedTarget, deadline: SendDeadline
    ) async -> Result<ReceivedResponse, DeliveryFailure>
}
