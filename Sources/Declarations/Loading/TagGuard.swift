import WebhookModel
import Yams

/// Finds YAML tags that would make a value something other than what it reads as.
///
/// `triggers: !!str [Created]` is a string to YAML and a list to the eye; `active: !!str true` is the string
/// `"true"`. hookctl reads each value as it is written, so such a tag would be silently ignored: it is refused
/// where it is written instead. A tag that only repeats what the value already is (`!!str hello`, `!!int 5`)
/// changes nothing and passes.
enum TagGuard {
    struct Finding {
        let tag: String
        let kind: String
        let mark: Mark?
    }

    static func conflictingTags(in root: Node, text: String) -> [Finding] {
        // Every tag starts with `!`: most files have none, and one byte scan skips the walk.
        guard text.utf8.contains(UInt8(ascii: "!")) else { return [] }
        var findings: [Finding] = []
        walk(root, into: &findings)
        return findings
    }

    private static func walk(_ node: Node, into findings: inout [Finding]) {
        switch node {
        case .scalar(let scalar):
            if conflicts(scalar) {
                findings.append(Finding(tag: shown(scalar.tag), kind: node.kindDescription, mark: scalar.mark))
            }
        case .sequence(let sequence):
            if ![Tag.Name.implicit, .seq].map(\.rawValue).contains(sequence.tag.description) {
                findings.append(Finding(tag: shown(sequence.tag), kind: "a list", mark: sequence.mark))
            }
            for element in sequence { walk(element, into: &findings) }
        case .mapping(let mapping):
            if ![Tag.Name.implicit, .map].map(\.rawValue).contains(mapping.tag.description) {
                findings.append(Finding(tag: shown(mapping.tag), kind: "a mapping", mark: mapping.mark))
            }
            for (key, value) in mapping {
                walk(key, into: &findings)
                walk(value, into: &findings)
            }
        case .alias:
            break
        }
    }

    /// Quoted and block scalars are strings untagged (libyaml marks them `!!str`); a plain scalar is what the
    /// resolver makes of its text.
    private static func conflicts(_ scalar: Node.Scalar) -> Bool {
        // `Tag.name` is Yams's own; its description is the name.
        let name = scalar.tag.description
        guard name != Tag.Name.implicit.rawValue else { return false }
        if scalar.style != .plain && scalar.style != .any { return name != Tag.Name.str.rawValue }
        let untagged = Node.scalar(Node.Scalar(scalar.string, .implicit, .plain))
        return Resolver.default.resolveTag(of: untagged).rawValue != name
    }

    /// `tag:yaml.org,2002:str` as it is usually written, `!!str`.
    private static func shown(_ tag: Tag) -> String {
        let prefix = "tag:yaml.org,2002:"
        let name = tag.description
        return name.hasPrefix(prefix) ? "!!" + name.dropFirst(prefix.count) : name
    }
}
