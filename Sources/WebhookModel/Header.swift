/// One HTTP header a webhook sends. Names keep the case they were declared with.
public struct Header: Hashable, Sendable, Codable {
    public var name: String
    public var value: SecretValue

    public init(name: String, value: SecretValue) {
        self.name = name
        self.value = value
    }

    /// Headers that hookctl or the HTTP client controls and a declaration may not set.
    public static let reserved: Set<String> = ["host", "content-length", "transfer-encoding", "connection"]

    public static let maxCount = 10
}
