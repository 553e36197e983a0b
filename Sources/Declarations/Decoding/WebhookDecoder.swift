import WebhookModel
import Yams

/// Reads one YAML document into a `Declaration`, collecting every finding instead of stopping at the first.
struct WebhookDecoder {
    static let keys = [
        "name", "active", "method", "url", "headers", "sensitive_headers", "auth", "triggers", "filter", "body",
        "body_file", "escape", "timeout", "retry", "signing", "protect", "ordered",
    ]

    let file: String
    /// Absolute directory of the declaring file.
    let directory: String
    /// Absolute root that `body_file` must stay inside (the `webhooks.d` folder being read).
    let root: String
    /// The directory paths are shown relative to.
    let currentDirectory: String

    var diagnostics: [Diagnostic] = []
    /// The document's webhook name and its position, when the name itself is valid (even if other fields are not).
    var declaredName: (name: String, location: SourceLocation)?
    var fieldLocations: [String: SourceLocation] = [:]
    /// Where secrets are written in plain text (see `DeclarationSet.sensitiveSpans`).
    var sensitiveSpans: [SourceLocation] = []
    /// `--allow-target` entries exempt from the URL rules (see `URLRules.check`).
    var allowTargets: Set<String> = []
    /// The file's lines, to point inside a one-line scalar (`location(of:value:at:)`).
    var sourceLines: [Substring] = []
    private var errorCount = 0

    init(file: String, directory: String, root: String, currentDirectory: String) {
        self.file = file
        self.directory = directory
        self.root = root
        self.currentDirectory = currentDirectory
    }

    /// Decodes `document`; `nil` when it has an error (the findings say why).
    mutating func decode(_ document: YAMLDocuments.Document) -> Declaration? {
        guard case .mapping(let mapping) = document.root else {
            if document.root.isNull {
                report(
                    .warning(
                        "file.empty-document", "this YAML document is empty and declares no webhook",
                        at: document.start))
            } else {
                error(
                    "config.type",
                    "a webhook declaration is a mapping of keys (name, method, url, triggers, body, …); "
                        + "got \(document.root.kindDescription)", at: document.root)
            }
            return nil
        }
        var fields: [String: (key: Node, value: Node)] = [:]
        for (key, value) in mapping {
            guard case .scalar(let keyScalar) = key else {
                error(
                    "config.type", "keys must be plain words such as name or url; got \(key.kindDescription)", at: key)
                continue
            }
            let name = keyScalar.string
            if name == "<<" {
                error("yaml.merge-key", "YAML merge keys (<<) are not supported; write the keys out", at: key)
            } else if WebhookDecoder.keys.contains(name) {
                fields[name] = (key, value)
            } else {
                error(
                    "config.unknown-key",
                    "unknown key \"\(name)\"\(Suggestion.phrase(for: name, in: WebhookDecoder.keys))",
                    at: key, notes: ["accepted keys: " + WebhookDecoder.keys.joined(separator: ", ")])
            }
        }
        let documentStart = location(of: document.root)
        func required(_ key: String, _ example: String) -> Node? {
            guard let value = fields[key]?.value else {
                error(
                    "config.missing-key", "missing required key \"\(key)\"", at: documentStart,
                    notes: ["for example: \(example)"])
                return nil
            }
            return value
        }

        let nameNode = required("name", "name: jira-access-requests")
        let name = nameNode.flatMap { readName($0) }
        if let name, let nameNode { declaredName = (name, location(of: nameNode)) }
        let active = fields["active"].map { bool($0.value, field: "active") ?? true } ?? true
        let protect = fields["protect"].map { bool($0.value, field: "protect") ?? false } ?? false
        let ordered = fields["ordered"].map { bool($0.value, field: "ordered") ?? false } ?? false
        let method = required("method", "method: POST").flatMap { readMethod($0) }
        let url = required("url", "url: https://example.atlassian.net/rest/api/3/issue").flatMap { readURL($0) }
        var headers = fields["headers"].map { readHeaders($0.value) } ?? []
        let auth = fields["auth"].map { readAuth($0.value) } ?? Auth.none
        if let listed = fields["sensitive_headers"] {
            readSensitiveHeaders(listed.value, marking: &headers, auth: auth)
        }
        warnAboutLiteralCredentials(in: headers)
        checkAuthorizationConflict(headers: headers, auth: auth, authKey: fields["auth"]?.key)
        let triggers = required("triggers", "triggers: [Created, Approved]").flatMap { readTriggers($0) }
        if let key = fields["filter"]?.key { remember("filter#key", key) }
        let filter = fields["filter"].flatMap { readFilter($0.value) }
        let template = readBody(body: fields["body"], bodyFile: fields["body_file"], documentStart: documentStart)
        let escape = fields["escape"].flatMap { readEscape($0.value) } ?? .json
        let timeout = fields["timeout"].flatMap { readTimeout($0.value) } ?? Webhook.defaultTimeout
        let retry = fields["retry"].flatMap { readRetry($0.value) } ?? .standard
        let signing = fields["signing"].flatMap { readSigning($0.value) }
        if let signingKey = fields["signing"]?.key { checkSigningConflict(headers: headers, signingKey: signingKey) }

        guard errorCount == 0, let name, let method, let url, let triggers, let template else { return nil }
        let webhook = Webhook(
            name: name, active: active, method: method, url: url, headers: headers, auth: auth, triggers: triggers,
            body: template.source.text, bodyFile: template.bodyFile, escape: escape, timeout: timeout, retry: retry,
            signing: signing, protect: protect, filter: filter, ordered: ordered)
        return Declaration(
            webhook: webhook, template: template.source, file: file, directory: directory, location: documentStart,
            fieldLocations: fieldLocations)
    }

    // MARK: Reporting

