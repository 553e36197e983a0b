import TestSupport

/// Declarations assembled from candidate values for every key — valid ones and invalid ones mixed — so that some
/// validate and some do not; for the check that the schema accepts everything `validate` accepts.
enum GeneratedDeclarations {
    /// Each key's candidates: `nil` leaves the key out; a text is the key's YAML, without the key.
    static let candidates: [(key: String, values: [String?])] = [
        ("active", [nil, "true", "false", "True", "yes", "\"true\""]),
        ("method", ["POST", "PUT", "DELETE", "post", "PATCH"]),
        (
            "url",
            [
                "https://hooks.example.com/in", "https://8.8.8.8/x", "'https://a.example.com/p?q=1'",
                "https://hooks.example.com:443/in", "http://hooks.example.com/in", "https://10.0.0.1/in",
            ]
        ),
        (
            "headers",
            [
                nil, "{Accept: application/json}", "\n  X-Api-Key: \"${env:PARTNER_KEY}\"\n  X-Source: access-platform",
                "{X-Count: 5, X-Flag: true, X-Tenant: acme-7f3a}", "{Host: example.com}", "[Accept]",
                (1...11).map { "\n  X-H\($0): v" }.joined(),
            ]
        ),
        ("sensitive_headers", [nil, nil, nil, "[X-Tenant]", "[X-Api-Key]", "X-Tenant"]),
        (
            "auth",
            [
                nil, "{type: none}", "{type: basic, username: svc, password: \"${env:PASSWORD}\"}",
                "{type: bearer, token: \"${env:TOKEN}\"}",
                "\n  type: api_key\n  header: DD-API-KEY\n  value: \"${env:DD}\"",
                """

                  type: oauth2
                  token_url: https://login.example.com/oauth2/token
                  client_id: hookctl
                  client_secret: ${env:CLIENT_SECRET}
                  scopes: [events.write]
                  audience: api://events
                """,
                "{type: oauth2, token_url: https://login.example.com/t, client_id: a, client_secret: b}",
                "{type: basic, username: svc}", "{type: bearer, token: t, username: x}", "{token: t}",
            ]
        ),
        (
            "triggers",
            [
                "[Created]", "[Created, Approved, Rejected, Granted, Expired, Failed]", "\n  - Granted\n  - Expired",
                "[]", "Created", "[Created, Created]", "[AccessRequestCreated]",
            ]
        ),
        ("escape", [nil, "json", "html", "none", "xml"]),
        ("timeout", [nil, "10s", "1500ms", "30s", "45s", "10", "1m"]),
        (
            "retry",
            [
                nil, "{max_attempts: 3}", "{max_attempts: 6, schedule: [30s, 2m, 10m]}", "{schedule: [1h]}",
                "{max_attempts: 0}", "{max_attempts: 2, schedule: [1s, 2s, 3s]}", "{schedule: []}",
            ]
        ),
        (
            "signing",
            [
                nil, "{secret: \"${env:SIGNING_SECRET}\"}", "{secrets: [\"${env:NEW}\", \"${env:OLD}\"]}",
                "{secret: whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw}", "{secret: abc}", "{}",
            ]
        ),
        ("protect", [nil, "true", "false"]),
        ("ordered", [nil, "true", "false", "yes"]),
        (
            "filter",
            [
                nil, "{integration_type: [Postgresql]}",
                "{requester_email: ['*@contractor.example'], not: {permission: [Admin]}}",
                "{fields: {data.requester.id: [user-1, user-2]}, access_flow: Default}", "{integraton: [x]}", "{}",
                "{integration: []}", "{not: {not: {integration: [x]}}}",
            ]
        ),
    ]

    /// How many of each key's candidates, from the first, are valid on their own; the others break something.
    static let validCount: [String: Int] = [
        "active": 4, "method": 3, "url": 4, "headers": 4, "sensitive_headers": 5, "auth": 7, "triggers": 3,
        "escape": 4, "timeout": 4, "retry": 4, "signing": 4, "protect": 3, "ordered": 3,
        "filter": 4,
    ]

    static let bodies: [String] = [
        "body: |\n  {\"id\": \"{{data.id}}\", \"kind\": \"{{event_type}}\"}",
        "body: '{\"id\": \"{{data.id}}\"}'",
        "body_file: templates/t.hbs",
        "body: ''",
        "body: '{}'\nbody_file: templates/t.hbs",
        "",
    ]

    /// `count` declarations, the same ones on every run.
    static func make(count: Int) -> [String] {
        var random = SplitMix64(seed: 14)
        return (0..<count).map { index in
            let name = ["g\(index)", "7\(index)", "team.g-\(index)_x"][Int(random.next() % 3)]
            var lines = ["# generated \(index)", "name: \(name)"]
            for (key, values) in candidates {
                // Mostly valid values, so that many declarations validate; an invalid one one time in twelve.
                let valid = validCount[key] ?? values.count
                let breaks = random.next() % 12 == 0 && valid < values.count
                let range = breaks ? UInt64(values.count - valid) : UInt64(valid)
                let pick = Int(random.next() % range) + (breaks ? valid : 0)
                guard let value = values[pick] else { continue }
                lines.append("\(key):" + (value.hasPrefix("\n") ? value : " " + value))
            }
            let body = bodies[Int(random.next() % (random.next() % 8 == 0 ? UInt64(bodies.count) : 3))]
            if !body.isEmpty { lines.append(body) }
            return lines.joined(separator: "\n") + "\n"
        }
    }
}
