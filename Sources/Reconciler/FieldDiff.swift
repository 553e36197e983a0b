import Store

/// The field changes that turn one stored webhook into another.
enum FieldDiff {
    static func changes(from old: StoredWebhook, to new: StoredWebhook) -> [FieldChange] {
        let before = FieldValue.fields(of: old)
        let after = FieldValue.fields(of: new)
        let beforeByPath = Dictionary(before.map { ($0.path, $0.value) }, uniquingKeysWith: { a, _ in a })
        let afterPaths = Set(after.map(\.path))
        var changes: [FieldChange] = []
        for (path, value) in after {
            if let change = change(path, beforeByPath[path], value) { changes.append(change) }
        }
        for (path, value) in before where !afterPaths.contains(path) {
            if let change = change(path, value, nil) { changes.append(change) }
        }
        return changes
    }

    private static func change(_ path: String, _ old: FieldValue?, _ new: FieldValue?) -> FieldChange? {
        switch (old, new) {
        case (.body(let a)?, .body(let b)?):
            return a == b ? nil : FieldChange(path: path, old: nil, new: nil, lines: LineDiff.diff(old: a, new: b))
        case (.secret(let d1, let f1, let s1)?, .secret(let d2, let f2, let s2)?):
            let sensitiveChanged = (s1 || s2) && f1 != f2
            guard d1 != d2 || sensitiveChanged else { return nil }
            return FieldChange(path: path, old: d1, new: d2, sensitiveValueChanged: sensitiveChanged)
        default:
            guard old != new else { return nil }
            let sensitive = [old, new].contains { if case .secret(_, _, true)? = $0 { true } else { false } }
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
