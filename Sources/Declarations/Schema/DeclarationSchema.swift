public import JSON

/// The JSON Schema (draft 2020-12) of a webhook declaration, for editors: completion, hover text and structural
/// checks of `webhooks.d/*.yaml` as people type.
///
/// It is structural and never stricter than `hookctl validate`: every declaration `validate` accepts is valid under
/// it (a test holds the two together), while checks that need more than one value or the network — URL and address
/// rules, `body_file` paths, durations' ranges, header conflicts — stay with `validate` and `lint`. Its keys come from
/// ``keys`` (one entry per key, `DeclarationSchema+Keys.swift`) and shared value shapes from ``definitions``.
public enum DeclarationSchema {
    /// Where `hookctl schema --declarations` is committed, relative to the repository root, and where
    /// `hookctl init` writes it.
    public static let committedPath = "schema/declarations.schema.json"

    /// The editor line that points a declaration file in `webhooks.d/` at the committed schema.
    public static let modeline = "# yaml-language-server: $schema=../\(committedPath)"

    /// The whole schema.
    public static var document: JSONValue {
        var properties = JSONObject()
        for key in keys {
            var schema = JSONObject()
            schema["description"] = .string(key.description)
            if case .object(let members) = key.schema {
                for (name, value) in members.members { schema[name] = value }
            }
            properties[key.name] = .object(schema)
        }
        return [
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": "https://hookctl.dev/schemas/declaration/v1.json",
            "title": "hookctl webhook declaration",
            "description": """
            One webhook, declared in a YAML document under webhooks.d/ (a file may hold several, separated by \
            ---). hookctl validate and hookctl lint check more than this schema can: URL and address rules, \
            body_file paths, templates against the event schema.
            """,
            "type": "object",
            "required": .array(keys.filter(\.required).map { .string($0.name) }),
            "properties": .object(properties),
            "additionalProperties": false,
            "oneOf": [
                ["required": ["body"], "not": ["required": ["body_file"]]],
                ["required": ["body_file"], "not": ["required": ["body"]]],
            ],
            "$defs": .object(definitions),
        ]
    }

    /// The schema as `hookctl schema --declarations` prints it and `schema/` commits it: keys in declaration order.
    public static var text: String { document.prettyText(sortingKeys: false) + "\n" }
}
