public import Delivery
public import Foundation

/// One request the local receiver got, as it arrived, with its signature's verdict and the status it was answered.
public struct ReceivedDelivery: Sendable {
    public var at: Date
    public var method: String
    /// The path with its query, as sent.
    public var target: String
    /// Header fields in the order they arrived, names as sent.
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    /// `nil` when the receiver has no secret to verify with.
    public var verdict: StandardWebhookVerifier.Verdict?
    public var status: Int
    /// Why the request was refused before its body was read whole (one too large), when it was.
    public var refusal: String?

    /// The first value of a header, by case-insensitive name.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}
