/// One HTTP header as it was sent or received (secret values already replaced by `[redacted]`).
public struct InvocationHeader: Hashable, Sendable, Codable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
