public import Store

/// A request ready for the wire (secret values still in place; never stored as is).
public struct OutgoingRequest: Sendable {
    public var method: String
    public var url: String
    public var headers: [InvocationHeader]
    public var body: [UInt8]

    /// Sets `name` (case-insensitively) to `value`, replacing any earlier value.
    mutating func set(_ name: String, _ value: String) {
        headers.removeAll { $0.name.lowercased() == name.lowercased() }
        headers.append(InvocationHeader(name: name, value: value))
    }

    /// Whether a header named `name` (case-insensitively) is present.
    func has(_ name: String) -> Bool { headers.contains { $0.name.lowercased() == name.lowercased() } }

    /// The redacted record for history.
    func record(_ redactor: Redactor) -> InvocationRequest {
        InvocationRequest(
            method: method, url: redactor.redact(url),
            headers: headers.map { InvocationHeader(name: $0.name, value: redactor.redact($0.value)) },
            body: redactor.redact(body))
    }
}
