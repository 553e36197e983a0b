import Store

/// The field changes that turn one stored webhook into another.
enum FieldDiff {
    /// `fingerprint` fingerprints a value the live state holds in plain text, to tell whether sealing it also
    /// changes it; without it such a value counts as changed.
    static func changes(
        from old: StoredWebhook, to new: StoredWebhook, fingerprint: Planner.Fingerprinter? = nil
    ) -> [FieldChange] {
        let before = FieldValue.fields(of: old)
        let after = FieldValue.fields(of: new)
        let beforeByPath = Dictionary(before.map { ($0.path, $0.value) }, uniquingKeysWith: { a, _ in a })
        let afterPaths = Set(after.map(\.path))
        var changes: [FieldChange] = []
        for (path, value) in after {
            if let change = change(path, beforeByPath[path], value, fingerprint) { changes.append(change) }
        }
        for (path, value) in before where !afterPaths.contains(path) {
            if let change = change(path, value, nil, fingerprint) { changes.append(change) }
        }
        return changes
    }

    private static func change(
        _ path: String, _ old: FieldValue?, _ new: FieldValue?, _ fingerprint: Planner.Fingerprinter?
    ) -> FieldChange? {
        switch (old, new) {
        case (.body(let a)?, .body(let b)?):
            return a == b ? nil : FieldChange(path: path, old: nil, new: nil, lines: LineDiff.diff(old: a, new: b))
        case (.secret(let a, let f1)?, .secret(let b, let f2)?):
            let sensitive = a.isSensitive || b.isSensitive
            // The live value is in plain text though the declaration makes it a secret: apply seals it.
            let sealsPlainText = b.isSensitive && a.plainText != nil
            let before = sealsPlainText ? a.plainText.flatMap { fingerprint?($0) } : f1
            let sensitiveChanged = sensitive && before != f2
            let oldText = FieldValue.text(of: a, masked: sensitive)
            let newText = FieldValue.text(of: b, masked: b.isSensitive)
            guard oldText != newText || sensitiveChanged || sealsPlainText else { return nil }
            return FieldChange(
                path: path, old: oldText, new: newText, sensitiveValueChanged: sensitiveChanged,
                sealsPlainText: sealsPlainText)
        default:
            guard old != new else { return nil }
            let sensitive = [old, new].contains {
                if case .secret(let field, _)? = $0 { field.isSensitive } else { false }
            }
            return FieldChange(path: path, old: old?.text, new: new?.text, sensitiveValueChanged: sensitive)
        }
    }
}

extension FieldDiff {
    /// Every field of a webhook to be created, as additions.
    static func creation(of state: StoredWebhook) -> [FieldChange] {
        FieldValue.fields(of: state).map { path, value in
            if case .body(let text) = value {
                return FieldChange(
                    path: path, old: nil, new: nil, lines: LineDiff.lines(text).map { DiffLine(.added, $0) })
            }
            return FieldChange(path: path, old: nil, new: value.text)
        }
    }
}

extension FieldDiff {
    /// The semantic JSON diff of both bodies rendered for the sample event.
    static func renderedBodyChanges(
        from old: StoredWebhook, to new: StoredWebhook, render: Planner.BodyRenderer
    ) -> [FieldChange] {
        let before = render(old.webhook.body, old.webhook.escape)
        let after = render(new.webhook.body, new.webhook.escape)
        guard let before, let after else {
            return [
                FieldChange(
                    path: "$", old: before == nil ? "(cannot render)" : "(rendered)",
                    new: after == nil ? "(cannot render)" : "(rendered)")
            ]
        }
        return JSONSemanticDiff.diff(old: before, new: after)
    }
}
