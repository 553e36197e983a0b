public import Store
public import WebhookModel

/// The pure planner: desired webhooks × live state → a plan and the findings that block it. No store, no clock.
public enum Planner {
    /// A plan and what stops it from being applied.
    public struct Outcome: Sendable {
        public var plan: Plan
        /// Errors (protected or foreign-owned webhooks, a mass delete) block the plan.
        public var diagnostics: [Diagnostic]

        public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    }

    /// Renders a body template for the sample event; `nil` when it cannot be rendered.
    public typealias BodyRenderer = @Sendable (_ template: String, _ escape: Webhook.Escape) -> String?

    /// The store's keyed fingerprint of a value (`StoreKey.fingerprint`), to compare a secret the live state still
    /// holds in plain text with the sealed one declared.
    public typealias Fingerprinter = @Sendable (_ value: String) -> String

    /// With `renderBody`, a changed body also carries the semantic diff of the JSON rendered before and after.
    /// With `fingerprint`, sealing a secret the store holds in plain text says whether its value changes too.
    public static func plan(
        desired: [DesiredWebhook], live: LiveSnapshot, setID: String, allowMassDelete: Bool = false,
        renderBody: BodyRenderer? = nil, fingerprint: Fingerprinter? = nil
    ) -> Outcome {
        var diagnostics: [Diagnostic] = []
        var changes: [PlannedChange] = []
        var desiredNames = Set<String>()
        for want in desired {
            guard desiredNames.insert(want.name).inserted else {
                diagnostics.append(
                    .error(
                        "plan.duplicate-name", "webhook \"\(want.name)\" is declared more than once", at: want.location)
                )
                continue
            }
            guard let have = live.webhooks[want.name] else {
                changes.append(
                    PlannedChange(
                        action: .create, name: want.name, fields: FieldDiff.creation(of: want.state), desired: want))
                continue
            }
            if let owner = have.managedBy, owner != setID {
                diagnostics.append(
                    .error(
                        "plan.owned-elsewhere", "webhook \"\(want.name)\" is managed by another set, \"\(owner)\"",
                        at: want.location,
                        notes: ["rename this declaration, or remove it from \"\(owner)\" and apply that first"]))
                continue
            }
            var all = FieldDiff.changes(from: have.state, to: want.state, fingerprint: fingerprint)
            if let renderBody, let i = all.firstIndex(where: { $0.path == "body" }) {
                all[i].rendered = FieldDiff.renderedBodyChanges(from: have.state, to: want.state, render: renderBody)
            }
            let drift = all.filter { have.driftedFields.contains($0.path) }
            let fields = all.filter { !have.driftedFields.contains($0.path) }
            let adopt = have.managedBy == nil
            guard !all.isEmpty || adopt else { continue }
            changes.append(
                PlannedChange(
                    action: .update, name: want.name, fields: fields, drift: drift, adopt: adopt,
                    liveVersion: have.version,
                    desired: want))
        }

        var unmanaged: [UnmanagedWebhook] = []
        var managedCount = 0
        var deletes: [PlannedChange] = []
        for have in live.webhooks.values {
            guard have.managedBy == setID else {
                if !desiredNames.contains(have.name) {
                    unmanaged.append(UnmanagedWebhook(name: have.name, managedBy: have.managedBy))
                }
                continue
            }
            managedCount += 1
            guard !desiredNames.contains(have.name) else { continue }
            if have.state.webhook.protect {
                diagnostics.append(
                    .error(
                        "plan.protected-delete",
                        "webhook \"\(have.name)\" is protected and its declaration was removed; it will not be deleted",
                        notes: [
                            "to delete it, first apply a plan that sets `protect: false`, then remove the declaration"
                        ]))
                continue
            }
            deletes.append(PlannedChange(action: .delete, name: have.name, liveVersion: have.version))
        }
        if !allowMassDelete, !deletes.isEmpty, deletes.count * 2 > managedCount || deletes.count == managedCount {
            let which = deletes.count == managedCount ? "all" : "more than half"
            diagnostics.append(
                .error(
                    "plan.mass-delete",
                    "the plan deletes \(deletes.count) of \(managedCount) managed webhooks (\(which) of them)",
                    notes: ["if that is intended, plan again with --allow-mass-delete"]))
        }
        changes += deletes
        changes.sort { $0.name < $1.name }
        unmanaged.sort { $0.name < $1.name }
        let plan = Plan(
            setID: setID, lineage: live.lineage, serial: live.serial,
            declarationsDigest: DeclarationsDigest.of(desired), changes: changes, unmanaged: unmanaged)
        return Outcome(plan: plan, diagnostics: diagnostics.sorted())
    }
}
