public import AccessEvents
public import Declarations
public import Handlebars
public import WebhookModel

/// Everything `hookctl lint` found, and how much it checked.
public struct LintReport: Sendable {
    public var diagnostics: [Diagnostic]
    /// Templates that compiled and were checked.
    public var templatesChecked: Int
    /// Events rendered by the render proof.
    public var payloadsRendered: Int
}

/// Checks each declaration's body against the event schema and proves it renders to JSON, then the review checks
/// across declarations. Findings inside a template point into the file, inside YAML block scalars too.
public struct Linter: Sendable {
    public var schema: EventSchema
    public var helpers: HelperRegistry

    public init(schema: EventSchema = .standard, helpers: HelperRegistry = .standard) {
        self.schema = schema
        self.helpers = helpers
    }

    /// Lints `set` (already loaded and validated); `fileText` returns a declaration file's text by its shown path.
    public func lint(_ set: DeclarationSet, fileText: (String) -> String?) -> LintReport {
        var report = LintReport(diagnostics: [], templatesChecked: 0, payloadsRendered: 0)
        var texts: [String: String?] = [:]
        func text(_ file: String) -> String? {
            if let cached = texts[file] { return cached }
            let loaded = fileText(file)
            texts[file] = loaded
            return loaded
        }
        let ignored = ignoredRules(set, fileText: text)
        let variants = Dictionary(
            uniqueKeysWithValues: Set(set.declarations.flatMap(\.webhook.triggers)).map {
                ($0, schema.variants(for: $0))
            })
        for declaration in set.declarations { _ = text(declaration.file) }
        let loaded = texts
        // Each declaration is linted on its own (the render proof is most of the work), on every core.
        let results = set.declarations.concurrentMap { declaration in
            var partial = LintReport(diagnostics: [], templatesChecked: 0, payloadsRendered: 0)
            let silenced = ignored[declaration.webhook.name] ?? []
            partial.diagnostics = lint(
                declaration, fileText: loaded[declaration.file] ?? nil, variants: variants, report: &partial
            )
            .filter { !silenced.contains($0.code) }
            return partial
        }
        for partial in results {
            report.diagnostics += partial.diagnostics
            report.templatesChecked += partial.templatesChecked
            report.payloadsRendered += partial.payloadsRendered
        }
        let byLocation = locatedIgnores(set, ignored: ignored)
        report.diagnostics += (DeclarationChecks.across(set.declarations) + set.diagnostics).filter { diagnostic in
            guard let location = diagnostic.location,
                diagnostic.severity != .error || LintRule.named(diagnostic.code) != nil
            else { return true }
            return !byLocation.contains {
                $0.file == location.file && (($0.start)..<$0.end).contains(location.line)
                    && $0.rules.contains(diagnostic.code)
            }
        }
        report.diagnostics.sort()
        return report
    }

