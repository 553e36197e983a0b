/// What happened to an access request. The event's `event_type` is `AccessRequest` + the trigger name.
public enum Trigger: String, Sendable, Hashable, CaseIterable, Comparable, Codable {
    case created = "Created"
    case approved = "Approved"
    case rejected = "Rejected"
    case granted = "Granted"
    case expired = "Expired"
    case failed = "Failed"

    /// The `event_type` value of events with this trigger, e.g. `AccessRequestCreated`.
    public var eventType: String { "AccessRequest\(rawValue)" }

    /// The trigger of an `event_type` value, or `nil` if it is not an access-request event.
    public init?(eventType: String) {
        guard eventType.hasPrefix("AccessRequest") else { return nil }
        self.init(rawValue: String(eventType.dropFirst("AccessRequest".count)))
    }

    public static func < (lhs: Trigger, rhs: Trigger) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
