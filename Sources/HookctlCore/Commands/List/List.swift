import Foundation
import JSON
import Store
public import StoreSelection

/// `hookctl list`: the live webhooks as a table, or as versioned JSON. 0 on success, 1 on error.
public func list(
    _ options: StoreCommandOptions, format: ListingFormat = .text, terminal: Terminal,
    stores: StoreOpener = .standard
) async -> Int32 {
    guard let opened = options.openStore(terminal, stores, mustExist: true) else { return StoreCommandExit.error }
    let setID = SetIdentity.resolve(flag: options.setName, currentDirectory: options.directory)
    guard let snapshot = await StoreAccess.attempt(terminal, { try await opened.store.snapshot() }) else {
        return StoreCommandExit.error
    }
    let live = snapshot.webhooks.values.sorted { $0.name < $1.name }
    if format == .json {
        terminal.out.write(listJSON(live, setID: setID, lineage: snapshot.lineage, serial: snapshot.serial) + "\n")
        return StoreCommandExit.done
    }
    let rows = live.map { live -> [String] in
        let w = live.state.webhook
        let managed = live.managedBy == setID ? "managed" : live.managedBy.map { "by \($0)" } ?? "unmanaged"
        return [
            w.name, w.active ? "● active" : "○ inactive", w.method.rawValue, host(of: w.url),
            w.triggers.map(\.rawValue).joined(separator: ",") + (w.filter == nil ? "" : " (filtered)"), managed,
        ]
    }
    guard !rows.isEmpty else {
        terminal.out.write("No live webhooks in \(snapshot.lineage.prefix(8))….\n")
        return StoreCommandExit.done
    }
    terminal.out.write(
        TextTable.render(header: ["NAME", "STATE", "METHOD", "HOST", "TRIGGERS", "MANAGED"], rows: rows))
    return StoreCommandExit.done
}

/// `list --format json`: the same facts as the table, typed. The URL is given as its host only, as in the table (a
/// query string may carry a receiver's key).
private func listJSON(_ webhooks: [LiveWebhook], setID: String, lineage: String, serial: Int64) -> String {
    let items = webhooks.map { live -> JSONValue in
        let w = live.state.webhook
        let triggers: [JSONValue] = w.triggers.map { .string($0.rawValue) }
        let drifted: [JSONValue] = live.driftedFields.sorted().map { .string($0) }
        let managedBy: JSONValue = live.managedBy.map { .string($0) } ?? .null
        let disabledReason: JSONValue = live.disabledReason.map { .string($0) } ?? .null
        let members: [(String, JSONValue)] = [
            ("name", .string(w.name)), ("active", .bool(w.active)), ("method", .string(w.method.rawValue)),
            ("host", .string(host(of: w.url))), ("triggers", .array(triggers)), ("filtered", .bool(w.filter != nil)),
            ("managed_by", managedBy), ("managed_here", .bool(live.managedBy == setID)),
            ("drifted_fields", .array(drifted)), ("disabled_reason", disabledReason),
        ]
        return .object(JSONObject(members: members))
    }
    return JSONValue.object(
        JSONObject(members: [
            ("format_version", .string("1")), ("lineage", .string(lineage)), ("serial", .number(Double(serial))),
            ("webhooks", .array(items)),
        ])
    ).jsonText
}

private func host(of url: String) -> String {
    URLComponents(string: url)?.host ?? url
}
