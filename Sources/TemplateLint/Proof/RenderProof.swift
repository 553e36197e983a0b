import AccessEvents
import Handlebars
import JSON
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
        /// What the offending bytes look like they are, when that is recognizable.
        var hint: String?
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
            // Trace the bytes to blame back to the template (a second, traced render: only on failure).
            let (culprit, hint, gap) = Self.culprit(bytes, at: error.offset)
            let traced = try? template.renderTraced(event)
            let position = gap.flatMap { traced?.firstTag(startingIn: $0) } ?? traced?.position(ofByte: culprit)
            return Failure(
                variant: variant, triggers: [], rule: "render.invalid-json",
                message:
                    "the output is not JSON: \(error.message) at output line \(error.line), column \(error.column)",
                position: position, excerpt: excerpt(bytes, around: culprit), hint: hint)
        }
    }

    /// The output byte a JSON error is really about: for `,]` the comma, not the bracket the parser stopped at.
    /// `gap` is the output between the last token and this one, when a value is missing there: the tag that
    /// started writing in it (and wrote nothing) is to blame.
    static func culprit(_ bytes: [UInt8], at offset: Int) -> (offset: Int, hint: String?, gap: ClosedRange<Int>?) {
        guard !bytes.isEmpty else { return (0, nil, nil) }
        let here = min(offset, bytes.count - 1)
        var previous = here - 1
        while previous >= 0, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[previous]) { previous -= 1 }
        guard previous >= 0, offset < bytes.count else { return (here, nil, nil) }
        let current = bytes[here]
        if current == UInt8(ascii: "]") || current == UInt8(ascii: "}"), bytes[previous] == UInt8(ascii: ",") {
            return (
                previous,
                "a trailing comma: write the separator only between items, e.g. {{#unless @last}},{{/unless}}",
                nil
            )
        }
        if Set(":[,".utf8).contains(bytes[previous]), Set("}],".utf8).contains(current) {
            return (
                here,
                "a value that rendered as nothing: guard it with {{#if}}…{{else}}null{{/if}}, or use escape: json",
                (previous + 1)...here
            )
        }
        let endsValue = Set("\"}]0123456789el".utf8)
        let startsValue = Set("\"{[-0123456789tfn".utf8)
        if endsValue.contains(bytes[previous]), startsValue.contains(current) {
            return (here, "a missing comma between two values", nil)
        }
        return (here, nil, nil)
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
