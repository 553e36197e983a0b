import Delivery
import Foundation
import JSON
import WebhookModel
import WebhookReceiver

/// Prints what `hookctl receive` got: a line with the time, method and path, the headers (credential values
/// redacted), the body (JSON pretty-printed in its own key order), the signature's verdict and the answer.
struct ReceivedDeliveryPrinter: Sendable {
    let out: any OutputSink

    /// Standard Webhooks headers carry no secret, though `webhook-signature` is named like one.
    static let plainHeaders: Set<String> = ["webhook-id", "webhook-timestamp", "webhook-signature"]

    func print(_ delivery: ReceivedDelivery) {
        var text = "\n── \(delivery.at.formatted(.iso8601)) \(delivery.method) \(delivery.target)\n"
        for (name, value) in delivery.headers {
            let redacted = Header.isCredentialName(name) && !Self.plainHeaders.contains(name.lowercased())
            text += "\(name): \(redacted ? "[redacted]" : value)\n"
        }
        text += "\n" + (delivery.refusal.map { "✗ refused: \($0)" } ?? Self.body(delivery.body)) + "\n"
        switch delivery.verdict {
        case nil: break
        case .verified?: text += "✓ signature verified\n"
        case .refused(let reason)?: text += "✗ signature refused: \(reason)\n"
        }
        text += "→ answered \(delivery.status)\n"
        out.write(text)
    }

    static func body(_ bytes: [UInt8]) -> String {
        if bytes.isEmpty { return "(no body)" }
        if let json = try? JSONValue(parsing: bytes) { return json.prettyText(sortingKeys: false) }
        guard let text = String(validating: bytes, as: UTF8.self) else { return "(\(bytes.count) bytes, not UTF-8)" }
        return text
    }
}
