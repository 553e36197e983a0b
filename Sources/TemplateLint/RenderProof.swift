import AccessEvents
import Handlebars
import WebhookModel

/// Renders a template over every variant of every subscribed trigger's event and checks that each output is JSON.
struct RenderProof {
    /// One way the body failed, with the triggers it failed for.
    struct Failure {
        var variant: String
        var triggers: [Trigger]
        var rule: String
        var message: String
        var position: SourcePosition?
        var excerpt: String?
    }

    private(set) var failures: [Failure] = []
    private(set) var rendered = 0

    /// Renders `template` over `variants[trigger]` for each of `triggers` (the linter builds the variants once per
    /// trigger for all webhooks: building them took half of the lint time).
    init(template: Template, triggers: [Trigger], variants: [Trigger: [EventVariant]]) {
        var byKey: [String: Int] = [:]
        for trigger in triggers {
            for variant in variants[trigger] ?? [] {
                rendered += 1
                let name = variant.name.hasPrefix("the ") ? "the sample" : variant.name
                guard let failure = Self.check(template, variant.event, variant: name) else { continue }
                let key = failure.variant + "\u{0}" + failure.message
                if let index = byKey[key] {
                    failures[index].triggers.append(trigger)
                } else {
                    byKey[key] = failures.count
                    var first = failure
                    first.triggers = [trigger]
                    failures.append(first)
                }
            }
        }
    }

    private static func check(_ template: Template, _ event: JSONValue, variant: String) -> Failure? {
        let bytes: [UInt8]
        do {
            bytes = try template.render(event)
        } catch {
            return Failure(
                variant: variant, triggers: [], rule: "render.failed", message: error.message,
                position: error.position)
        }
        if JSONCheck.certainlyValid(bytes) { return nil }
        do {
            _ = try JSONValue(parsing: bytes)
            return nil
        } catch {
            return Failure(
                variant: variant, triggers: [], rule: "render.invalid-json",
                message:
                    "the output is not JSON: \(error.message) at output line \(error.line), column \(error.column)",
                excerpt: excerpt(bytes, around: error.offset))
        }
    }

    /// About 60 characters of output around `offset` on one line, with the spot marked by `⟦⟧`.
    static func excerpt(_ bytes: [UInt8], around offset: Int) -> String {
        let text = Array(String(decoding: bytes, as: UTF8.self).unicodeScalars)
        let utf8Offsets = text.reduce(into: [0]) { $0.append($0.last! + String($1).utf8.count) }
        let at = utf8Offsets.firstIndex { $0 >= offset } ?? text.count
        let lower = max(0, at - 40)
        let upper = min(text.count, at + 20)
        func show(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
            scalars.map { scalar -> String in
                switch scalar {
                case "\n": "\\n"
                case "\t": "\\t"
                case "\r": "\\r"
                default: scalar.value < 0x20 ? "\\u{\(String(scalar.value, radix: 16))}" : String(scalar)
                }
            }.joined()
        }
        let before = show(text[lower..<at])
        let marked = at < text.count ? show(text[at..<(at + 1)]) : ""
        let after = at + 1 < upper ? show(text[(at + 1)..<upper]) : ""
        return (lower > 0 ? "…" : "") + before + "⟦" + marked + "⟧" + after + (upper < text.count ? "…" : "")
    }
}
