public import Handlebars
public import WebhookModel

extension EscapeMode {
    /// The engine's mode for a webhook's declared `escape`: the one mapping that delivery, `render`, `plan` and
    /// `lint` share when they render a body over an event.
    public init(_ escape: Webhook.Escape) {
        switch escape {
        case .json: self = .json
        case .html: self = .html
        case .none: self = .none
        }
    }
}
