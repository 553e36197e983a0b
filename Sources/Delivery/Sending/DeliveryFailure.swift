/// Why an attempt failed before or while talking to the receiver, phrased for history.
public struct DeliveryFailure: Error, Hashable, Sendable, CustomStringConvertible {
    private enum Kind: Hashable, Sendable {
        case unresolvedSecret(path: String, reference: String)
        case render(String)
        case signing(String)
        case refused(GuardRefusal)
        case transport(String)
        case oauth(String)
        /// The guard refused the token endpoint's URL.
        case oauthRefused(GuardRefusal)
    }

    private let kind: Kind

    private init(_ kind: Kind) { self.kind = kind }

    static func unresolvedSecret(path: String, reference: String) -> DeliveryFailure {
        DeliveryFailure(.unresolvedSecret(path: path, reference: reference))
    }
    static func render(_ message: String) -> DeliveryFailure { DeliveryFailure(.render(message)) }
    static func signing(_ message: String) -> DeliveryFailure { DeliveryFailure(.signing(message)) }
    static func refused(_ refusal: GuardRefusal) -> DeliveryFailure { DeliveryFailure(.refused(refusal)) }
    /// The connection or the exchange failed: the message says how (refused, reset, timed out, TLS).
    public static func transport(_ message: String) -> DeliveryFailure { DeliveryFailure(.transport(message)) }
    static func oauth(_ message: String) -> DeliveryFailure { DeliveryFailure(.oauth(message)) }
    static func oauthRefused(_ refusal: GuardRefusal) -> DeliveryFailure { DeliveryFailure(.oauthRefused(refusal)) }

    /// The address the guard refused, when it refused one.
    /// Whether trying again later may succeed: a transport or token failure and a host that does not resolve may; a
    /// body that does not render, a secret that is not resolved, a signing problem or a target the guard refuses
    /// (the receiver's or the token endpoint's) will not.
    public var isRetryable: Bool {
        switch kind {
        case .transport, .oauth: true
        case .refused(let refusal), .oauthRefused(let refusal): refusal.isUnresolvable
        case .unresolvedSecret, .render, .signing: false
        }
    }

    public var refusedAddress: String? {
        if case .refused(let refusal) = kind { return refusal.address?.description }
        return nil
    }

    public var description: String {
        switch kind {
        case .unresolvedSecret(let path, let reference): "secret \(reference) (\(path)) was not resolved"
        case .render(let message): "the body could not be rendered: \(message)"
        case .signing(let message): "cannot sign: \(message)"
        case .refused(let refusal): refusal.description
        case .transport(let message): message
        case .oauth(let message): "OAuth token request failed: \(message)"
        case .oauthRefused(let refusal): "OAuth token request failed: token_url: \(refusal)"
        }
    }
}
