/// Declarations broken in their structure — a missing or unknown key, a value of the wrong type or outside its
/// enum — that both `validate` and the declaration schema must reject.
enum BrokenDeclarations {
    struct Entry {
        var what: String
        var text: String
    }

    static let base: [(key: String, value: String)] = [
        ("name", "broken"), ("method", "POST"), ("url", "https://hooks.example.com/in"), ("triggers", "[Created]"),
        ("body", "'{\"id\": \"{{data.id}}\"}'"),
    ]

    /// The valid base with `key` set to `value` (added when absent), or removed when `value` is nil.
    static func with(_ key: String, _ value: String?) -> String {
        var pairs = base
        if let index = pairs.firstIndex(where: { $0.key == key }) {
            if let value { pairs[index].value = value } else { pairs.remove(at: index) }
        } else if let value {
            pairs.append((key, value))
        }
        return pairs.map { "\($0.key): \($0.value)" }.joined(separator: "\n") + "\n"
    }

    static let all: [Entry] = [
        Entry(what: "missing name", text: with("name", nil)),
        Entry(what: "missing method", text: with("method", nil)),
        Entry(what: "missing url", text: with("url", nil)),
        Entry(what: "missing triggers", text: with("triggers", nil)),
        Entry(what: "missing body", text: with("body", nil)),
        Entry(what: "body and body_file", text: with("body_file", "templates/t.hbs")),
        Entry(what: "unknown key", text: with("retires", "{max_attempts: 3}")),
        Entry(what: "name with a space", text: with("name", "jira access")),
        Entry(what: "name of 65 characters", text: with("name", String(repeating: "a", count: 65))),
        Entry(what: "name null", text: with("name", "null")),
        Entry(what: "lower-case method", text: with("method", "post")),
        Entry(what: "unknown method", text: with("method", "PATCH")),
        Entry(what: "url not a string", text: with("url", "{host: example.com}")),
        Entry(what: "url not absolute", text: with("url", "hooks.example.com/in")),
        Entry(what: "active quoted", text: with("active", "\"true\"")),
        Entry(what: "active a number", text: with("active", "1")),
        Entry(what: "protect quoted", text: with("protect", "'false'")),
        Entry(what: "triggers a string", text: with("triggers", "Created")),
        Entry(what: "triggers empty", text: with("triggers", "[]")),
        Entry(what: "unknown trigger", text: with("triggers", "[Created, Approve]")),
        Entry(what: "repeated trigger", text: with("triggers", "[Created, Created]")),
        Entry(what: "body empty", text: with("body", "''")),
        Entry(what: "body a mapping", text: with("body", "{id: 1}")),
        Entry(what: "headers a list", text: with("headers", "[Accept]")),
        Entry(what: "header value a mapping", text: with("headers", "{X-A: {b: c}}")),
        Entry(what: "header name not a token", text: with("headers", "{'X A': b}")),
        Entry(
            what: "11 headers", text: with("headers", "{" + (1...11).map { "X-\($0): v" }.joined(separator: ", ") + "}")
        ),
        Entry(what: "sensitive_headers a string", text: with("sensitive_headers", "X-A")),
        Entry(what: "auth a string", text: with("auth", "bearer")),
        Entry(what: "auth without type", text: with("auth", "{token: \"${env:T}\"}")),
        Entry(what: "unknown auth type", text: with("auth", "{type: digest}")),
        Entry(what: "basic without password", text: with("auth", "{type: basic, username: u}")),
        Entry(what: "bearer with a username", text: with("auth", "{type: bearer, token: t, username: u}")),
        Entry(what: "unknown auth field", text: with("auth", "{type: none, tokne: t}")),
        Entry(
            what: "oauth2 without client_secret",
            text: with("auth", "{type: oauth2, token_url: https://l.example.com/t, client_id: c}")),
        Entry(
            what: "oauth2 scopes a string",
            text: with(
                "auth", "{type: oauth2, token_url: https://l.example.com/t, client_id: c, client_secret: s, scopes: a}")
        ),
        Entry(what: "escape unknown", text: with("escape", "xml")),
        Entry(what: "timeout a number", text: with("timeout", "10")),
        Entry(what: "timeout not a duration", text: with("timeout", "ten seconds")),
        Entry(what: "retry a list", text: with("retry", "[3]")),
        Entry(what: "retry max_attempts 0", text: with("retry", "{max_attempts: 0}")),
        Entry(what: "retry max_attempts 21", text: with("retry", "{max_attempts: 21}")),
        Entry(what: "retry max_attempts quoted", text: with("retry", "{max_attempts: '3'}")),
        Entry(what: "retry schedule empty", text: with("retry", "{schedule: []}")),
        Entry(what: "retry schedule of numbers", text: with("retry", "{schedule: [10, 20]}")),
        Entry(what: "retry unknown key", text: with("retry", "{attempts: 3}")),
        Entry(what: "signing empty", text: with("signing", "{}")),
        Entry(
            what: "signing secret and secrets", text: with("signing", "{secret: \"${env:A}\", secrets: [\"${env:B}\"]}")
        ),
        Entry(
            what: "signing three secrets",
            text: with("signing", "{secrets: [\"${env:A}\", \"${env:B}\", \"${env:C}\"]}")),
        Entry(what: "signing literal not whsec_", text: with("signing", "{secret: abc}")),
        Entry(what: "signing unknown key", text: with("signing", "{key: \"${env:A}\"}")),
        Entry(what: "a list instead of a mapping", text: "- name: broken\n  method: POST\n"),
    ]
}
