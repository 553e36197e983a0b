public import JSON
public import WebhookModel

/// Events derived from a trigger's sample by the schema, each stressing one way a template can produce bad JSON.
///
/// The linter renders every template over all of them for every trigger it subscribes to and proves each output
/// parses as JSON.
public struct EventVariant: Sendable {
    /// What the variant does to the sample, for messages: `optional fields absent`.
    public var name: String
    public var event: JSONValue
}

extension EventSchema {
    /// A string that must survive any escaping: quotes, backslashes, control characters, line and paragraph
    /// separators, an emoji, HTML and a Handlebars tag.
    public static let hostileString =
        "\"quoted\" \\ back\\slash\nnew line\ttab\u{2028}\u{2029} 👩‍💻 </script><b>&amp;</b> {{x}} '"

    /// The number every number becomes in the `large numbers` variant. Every number in the event is a time in epoch
    /// seconds, so it is the last instant the `date` helper can write (9999-12-31T23:59:59.999Z): larger values are
    /// not times an event can carry, and made every body that formats a date fail the render proof.
    public static let largeNumber = 253_402_300_799.999

    /// The sample for `trigger` and its variants: optional fields absent, nullable fields null, arrays empty, with one
    /// element and with three, every free-text string empty or hostile, and large numbers.
    public func variants(for trigger: Trigger) -> [EventVariant] {
        let sample = EventSamples.sample(for: trigger)
        func variant(_ name: String, _ transform: (JSONValue, SchemaNode, Bool) -> JSONValue?) -> EventVariant {
            EventVariant(name: name, event: rewrite(sample, root, isRequired: true, transform) ?? .null)
        }
        return [
            EventVariant(name: "the \(trigger.rawValue) sample", event: sample),
            // Spelled out: a bare `nil` would unify with `value` and become JSON `null` (JSONValue is nil-literal).
            variant("optional fields absent") { value, _, required in required ? value : JSONValue?.none },
            variant("nullable fields null") { value, node, _ in node.isNullable ? .null : value },
            variant("arrays empty") { value, _, _ in if case .array = value { .array([]) } else { value } },
            variant("arrays with one element") { value, _, _ in resized(value, to: 1) },
            variant("arrays with three elements") { value, _, _ in resized(value, to: 3) },
            variant("strings empty") { value, node, _ in isFreeText(value, node) ? .string("") : value },
            variant("hostile strings") { value, node, _ in isFreeText(value, node) ? .string(Self.hostileString) : value
            },
            variant("large numbers") { value, _, _ in
                if case .number = value { .number(Self.largeNumber) } else { value }
            },
        ]
    }

    /// Applies `transform` to every member (bottom-up, so arrays resize after their elements changed); `nil` from
    /// the transform removes the member.
    private func rewrite(
        _ value: JSONValue, _ node: SchemaNode, isRequired: Bool,
        _ transform: (JSONValue, SchemaNode, Bool) -> JSONValue?
    ) -> JSONValue? {
        var rewritten = value
        switch (node.kind, value) {
        case (.object(let properties), .object(var object)):
            for property in properties {
                guard let member = object[property.name] else { continue }
                object[property.name] = rewrite(member, property.node, isRequired: property.isRequired, transform)
            }
            rewritten = .object(object)
        case (.array(let items), .array(let elements)):
            rewritten = .array(elements.compactMap { rewrite($0, items, isRequired: true, transform) })
        default:
            break
        }
        return transform(rewritten, node, isRequired)
    }
}

private func resized(_ value: JSONValue, to count: Int) -> JSONValue {
    guard case .array(let elements) = value, let first = elements.first else { return value }
    return .array((0..<count).map { index in index < elements.count ? elements[index] : first })
}

/// A string the schema does not restrict to an enum: names, ids, justifications.
private func isFreeText(_ value: JSONValue, _ node: SchemaNode) -> Bool {
    guard case .string = value, case .string(allowed: nil) = node.kind else { return false }
    return true
}
