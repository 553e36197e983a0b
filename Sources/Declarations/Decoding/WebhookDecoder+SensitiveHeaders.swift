import WebhookModel
import Yams

extension WebhookDecoder {
    /// Reads `sensitive_headers: [Name, …]` and marks those headers sensitive; every entry must name a declared
    /// header (ignoring case), once.
    mutating func readSensitiveHeaders(_ node: Node, marking headers: inout [Header], auth: Auth) {
        let example = "for example: sensitive_headers: [X-Partner-Id]"
        guard case .sequence(let sequence) = node else {
            error(
                "config.type", "sensitive_headers must be a list of header names; got \(node.kindDescription)",
                at: node, notes: [example])
            return
        }
        remember("sensitive_headers", node)
        // Every header name written under `headers`, also those refused there (they have their error already).
        let declared = fieldLocations.keys.compactMap { key -> String? in
            guard key.hasPrefix("headers."), key.hasSuffix("#key") else { return nil }
            return String(key.dropFirst("headers.".count).dropLast("#key".count))
        }
        var seen: [String: SourceLocation] = [:]
        for (index, item) in sequence.enumerated() {
            guard case .scalar(let scalar) = item, !item.isNull else {
                error(
                    "config.type", "each sensitive_headers entry must be a header name; got \(item.kindDescription)",
                    at: item, notes: [example])
                continue
            }
            remember("sensitive_headers[\(index)]", item)
            let name = scalar.string
            let lower = name.lowercased()
            if let first = seen[lower] {
                error(
                    "sensitive_headers.duplicate",
                    "header \(name) is listed twice in sensitive_headers (header names ignore case)", at: item,
                    notes: ["first listed at \(first)"])
                continue
            }
            seen[lower] = location(of: item)
            if let i = headers.firstIndex(where: { $0.name.lowercased() == lower }) {
                headers[i].markedSensitive = true
            } else if !declared.contains(where: { $0.lowercased() == lower }) {
                error(
                    "sensitive_headers.unknown",
                    "sensitive_headers lists \"\(name)\", which is not a declared header"
                        + Suggestion.phrase(for: name, in: declared.sorted()),
                    at: item, notes: unknownHeaderNotes(name, declared: declared, auth: auth))
            }
        }
    }

    private func unknownHeaderNotes(_ name: String, declared: [String], auth: Auth) -> [String] {
        var notes = [
            declared.isEmpty
                ? "this webhook declares no headers; sensitive_headers lists names from headers"
                : "declared headers: " + declared.sorted().joined(separator: ", ")
        ]
        var authHeader = auth == .none ? nil : "authorization"
        if case .apiKey(let header, _) = auth { authHeader = header.lowercased() }
        if name.lowercased() == authHeader {
            notes.append("the header that auth sets is always treated as a secret; leave it out of sensitive_headers")
        }
        return notes
    }

    /// `secret.literal` for a header value written in plain text that is, or looks like, a credential. A sensitive
    /// header's literal is sealed and redacted like a literal auth field, and the warning says so; a value that only
    /// looks like one says how to make it a secret.
    mutating func warnAboutLiteralCredentials(in headers: [Header]) {
        for header in headers {
            guard case .literal(let text) = header.value, !text.isEmpty else { continue }
            let name = header.name
            let at = fieldLocations["headers.\(name)"] ?? SourceLocation(file: file, line: 1, column: 1)
            let reference = "reference it instead: \(name): ${env:\(CredentialHeuristics.variableName(for: name))}"
            let reason = CredentialHeuristics.literalCredentialReason(headerName: name, value: text)
            if header.isSensitive {
                sensitiveSpans.append(at)
                let what =
                    header.markedSensitive && !Header.isCredentialName(name)
                    ? "is listed in sensitive_headers but written in plain text"
                    : "holds \(reason ?? "a credential") in plain text"
                report(
                    .warning(
                        "secret.literal",
                        "header \(name) \(what); it will be treated as a secret (sealed in the store, never printed)",
                        at: at, notes: [reference]))
            } else if let reason {
                report(
                    .warning(
                        "secret.literal", "header \(name) holds \(reason) in plain text", at: at,
                        notes: [
                            reference,
                            "or list it to treat the value as a secret: sensitive_headers: [\(name)]",
                        ]))
            }
        }
    }
}
