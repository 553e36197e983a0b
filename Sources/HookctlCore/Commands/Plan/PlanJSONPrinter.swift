import Foundation
public import Reconciler
public import WebhookModel

/// Renders a plan as versioned JSON (`"format_version"`) for CI scripts; secrets appear as references only.
public enum PlanJSONPrinter {
    public static func render(_ plan: Plan, diagnostics: [Diagnostic] = []) -> String {
        let document: [String: Any] = [
            "format_version": String(Plan.formatVersion),
            "set": plan.setID,
            "store": ["lineage": plan.lineage, "serial": plan.serial],
            "declarations_digest": plan.declarationsDigest,
            "summary": ["add": plan.toAdd, "change": plan.toChange, "delete": plan.toDelete, "text": plan.summary],
            "changes": plan.changes.map(change),
            "left_alone": plan.unmanaged.map {
                ["name": $0.name, "managed_by": $0.managedBy ?? NSNull()] as [String: Any]
            },
            "diagnostics": diagnostics.map(DiagnosticPrinter.jsonObject),
        ]
        let data =
            (try? JSONSerialization.data(
                withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    private static func change(_ change: PlannedChange) -> [String: Any] {
        [
            "action": change.action.rawValue, "name": change.name, "adopt": change.adopt,
            "live_version": change.liveVersion.map { $0 as Any } ?? NSNull(),
            "fields": change.fields.map(field), "drift": change.drift.map(field),
        ]
    }

    private static func field(_ field: FieldChange) -> [String: Any] {
        var object: [String: Any] = [
            "path": field.path, "old": field.old ?? NSNull(), "new": field.new ?? NSNull(),
            "sensitive_value_changed": field.sensitiveValueChanged,
        ]
        if field.sealsPlainText { object["seals_plain_text"] = true }
        if let lines = field.lines { object["lines"] = lines.map { $0.kind.marker + $0.text } }
        if let rendered = field.rendered { object["rendered"] = rendered.map(self.field) }
        return object
    }
}
