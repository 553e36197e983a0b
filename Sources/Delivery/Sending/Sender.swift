import AccessEvents
import Foundation
import Handlebars
import JSON
public import Store
import WebhookModel

/// The one send path: `hookctl test`, deliveries and redeliveries all go through `send`.
///
/// It renders the body, sets headers, authorization and signatures, checks the target with the address guard,
/// connects to the checked address only, never follows redirects, and returns the attempt, redacted, for history.
public struct Sender: Sendable {
    /// The version in `User-Agent: hookctl/VERSION`.
    public static let version = "0.1.0"

    public var addressGuard: AddressGuard
    public var clock: any WallClock
    public var tokens: OAuthTokenCache
    public var userAgent: String
    /// Where requests go once the guard has checked their target.
    public var transport: any HTTPTransport
    /// Body templates compiled once per source.
    public var templates: TemplateCache
    /// Redactors by the secrets they hide: each one's percent-encoded and JSON-escaped forms are worked out once per
    /// webhook version, not for every send.
    let redactors = BoundedCache<[String], Redactor>(capacity: 256)
    /// Signers by their secrets, each decoded from base64 once.
    let signers = BoundedCache<[String], StandardWebhookSigner>(capacity: 256)

    public init(
        addressGuard: AddressGuard = AddressGuard(), transport: any HTTPTransport = HTTPExchange(),
        clock: any WallClock = SystemClock(), tokens: OAuthTokenCache = OAuthTokenCache(),
        userAgent: String = "hookctl/\(Sender.version)", templates: TemplateCache = TemplateCache()
    ) {
        self.addressGuard = addressGuard
        self.transport = transport
        self.clock = clock
        self.tokens = tokens
        self.userAgent = userAgent
        self.templates = templates
    }

    /// Sends one attempt and returns its record; every failure is in the record, nothing is thrown.
    public func send(_ request: DeliveryRequest) async -> Invocation {
        await attempt(request).invocation
    }

    /// Sends one attempt and returns its record with the failure, if any, for the retry rules to judge.
    public func attempt(_ request: DeliveryRequest) async -> SendAttempt {
        let started = clock.now.date
        let webhook = request.webhook
        let deadline = SendDeadline(timeout: webhook.timeout)
        let secrets = request.secrets.secretTexts(of: webhook).sorted()
        var redactor = redactors.value(secrets) { Redactor(secrets: secrets) }
        var outgoing = OutgoingRequest(method: webhook.method.rawValue, url: webhook.url, headers: [], body: [])
        var address: String?
        var response: ReceivedResponse?
        var failure: DeliveryFailure?
        do throws(DeliveryFailure) {
            outgoing.body = try render(webhook, request.event)
            try prepare(&outgoing, for: request)
            let target: CheckedTarget
            switch await addressGuard.check(webhook.url, before: deadline) {
            case .success(let checked): target = checked
            case .failure(let refusal): throw .refused(refusal)
            }
            address = target.address.description
            response = try await sendAuthorized(
                &outgoing, to: target, request: request, redactor: &redactor, deadline: deadline)
            failure = response.flatMap(Self.failure(of:))
        } catch {
            failure = error
            address = address ?? error.refusedAddress
        }
        let elapsed = clock.now.date.timeIntervalSince(started)
        let invocation = Invocation(
            id: Invocation.newID(), webhook: webhook.name, eventID: request.eventID, trigger: request.trigger,
            attempt: request.attempt, startedAt: started, durationMilliseconds: max(0, Int(elapsed * 1000)),
            address: address, status: failure == nil ? .success : .failure,
            failureReason: failure.map { redactor.redact($0.description) }, request: outgoing.record(redactor),
            response: response?.record(redactor))
        return SendAttempt(invocation: invocation, failure: failure, retryAfter: response?.header("Retry-After"))
    }

    /// Why a response is a failure, or `nil` for a complete 2xx response.
    static func failure(of response: ReceivedResponse) -> DeliveryFailure? {
        if let bodyFailure = response.bodyFailure { return .transport(bodyFailure) }
        switch response.status {
        case 200..<300:
            return nil
        case 300..<400:
            let location = response.header("Location").map { " to \($0)" } ?? ""
            return .transport(
                "HTTP \(response.status) redirect\(location) was not followed; webhooks never follow redirects")
        default:
            return .transport("HTTP \(response.status) \(response.reason)")
        }
    }

    func render(_ webhook: Webhook, _ event: JSONValue) throws(DeliveryFailure) -> [UInt8] {
        do {
            return try templates.template(webhook.body, escape: EscapeMode(webhook.escape)).render(event)
        } catch {
            throw .render("template \(error.line):\(error.column): \(error.message)")
        }
    }
}
