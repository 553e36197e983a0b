import AccessEvents
public import JSON

/// The intake's OpenAPI 3.1 document, served at `GET /openapi.json` and committed as `openapi.json` (a test keeps
/// the two equal). The event schema is the one `hookctl schema` prints, its `$defs` moved into the components and
/// its `format` annotations left out, and the one rule the intake adds to it: an access request's id holds no NUL.
public enum IntakeOpenAPI {
    /// `AccessRequest` with its `id` refused when it holds U+0000, as `EventIntake` refuses it.
    static func noNul(_ request: JSONValue) -> JSONValue {
        guard case .object(var object) = request, case .object(var properties)? = object["properties"],
            case .object(var id)? = properties["id"]
        else { return request }
        id["pattern"] = "^[^\\u0000]*$"
        properties["id"] = .object(id)
        object["properties"] = .object(properties)
        return .object(object)
    }

    public static let document: JSONValue = {
        var schemas: [(key: String, value: JSONValue)] = []
        var event = (try? JSONValue(parsing: EventSchema.document)) ?? .null
        if case .object(var object) = event {
            if case .object(let defs)? = object["$defs"] {
                schemas += defs.members.map {
                    ($0.key, rewriteRefs($0.key == "AccessRequest" ? noNul($0.value) : $0.value))
                }
            }
            for key in ["$defs", "$schema", "$id"] { object[key] = nil }
            event = rewriteRefs(.object(object))
        }
        schemas.insert(("AccessRequestEvent", event), at: 0)
        schemas += [
            ("Accepted", accepted),
            ("BatchAnswer", batchAnswer),
            ("Problem", problem),
            ("Error", error),
        ]
        return [
            "openapi": "3.1.0",
            "info": [
                "title": "hookctl intake",
                "version": "1",
                "description": .string(
                    "Access-request events in: each is committed with one delivery per active webhook of its trigger "
                        + "before the 202, and delivered by the runner with retries."),
            ],
            "servers": [["url": "/"]],
            "security": [["bearer": []]],
            "paths": [
                "/v1/events": [
                    "post": post(
                        summary: "Accept one event", body: ["$ref": "#/components/schemas/AccessRequestEvent"],
                        accepted: "Accepted", idempotencyKey: true)
                ],
                "/v1/events/batch": [
                    "post": post(
                        summary: "Accept up to 1,000 events",
                        body: [
                            "type": "array", "maxItems": .number(Double(RunnerConfiguration.maxBatchEvents)),
                            "description": .string(
                                "Each item should be an AccessRequestEvent; each is judged on its own, and the answer "
                                    + "says per item whether it was accepted or what its problems are."),
                            "items": [:],
                        ], accepted: "BatchAnswer", idempotencyKey: false)
                ],
                "/healthz": [
                    "get": [
                        "summary": "Liveness", "operationId": "health", "security": [],
                        "responses": [
                            "200": [
                                "description": "The runner is up.",
                                "content": [
                                    "application/json": [
                                        "schema": [
                                            "type": "object", "required": ["status"],
                                            "properties": ["status": ["const": "ok"]],
                                        ]
                                    ]
                                ],
                            ]
                        ],
                    ]
                ],
                "/openapi.json": [
                    "get": [
                        "summary": "This document", "operationId": "openapi", "security": [],
                        "responses": [
                            "200": [
                                "description": "The OpenAPI document.",
                                "content": ["application/json": ["schema": ["type": "object"]]],
                            ]
                        ],
                    ]
                ],
                "/metrics": [
                    "get": [
                        "summary": "Metrics in the Prometheus text format", "operationId": "metrics", "security": [],
                        "description": .string(
                            "Deliveries by webhook and outcome, attempt latency, queue depth, in-flight sends, the "
                                + "age of the oldest due delivery and intake counts; no token, like /healthz."),
                        "responses": [
                            "200": [
                                "description": "The Prometheus text exposition format, version 0.0.4.",
                                "content": ["text/plain": ["schema": ["type": "string"]]],
                            ]
                        ],
                    ]
                ],
            ],
            "components": [
                "securitySchemes": [
                    "bearer": [
                        "type": "http", "scheme": "bearer",
                        "description": "HOOKCTL_INGEST_TOKEN, else the token in .hookctl/ingest-token.",
                    ]
                ],
                "schemas": .object(JSONObject(members: schemas)),
            ],
        ]
    }()

