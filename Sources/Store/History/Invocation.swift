public import Foundation

/// One attempt to deliver an event to a webhook: what was sent, what came back, and whether it succeeded.
public struct Invocation: Hashable, Sendable, Codable, Identifiable {
    /// Whether an attempt succeeded (a 2xx response) or failed, and why.
    public enum Status: String, Hashable, Sendable, Codable, CaseIterable {
        case success = "Success"
        case failure = "Failure"
    }

    public var id: String
    public var webhook: String
    public var eventID: String
    public var trigger: InvocationTrigger
    /// 1-based; a test is always attempt 1.
    public var attempt: Int
    public var startedAt: Date
    public var durationMilliseconds: Int
    /// The address the connection went to (or was refused for), when one was resolved.
    public var address: String?
    public var status: Status
    /// Why the attempt failed, phrased for the user: `target resolves to 10.0.0.5, a private address`.
    public var failureReason: String?
    public var request: InvocationRequest
    /// `nil` when no response arrived (refused by the guard, connection or TLS failure, timeout).
    public var response: InvocationResponse?

    public init(
        id: String, webhook: String, eventID: String, trigger: InvocationTrigger, attempt: Int, startedAt: Date,
        durationMilliseconds: Int, address: String?, status: Status, failureReason: String?,
        request: InvocationRequest, response: InvocationResponse?
    ) {
        self.id = id
        self.webhook = webhook
        self.eventID = eventID
        self.trigger = trigger
        self.attempt = attempt
        self.startedAt = startedAt
        self.durationMilliseconds = durationMilliseconds
        self.address = address
        self.status = status
        self.failureReason = failureReason
        self.request = request
        self.response = response
    }

    /// How long history is kept unless `--retention` says otherwise: 30 days.
    public static let defaultRetention: Duration = .seconds(30 * 24 * 3600)

    /// A new invocation id: `inv_` and a random UUID.
    public static func newID() -> String { TimeOrderedID.make(prefix: "inv_") }
}
