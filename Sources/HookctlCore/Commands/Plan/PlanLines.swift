import Reconciler

/// Lays out a plan's changes, drift and left-alone webhooks as `PlanLine`s shared by the text and markdown printers.
enum PlanLines {
    /// Lines of unchanged template shown around each changed line of a body diff.
    static let bodyContext = 2

    struct Section {
        var title: String
        var lines: [PlanLine]
    }

    static func sections(_ plan: Plan) -> [Section] {
        var sections: [Section] = []
        let changes = plan.changes.filter { !$0.fields.isEmpty || $0.adopt || $0.action != .update }
        if !changes.isEmpty {
            sections.append(Section(title: "hookctl will perform these actions:", lines: changes.flatMap(lines)))
        }
        let drifted = plan.changes.filter { !$0.drift.isEmpty }
        if !drifted.isEmpty {
            sections.append(
                Section(
                    title: "Drift: changed outside hookctl since the last apply; apply will revert:",
                    lines: drifted.flatMap { change in
                        [PlanLine("~", 0, change.name)] + change.drift.flatMap { field($0, depth: 1) }
                    }))
        }
        if !plan.unmanaged.isEmpty {
            sections.append(
                Section(
                    title: "Left alone (live, not managed by this set):",
                    lines: plan.unmanaged.map { item in
                        PlanLine(
                            " ", 0, item.name + (item.managedBy.map { " (managed by \"\($0)\")" } ?? " (unmanaged)"))
                    }))
        }
        return sections
    }

    static func lines(_ change: PlannedChange) -> [PlanLine] {
        let verb = change.action.rawValue
        var head = "\(verb) \(change.name)"
        if change.adopt { head += " (adopt: managed by this set from now on)" }
        var out = [PlanLine(Character(change.action.symbol), 0, head)]
        out += change.fields.flatMap { field($0, depth: 1) }
        return out
    }

    static func field(_ change: FieldChange, depth: Int) -> [PlanLine] {
        if let lines = change.lines {
            let marker: Character = lines.allSatisfy { $0.kind == .added } ? "+" : "~"
            var out = [PlanLine(marker, depth, change.path)] + body(lines, depth: depth + 1)
            if let rendered = change.rendered {
                let title =
                    rendered.isEmpty ? "rendered for the sample event: the same JSON" : "rendered for the sample event:"
                out.append(PlanLine(" ", depth + 1, title))
                out += rendered.flatMap { field($0, depth: depth + 2) }
            }
            return out
        }
        let sensitive =
            (change.sensitiveValueChanged ? " (sensitive value changed)" : "")
            + (change.sealsPlainText ? " (stored in plain text: apply will seal it)" : "")
        switch (change.old, change.new) {
        case (nil, let new?):
            return [PlanLine("+", depth, "\(change.path) = \(new)\(sensitive)")]
        case (let old?, nil):
            return [PlanLine("-", depth, "\(change.path) = \(old)")]
        case (let old?, let new?) where old == new:
            return [PlanLine("~", depth, "\(change.path) = \(new)\(sensitive)")]
        case (let old?, let new?):
            return [PlanLine("~", depth, "\(change.path) = \(old) → \(new)\(sensitive)")]
        case (nil, nil):
            return [PlanLine("~", depth, change.path + sensitive)]
        }
    }

    /// A body diff with `bodyContext` unchanged lines around changes and `…` for the lines skipped.
    static func body(_ lines: [DiffLine], depth: Int) -> [PlanLine] {
        let changed = lines.indices.filter { lines[$0].kind != .same }
        var keep = Set<Int>()
        for i in changed { keep.formUnion(max(0, i - bodyContext)...min(lines.count - 1, i + bodyContext)) }
        var out: [PlanLine] = []
        var skipped = false
        for (i, line) in lines.enumerated() {
            guard keep.contains(i) else {
                skipped = true
                continue
            }
            if skipped, !out.isEmpty { out.append(PlanLine(" ", depth, "…")) }
            skipped = false
            let marker: Character = line.kind == .same ? " " : line.kind == .added ? "+" : "-"
            out.append(PlanLine(marker, depth, line.text))
        }
        if skipped { out.append(PlanLine(" ", depth, "…")) }
        return out
    }
}
