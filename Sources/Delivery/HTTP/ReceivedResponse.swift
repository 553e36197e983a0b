public import Store

/// What came back: status, headers and at most 64 KiB of body, plus why reading stopped early, if it did.
public struct ReceivedResponse: Sendable {
    // The memberwise initializer: only this target's transports make responses.
    public var status: Int
    public var reason: String
    public var headers: [InvocationHeader]
    public var body: [UInt8]
    public var truncated: Bool
    /// Set when the connection failed while the body was being read (reset, timeout).
    public var bodyFailure: String?

    /// The value of the first header named `name` (case-insensitive).
    public func header(_ name: String) -> String? {
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
