import JSON

extension DeclarationSchema {
    /// Every top-level key, in the order the reference lists them. Adding a key to the declaration format is one
    /// entry here (a test checks this list against the keys the decoder accepts).
    public static let keys: [DeclarationKey] = [
        DeclarationKey(
            "name", required: true, "1–64 letters, digits, -, _ and .; unique across all files.",
            ["$ref": "#/$defs/text", "pattern": "^[A-Za-z0-9._-]{1,64}$"]),
        DeclarationKey(
            "active",
            "true (the default) or false: an inactive webhook is kept but receives nothing. Only the YAML 1.2 "
                + "booleans: yes/on are refused.",
            ["type": "boolean", "default": true]),
        DeclarationKey(
            "method", required: true, "The HTTP method: POST, PUT or DELETE, upper case.",
            ["enum": ["POST", "PUT", "DELETE"]]),
        DeclarationKey(
            "url", required: true,
            "An absolute https:// URL on port 443 with a public host: no user name or password (use auth), no "
                + "#fragment, no private, loopback or metadata address.",
            ["type": "string", "pattern": "^[A-Za-z][A-Za-z0-9+.-]*://"]),
        DeclarationKey(
            "headers",
            "At most 10 headers sent with every request. Values are one line; a value may be a ${env:NAME} or "
                + "${file:PATH} reference. Host, Content-Length, Transfer-Encoding and Connection are set by hookctl.",
            [
                "type": "object", "maxProperties": 10,
                "propertyNames": ["pattern": "^[!#$%&'*+.^_`|~0-9A-Za-z-]+$"],
                "additionalProperties": ["$ref": "#/$defs/secret"],
            ]),
        DeclarationKey(
            "sensitive_headers",
            "Header names from headers whose values are secrets though their names do not say so, e.g. "
                + "[X-Partner-Id]: sealed in the store and never shown.",
            ["type": "array", "uniqueItems": true, "items": ["$ref": "#/$defs/text"]]),
        DeclarationKey(
            "auth", "How the webhook authorizes itself: none (the default), basic, bearer, api_key or oauth2.",
            ["$ref": "#/$defs/auth"]),
        DeclarationKey(
            "triggers", required: true,
            "The events that reach this webhook, without repeats: Created, Approved, Rejected, Granted, Expired, "
                + "Failed. The event's event_type is AccessRequest + the trigger, e.g. AccessRequestCreated (accepted "
                + "here too, with a warning).",
            [
                "type": "array", "minItems": 1, "uniqueItems": true,
                "items": [
                    "enum": [
                        "Created", "Approved", "Rejected", "Granted", "Expired", "Failed", "AccessRequestCreated",
                        "AccessRequestApproved", "AccessRequestRejected", "AccessRequestGranted",
                        "AccessRequestExpired", "AccessRequestFailed",
                    ]
                ],
            ]),
        DeclarationKey(
            "filter",
            "Narrows the triggers' events to those that pass: every condition must hold (AND), a list of values "
                + "matches any of them (OR), and not: keeps out an event when any of its conditions holds. "
                + "Conditions: integration_type, integration, resource_type, permission, access_flow, access_bundle, "
                + "requester_email (glob patterns), approvals_logical_relation, and fields: {EVENT.PATH: values}.",
            ["$ref": "#/$defs/filter"]),
        DeclarationKey(
            "body",
            "A Handlebars template whose result is JSON, usually a | block scalar (or body_file, not both).",
            ["$ref": "#/$defs/text", "minLength": 1]),
        DeclarationKey(
            "body_file",
            "A template file, relative to the declaring file, that must stay inside the declarations folder "
                + "(or body, not both).",
            ["$ref": "#/$defs/text", "minLength": 1]),
        DeclarationKey(
            "escape",
            "How {{value}} is escaped: json (the default: JSON-aware), html (as handlebars.js) or none.",
            ["enum": ["json", "html", "none"], "default": "json"]),
        DeclarationKey(
            "timeout", "How long one attempt may take, from 1s to 30s; the default is 10s.",
            ["$ref": "#/$defs/duration", "default": "10s"]),
        DeclarationKey(
            "retry",
            "max_attempts (1–20) and schedule, the waits before each retry. The default follows Standard "
                + "Webhooks: 10 attempts, then after 5s, 5m, 30m, 2h, 5h, 10h, 14h, 20h and 24h.",
            ["$ref": "#/$defs/retry"]),
        DeclarationKey(
            "signing",
            "Sign requests the Standard Webhooks way (webhook-id, webhook-timestamp, webhook-signature): "
                + "secret: ${env:NAME}, or secrets: [new, old] while rotating.",
            ["$ref": "#/$defs/signing"]),
        DeclarationKey(
            "protect",
            "true keeps apply from ever deleting the live webhook until a plan first sets it back to false.",
            ["type": "boolean", "default": false]),
        DeclarationKey(
            "ordered",
            "true delivers one access request's events (same data.id) in event_time order: a later event waits "
                + "until the earlier one succeeded or finally failed. The default is false.",
            ["type": "boolean", "default": false]),
    ]
}
