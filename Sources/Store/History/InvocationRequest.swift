import Foundation

/// The request of one attempt, as sent, with secret values redacted.
public struct InvocationRequest: Hashable, Sendable, Codable {
    public var method: String
    public var url: String
    public var headers: [InvocationHeader]
    /// The body bytes exactly as sent.
    public var body: [UInt8]

    public init(method: String, url: String, headers: [InvocationHeader], body: [UInt8]) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    private enum CodingKeys: String, CodingKey {
        case method, url, headers
        case body = "body_base64"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        method = try container.decode(String.self, forKey: .method)
        url = try container.decode(String.self, forKey: .url)
        headers = try container.decode([InvocationHeader].self, forKey: .headers)
        body = [UInt8](try container.decode(Data.self, forKey: .body))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(method, forKey: .method)
        try container.encode(url, forKey: .url)
        try container.encode(headers, forKey: .headers)
        try container.encode(Data(body), forKey: .body)
    }
}
