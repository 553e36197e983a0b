/// What one exchange on a pooled connection came to.
enum ExchangeOutcome: Sendable {
    /// A response head arrived: the response (with `bodyFailure` when reading its body failed) and whether the
    /// connection may carry another request.
    case response(ReceivedResponse, reusable: Bool)
    /// No byte of a response arrived.
    case failed(any Error)
}