    func location(of node: Node) -> SourceLocation {
        SourceLocation(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
    }

    /// Where `offset` (in Unicode scalars) of a scalar's `value` is in the file, when the value stands on the
    /// scalar's line as written (plain, or quoted without escapes); else where the scalar starts.
    func location(of node: Node, value: String, at offset: Int?) -> SourceLocation {
        let start = location(of: node)
        guard let offset, offset > 0, case .scalar(let scalar) = node, start.line <= sourceLines.count else {
            return start
        }
        let quote = scalar.style == .singleQuoted || scalar.style == .doubleQuoted ? 1 : 0
        let from = start.column - 1 + quote
        let line = sourceLines[start.line - 1].unicodeScalars
        guard from >= 0, line.dropFirst(from).starts(with: value.unicodeScalars) else { return start }
        return SourceLocation(file: start.file, line: start.line, column: start.column + quote + offset)
    }

    mutating func report(_ diagnostic: Diagnostic) {
        if diagnostic.severity == .error { errorCount += 1 }
        diagnostics.append(diagnostic)
    }

    mutating func error(_ code: String, _ message: String, at node: Node, notes: [String] = []) {
        report(.error(code, message, at: location(of: node), notes: notes))
    }

    mutating func error(_ code: String, _ message: String, at location: SourceLocation, notes: [String] = []) {
        report(.error(code, message, at: location, notes: notes))
    }

    mutating func warning(_ code: String, _ message: String, at node: Node, notes: [String] = []) {
        report(.warning(code, message, at: location(of: node), notes: notes))
    }

    mutating func remember(_ path: String, _ node: Node) {
        fieldLocations[path] = location(of: node)
    }

    // MARK: Scalars

    /// A scalar's text, or an error naming the field and what it expected.
    mutating func string(_ node: Node, field: String, example: String? = nil) -> String? {
        guard case .scalar(let scalar) = node, !node.isNull else {
            let hint = example.map { ["for example: \($0)"] } ?? []
            error("config.type", "\(field) must be a string; got \(node.kindDescription)", at: node, notes: hint)
            return nil
        }
        remember(field, node)
        return scalar.string
    }

    mutating func bool(_ node: Node, field: String) -> Bool? {
        remember(field, node)
        if case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any {
            switch scalar.string {
            case "true", "True", "TRUE": return true
            case "false", "False", "FALSE": return false
            case "yes", "Yes", "YES", "on", "On", "ON", "y", "Y":
                error(
                    "config.type", "\(field) must be true or false; \"\(scalar.string)\" is not a boolean in YAML 1.2",
                    at: node, notes: ["write \(field): true"])
                return nil
            case "no", "No", "NO", "off", "Off", "OFF", "n", "N":
                error(
                    "config.type", "\(field) must be true or false; \"\(scalar.string)\" is not a boolean in YAML 1.2",
                    at: node, notes: ["write \(field): false"])
                return nil
            default: break
            }
        }
        var notes = ["write \(field): true or \(field): false"]
        if case .scalar(let scalar) = node, ["true", "false"].contains(scalar.string.lowercased()) {
            notes = ["remove the quotes: \(field): \(scalar.string.lowercased())"]
        }
        error(
            "config.type", "\(field) must be a boolean (true or false); got \(node.kindDescription)", at: node,
            notes: notes)
        return nil
    }

    /// A whole number written as a plain scalar.
    mutating func integer(_ node: Node, field: String) -> Int? {
        remember(field, node)
        if case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any,
            let value = Int(scalar.string)
        {
            return value
        }
        guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any else {
            error("config.type", "\(field) must be a whole number; got \(node.kindDescription)", at: node)
            return nil
        }
        // A plain scalar that YAML may read as a number, but not as a decimal whole number that fits.
        let text = scalar.string.count > 40 ? scalar.string.prefix(40) + "…" : scalar.string
        let unsigned = text.first == "-" || text.first == "+" ? text.dropFirst() : Substring(text)
        let radix = ["0x": 16, "0o": 8, "0b": 2][unsigned.prefix(2).lowercased()]
        let why: String
        if let radix, let value = Int(unsigned.dropFirst(2), radix: radix) {
            why = "\(text) is not written in decimal; write \(text.first == "-" ? -value : value)"
        } else if !unsigned.isEmpty, unsigned.allSatisfy({ ("0"..."9").contains($0) || $0 == "…" }) {
            why = "\(text) is too large"
        } else if let number = Double(text), let whole = Int(exactly: number) {
            why = "\(text) is not written as a whole number; write \(whole)"
        } else {
            why = "got \(node.kindDescription) (\(text))"
        }
        error("config.type", "\(field) must be a whole number in decimal, such as 5; \(why)", at: node)
        return nil
    }

    mutating func mapping(_ node: Node, field: String, example: String) -> Node.Mapping? {
        guard case .mapping(let mapping) = node else {
            error(
                "config.type", "\(field) must be a mapping; got \(node.kindDescription)", at: node,
                notes: ["for example:\n\(example)"])
            return nil
        }
        return mapping
    }

    /// Checks that a mapping uses only `allowed` keys; returns its values by key.
    mutating func fields(
        of mapping: Node.Mapping, in field: String, allowed: [String]
    ) -> [String: (key: Node, value: Node)] {
        var result: [String: (key: Node, value: Node)] = [:]
        for (key, value) in mapping {
            let name = key.scalar?.string ?? ""
            if allowed.contains(name) {
                result[name] = (key, value)
            } else {
                error(
                    "config.unknown-key",
                    "unknown key \"\(name)\" in \(field)\(Suggestion.phrase(for: name, in: allowed))",
                    at: key, notes: ["accepted keys in \(field): " + allowed.joined(separator: ", ")])
            }
        }
        return result
    }
}
