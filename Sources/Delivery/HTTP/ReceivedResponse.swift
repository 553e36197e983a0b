import Store

/// What came back: status, headers and at most 64 KiB of body, plus why reading stopped early, if it did.
struct ReceivedResponse: Sendable {
    var status: Int
    var reason: String
    var headers: [InvocationHeader]
    var body: [UInt8]
    var truncated: Bool
    /// Set when the connection failed while the body was being read (reset, timeout).
    var bodyFailure: String?

    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// The redacted record for history.
    func record(_ redactor: Redactor) -> InvocationResponse {
        InvocationResponse(
            status: status,
            headers: headers.map { InvocationHeader(name: $0.name, value: redactor.redact($0.value)) },
            body: redactor.redact(body), truncated: truncated)
    }
}