    static func post(summary: String, body: JSONValue, accepted: String, idempotencyKey: Bool) -> JSONValue {
        func answer(_ description: String, _ schema: String, headers: JSONValue? = nil) -> JSONValue {
            var members: [(key: String, value: JSONValue)] = [
                ("description", .string(description)),
                ("content", ["application/json": ["schema": ["$ref": .string("#/components/schemas/\(schema)")]]]),
            ]
            if let headers { members.append(("headers", headers)) }
            return .object(JSONObject(members: members))
        }
        let parameters: JSONValue =
            idempotencyKey
            ? [
                [
                    "name": "Idempotency-Key", "in": "header", "required": false,
                    "description":
                        "The same key twice is accepted once (default: event_type, data.id and event_time); one header at most.",
                    "schema": ["type": "string", "maxLength": .number(Double(EventIntake.maxIdempotencyKeyLength))],
                ]
            ] : []
        return [
            "summary": .string(summary),
            "operationId": .string(idempotencyKey ? "acceptEvent" : "acceptEvents"),
            "parameters": parameters,
            "requestBody": ["required": true, "content": ["application/json": ["schema": body]]],
            "responses": [
                "202": answer("Committed with its deliveries (or accepted before: duplicate).", accepted),
                "400": answer("Not JSON, not the right shape, or breaks the event schema.", "Error"),
                "401": answer(
                    "No token, or a wrong one.", "Error",
                    headers: ["WWW-Authenticate": ["schema": ["type": "string"]]]),
                "405": answer(
                    "Another method than POST.", "Error", headers: ["Allow": ["schema": ["type": "string"]]]),
                "413": answer("A body over 1 MiB.", "Error"),
                "415": answer("A Content-Type that is not JSON.", "Error"),
                "503": answer(
                    "The store did not commit in time; nothing was half-written.", "Error",
                    headers: ["Retry-After": ["schema": ["type": "string"]]]),
            ],
        ]
    }

    static let accepted: JSONValue = [
        "type": "object", "required": ["event_id", "delivery_ids", "duplicate"],
        "properties": [
            "event_id": ["type": "string"],
            "delivery_ids": ["type": "array", "items": ["type": "string"]],
            "duplicate": ["type": "boolean"],
        ],
    ]

    static let batchAnswer: JSONValue = [
        "type": "object", "required": ["accepted", "rejected", "results"],
        "properties": [
            "accepted": ["type": "integer"], "rejected": ["type": "integer"],
            "results": [
                "type": "array",
                "items": [
                    "type": "object", "required": ["index", "accepted"],
                    "properties": [
                        "index": ["type": "integer"], "accepted": ["type": "boolean"],
                        "event_id": ["type": "string"],
                        "delivery_ids": ["type": "array", "items": ["type": "string"]],
                        "duplicate": ["type": "boolean"],
                        "problems": ["type": "array", "items": ["$ref": "#/components/schemas/Problem"]],
                    ],
                ],
            ],
        ],
    ]

    static let problem: JSONValue = [
        "type": "object", "required": ["path", "message"],
        "properties": ["path": ["type": "string"], "message": ["type": "string"]],
    ]

    static let error: JSONValue = [
        "type": "object", "required": ["error"],
        "properties": [
            "error": ["type": "string"], "line": ["type": "integer"], "column": ["type": "integer"],
            "found": ["type": "string"],
            "problems": ["type": "array", "items": ["$ref": "#/components/schemas/Problem"]],
        ],
    ]

    /// `#/$defs/X` → `#/components/schemas/X`, everywhere in a schema; `format` goes, since JSON Schema 2020-12
    /// makes formats annotations and the intake does not assert them (an OpenAPI tool would).
    static func rewriteRefs(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let object):
            return .object(
                JSONObject(
                    members: object.members.filter { $0.key != "format" }.map { member in
                        if member.key == "$ref", let ref = member.value.stringValue, ref.hasPrefix("#/$defs/") {
                            return (member.key, .string("#/components/schemas/" + ref.dropFirst("#/$defs/".count)))
                        }
                        return (member.key, rewriteRefs(member.value))
                    }))
        case .array(let array): return .array(array.map(rewriteRefs))
        default: return value
        }
    }
}