    private func lint(
        _ declaration: Declaration, fileText: String?, variants: [Trigger: [EventVariant]], report: inout LintReport
    ) -> [Diagnostic] {
        let webhook = declaration.webhook
        let locator = TemplateLocator(template: declaration.template, fileText: fileText)
        func at(_ position: SourcePosition) -> SourceLocation {
            locator.location(line: position.line, column: position.column)
        }
        var diagnostics = DeclarationChecks.single(declaration)
        diagnostics += FilterCheck(declaration, schema: schema).diagnostics
        let template: Template
        do {
            template = try Template(webhook.body, escape: EscapeMode(webhook.escape), helpers: helpers)
        } catch {
            diagnostics.append(
                Diagnostic(
                    LintRule.named(error.code)?.severity ?? .error, error.code,
                    "in the body of \(webhook.name): "
                        + error.message(showing: { "\(at($0).line):\(at($0).column)" }),
                    at: at(error.position)))
            return diagnostics
        }
        report.templatesChecked += 1
        // The JSON contexts come from a json-mode compile, also for html and none bodies when it succeeds.
        let contexts = webhook.escape == .json ? template : try? Template(webhook.body, escape: .json, helpers: helpers)
        var walker = ScopeWalker(schema: schema, escape: webhook.escape, helpers: helpers, triggers: webhook.triggers)
        walker.walk((contexts ?? template).ast)
        for finding in walker.findings {
            diagnostics.append(
                Diagnostic(
                    finding.severity, finding.rule, finding.message, at: at(finding.position),
                    notes: finding.notes))
        }
        // Only the events the webhook can receive: the variants that pass its filter.
        let passing = webhook.filter.map { filter in
            variants.mapValues { $0.filter { filter.matches($0.event) } }
        }
        let proof = RenderProof(template: template, triggers: webhook.triggers, variants: passing ?? variants)
        report.payloadsRendered += proof.rendered
        if let passing {
            let unproven = webhook.triggers.filter { passing[$0]?.isEmpty ?? true }
            if !unproven.isEmpty {
                let names = unproven.map(\.rawValue).joined(separator: ", ")
                diagnostics.append(
                    Diagnostic(
                        .note, "render.filtered-out",
                        "no sample event for \(names) passes the filter of \(webhook.name), so the body was not "
                            + "rendered for \(unproven.count == 1 ? "it" : "them")",
                        at: declaration.location(of: "filter#key"),
                        notes: [
                            "the samples (hookctl sample --trigger \(unproven[0].rawValue)) and their variants were "
                                + "filtered out; check the body with hookctl render \(webhook.name) --event FILE"
                        ]))
            }
        }
        // One finding per body: the first failure (the plain sample comes first), and which other events fail too.
        // When the static checks already found errors, they explain the failure better than the rendered bytes.
        if let failure = proof.failures.first, !diagnostics.contains(where: { $0.severity == .error }) {
            let triggers = failure.triggers.map(\.rawValue).joined(separator: ", ")
            var notes = failure.hint.map { ["this looks like \($0)"] } ?? []
            notes += failure.excerpt.map { ["output: \($0)"] } ?? []
            let others = proof.failures.dropFirst().map(\.variant)
            if !others.isEmpty { notes.append("also fails with: " + others.joined(separator: ", ")) }
            notes.append(
                "reproduce: hookctl render \(webhook.name) --trigger \(failure.triggers[0].rawValue)"
                    + (failure.variant == "the sample" ? "" : " --event FILE (the sample with \(failure.variant))"))
            diagnostics.append(
                Diagnostic(
                    .error, failure.rule,
                    "\(webhook.name) does not render to JSON for \(triggers) with \(failure.variant): "
                        + failure.message,
                    at: failure.position.map(at) ?? at(SourcePosition(line: 1, column: 1)), notes: notes))
        }
        return diagnostics
    }

    /// The rules each webhook silences with `# hookctl-lint-ignore` comments in its YAML document.
    private func ignoredRules(_ set: DeclarationSet, fileText: (String) -> String?) -> [String: Set<String>] {
        var ignored: [String: Set<String>] = [:]
        for (file, declarations) in Dictionary(grouping: set.declarations, by: \.file) {
            guard let text = fileText(file) else { continue }
            let ignores = LintIgnores(fileText: text)
            guard !ignores.comments.isEmpty else { continue }
            let sorted = declarations.sorted { $0.location.line < $1.location.line }
            for (index, declaration) in sorted.enumerated() {
                let end = index + 1 < sorted.count ? sorted[index + 1].location.line : Int.max
                ignored[declaration.webhook.name] = ignores.rules(forDocumentFrom: declaration.location.line, to: end)
            }
        }
        return ignored
    }

    /// The line ranges of the webhooks that silence rules, for findings located in their documents. Validation
    /// errors (which keep a declaration from loading) cannot be silenced.
    private func locatedIgnores(
        _ set: DeclarationSet, ignored: [String: Set<String>]
    )
        -> [(file: String, start: Int, end: Int, rules: Set<String>)]
    {
        var ranges: [(file: String, start: Int, end: Int, rules: Set<String>)] = []
        for (file, declarations) in Dictionary(grouping: set.declarations, by: \.file) {
            let sorted = declarations.sorted { $0.location.line < $1.location.line }
            for (index, declaration) in sorted.enumerated() {
                guard let rules = ignored[declaration.webhook.name], !rules.isEmpty else { continue }
                let end = index + 1 < sorted.count ? sorted[index + 1].location.line : Int.max
                ranges.append((file, declaration.location.line, end, rules))
            }
        }
        return ranges
    }
}
