import JSON
public import Reconciler
public import WebhookModel

/// Renders a plan as versioned JSON (`"format_version"`) for CI scripts; secrets appear as references only.
public enum PlanJSONPrinter {
    public static func render(_ plan: Plan, diagnostics: [Diagnostic] = []) -> String {
        let document: JSONValue = [
            "format_version": .string(String(Plan.formatVersion)),
            "set": .string(plan.setID),
            "store": ["lineage": .string(plan.lineage), "serial": .number(Double(plan.serial))],
            "declarations_digest": .string(plan.declarationsDigest),
            "summary": [
                "add": .number(Double(plan.toAdd)), "change": .number(Double(plan.toChange)),
                "delete": .number(Double(plan.toDelete)), "text": .string(plan.summary),
            ],
            "changes": .array(plan.changes.map(change)),
            "left_alone": .array(
                plan.unmanaged.map {
                    ["name": .string($0.name), "managed_by": $0.managedBy.map(JSONValue.string) ?? .null]
                }
            ),
            "diagnostics": .array(diagnostics.map(DiagnosticPrinter.jsonObject)),
        ]
        return document.prettyText() + "\n"
    }

    private static func change(_ change: PlannedChange) -> JSONValue {
        [
            "action": .string(change.action.rawValue), "name": .string(change.name), "adopt": .bool(change.adopt),
            "live_version": change.liveVersion.map { .number(Double($0)) } ?? .null,
            "fields": .array(change.fields.map(field)), "drift": .array(change.drift.map(field)),
        ]
    }

    private static func field(_ field: FieldChange) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("path", .string(field.path)), ("old", field.old.map(JSONValue.string) ?? .null),
            ("new", field.new.map(JSONValue.string) ?? .null),
            ("sensitive_value_changed", .bool(field.sensitiveValueChanged)),
        ]
        if field.sealsPlainText { members.append(("seals_plain_text", .bool(true))) }
        if let lines = field.lines {
            members.append(("lines", .array(lines.map { .string($0.kind.marker + $0.text) })))
        }
        if let rendered = field.rendered { members.append(("rendered", .array(rendered.map(self.field)))) }
        return .object(JSONObject(members: members))
    }
}
