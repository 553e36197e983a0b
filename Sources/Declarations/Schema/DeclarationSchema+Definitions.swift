public import JSON

extension DeclarationSchema {
    /// The named filter conditions and what each holds for.
    static let filterConditions: [(String, String)] = [
        ("integration_type", "Any access group's integration type is one of the values, e.g. Postgresql."),
        ("integration", "Any access group's integration name is one of the values."),
        ("resource_type", "Any access unit's resource type id is one of the values."),
        ("permission", "Any access unit's permission id is one of the values."),
        ("access_flow", "The access flow's name is one of the values."),
        ("access_bundle", "The access bundle's name is one of the values."),
        ("requester_email", "The requester's email matches one of these glob patterns (* and ?, ignoring case)."),
        ("approvals_logical_relation", "The approvals' logical relation is one of the values: AnyOf, AllOf."),
    ]

    /// The value shapes several keys share, under `$defs`.
    public static var definitions: JSONObject {
        var definitions = JSONObject()
        definitions["text"] = [
            "description": "A YAML scalar, read as text (a plain 42 or true reads as the text \"42\" or \"true\").",
            "type": ["string", "number", "boolean"],
        ]
        definitions["secret"] = [
            "description": """
            A literal value, or a reference that is the whole value: ${env:NAME} (an environment variable) or \
            ${file:PATH} (a file, relative to the declaring file). References are resolved when planning and \
            never printed.
            """,
            "$ref": "#/$defs/text",
        ]
        definitions["filterValues"] = [
            "description": "One value, or a non-empty list of values of which any may match.",
            "anyOf": [
                ["type": ["string", "number", "boolean"]],
                [
                    "type": "array", "minItems": 1, "uniqueItems": true,
                    "items": ["type": ["string", "number", "boolean"]],
                ],
            ],
        ]
        var conditions = JSONObject()
        for (name, description) in filterConditions {
            conditions[name] = ["description": .string(description), "$ref": "#/$defs/filterValues"]
        }
        conditions["fields"] = [
            "description": .string(
                "Any other event field: {data.requester.id: [user-1, user-2]}, a dotted path from the event's root "
                    + "(arrays crossed without []), checked against the event schema by lint."),
            "type": "object", "minProperties": 1,
            "propertyNames": ["pattern": "^[A-Za-z0-9_]+(\\.[A-Za-z0-9_]+)*$"],
            "additionalProperties": ["$ref": "#/$defs/filterValues"],
        ]
        var filter = conditions
        filter["not"] = [
            "description": "Keeps out an event when any of these conditions holds.",
            "type": "object", "minProperties": 1, "additionalProperties": false, "properties": .object(conditions),
        ]
        definitions["filter"] = [
            "type": "object", "minProperties": 1, "additionalProperties": false, "properties": .object(filter),
        ]
        definitions["duration"] = [
            "description": "A whole number with a unit ms, s, m, h or d, which may combine: 1500ms, 10s, 5m, 1h30m.",
            "type": "string", "pattern": "^([0-9]{1,9}(ms|s|m|h|d))+$",
        ]
        definitions["retry"] = [
            "type": "object", "additionalProperties": false,
            "properties": [
                "max_attempts": [
                    "description": .string(
                        "Attempts in all, from 1 (no retry) to 20; the default is one more than the schedule lists "
                            + "(10 with the standard schedule)."),
                    "type": "integer", "minimum": 1, "maximum": 20,
                ],
                "schedule": [
                    "description": .string(
                        "The waits before each retry, at most 7 days each; the last one repeats when max_attempts "
                            + "allows more retries."),
                    "type": "array", "minItems": 1, "items": ["$ref": "#/$defs/duration"],
                ],
            ],
        ]
        definitions["signingSecret"] = [
            "description": .string(
                "A ${env:NAME} or ${file:PATH} reference, or a literal whsec_ secret (base64 of 24 to 64 random "
                    + "bytes; a literal warns)."),
            "type": "string", "pattern": "^(\\$\\{(env|file):.+\\}|whsec_[A-Za-z0-9+/=]+)$",
        ]
        definitions["signing"] = [
            "type": "object", "additionalProperties": false,
            "properties": [
                "secret": ["description": "The signing secret.", "$ref": "#/$defs/signingSecret"],
                "secrets": [
                    "description": "Two secrets while rotating (both signatures are sent): [new, old].",
                    "type": "array", "minItems": 1, "maxItems": 2, "items": ["$ref": "#/$defs/signingSecret"],
                ],
            ],
            "oneOf": [["required": ["secret"]], ["required": ["secrets"]]],
        ]
        definitions["auth"] = auth
        return definitions
    }

    /// `auth`: a `type` and exactly the fields that type takes.
    static var auth: JSONValue {
        let fields: [(type: String, required: [String], optional: [String])] = [
            ("none", [], []),
            ("basic", ["username", "password"], []),
            ("bearer", ["token"], []),
            ("api_key", ["header", "value"], []),
            ("oauth2", ["token_url", "client_id", "client_secret"], ["scopes", "audience"]),
        ]
        let descriptions: [(String, String)] = [
            ("username", "basic: the user name."),
            ("password", "basic: the password; reference it: ${env:NAME}."),
            ("token", "bearer: the token sent as Authorization: Bearer TOKEN; reference it: ${env:NAME}."),
            ("header", "api_key: the header to send, e.g. DD-API-KEY."),
            ("value", "api_key: the header's value; reference it: ${env:NAME}."),
            ("token_url", "oauth2: the token endpoint (https, same URL rules as url)."),
            ("client_id", "oauth2: the client id of the client-credentials grant."),
            ("client_secret", "oauth2: the client secret; reference it: ${env:NAME}."),
            ("scopes", "oauth2: scopes to request (a list)."),
            ("audience", "oauth2: the audience to request."),
        ]
        var properties = JSONObject()
        properties["type"] = [
            "description": "none, basic, bearer, api_key or oauth2.",
            "enum": .array(
                fields.map { .string($0.type) }),
        ]
        for (name, description) in descriptions {
            switch name {
            case "scopes":
                properties[name] = [
                    "description": .string(description), "type": "array", "items": ["$ref": "#/$defs/text"],
                ]
            case "header", "token_url":
                properties[name] = ["description": .string(description), "$ref": "#/$defs/text"]
            default:
                properties[name] = ["description": .string(description), "$ref": "#/$defs/secret"]
            }
        }
        let rules: [JSONValue] = fields.map { entry in
            [
                "if": ["properties": ["type": ["const": .string(entry.type)]]],
                "then": [
                    "required": .array(entry.required.map { .string($0) }),
                    "propertyNames": ["enum": .array((["type"] + entry.required + entry.optional).map { .string($0) })],
                ],
            ]
        }
        return [
            "type": "object", "required": ["type"], "properties": .object(properties), "additionalProperties": false,
            "allOf": .array(rules),
        ]
    }
}
