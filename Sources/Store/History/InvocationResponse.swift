import Foundation

/// The response of one attempt: status, headers and at most `maxBodyBytes` of the body.
public struct InvocationResponse: Hashable, Sendable, Codable {
    public var status: Int
    public var headers: [InvocationHeader]
    /// The first `maxBodyBytes` bytes of the body, as received (not necessarily UTF-8).
    public var body: [UInt8]
    /// Whether the receiver sent more than `maxBodyBytes` (the rest was not read).
    public var truncated: Bool

    /// How much of a response body is kept: 64 KiB.
    public static let maxBodyBytes = 64 * 1024

    public init(status: Int, headers: [InvocationHeader], body: [UInt8], truncated: Bool) {
        self.status = status
        self.headers = headers
        self.body = body
        self.truncated = truncated
    }

    private enum CodingKeys: String, CodingKey {
        case status, headers, truncated
        case body = "body_base64"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        status = try container.decode(Int.self, forKey: .status)
        headers = try container.decode([InvocationHeader].self, forKey: .headers)
        body = [UInt8](try container.decode(Data.self, forKey: .body))
        truncated = try container.decode(Bool.self, forKey: .truncated)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(status, forKey: .status)
        try container.encode(headers, forKey: .headers)
        try container.encode(Data(body), forKey: .body)
        try container.encode(truncated, forKey: .truncated)
    }
}
