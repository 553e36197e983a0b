import WebhookModel
import Yams

extension Node {
    /// What a node is, in words a user knows: for "expected a list, got a string".
    var kindDescription: String {
        switch self {
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        case .scalar(let scalar):
            if scalar.style == .plain || scalar.style == .any {
                if isNull {
                    "null"
                } else if ["true", "false", "True", "False", "TRUE", "FALSE"].contains(scalar.string) {
                    "a boolean"
                } else if Int(scalar.string) != nil || Double(scalar.string) != nil {
                    "a number"
                } else {
                    "a string"
                }
            } else {
                "a string"
            }
        }
    }

    /// Whether this is YAML's null: an empty plain scalar, `~` or `null`.
    var isNull: Bool {
        guard case .scalar(let scalar) = self, scalar.style == .plain || scalar.style == .any else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// The `TemplateSource.ScalarStyle` of a scalar, for mapping template positions back to the file.
    var templateStyle: TemplateSource.ScalarStyle {
        guard case .scalar(let scalar) = self else { return .plain }
        switch scalar.style {
        case .singleQuoted: return .singleQuoted
        case .doubleQuoted: return .doubleQuoted
        case .literal: return .literal
        case .folded: return .folded
        default: return .plain
        }
    }
}
