/// The HTTP methods a webhook may use.
public enum HTTPMethod: String, Sendable, Hashable, CaseIterable, Codable {
    case post = "POST"
    case put = "PUT"
    case delete = "DELETE"
}
