public import Foundation
import Store
public import StoreSelection
import WebhookModel

/// `hookctl history`: recent attempts, newest first, as a table or JSON. 0 on success, 1 on error, 2 bad usage.
public func showHistory(
    _ options: HistoryOptions, terminal: Terminal, now: Date = Date(), stores: StoreOpener = .standard
) async -> Int32 {
    guard
        let (status, since) = InvocationFilter.parse(
            status: options.status, since: options.since, now: now, terminal: terminal)
    else { return StoreCommandExit.usage }
    var trigger: InvocationTrigger?
    if let text = options.trigger {
        guard let parsed = InvocationTrigger.allCases.first(where: { $0.rawValue.lowercased() == text.lowercased() })
        else {
            let accepted = InvocationTrigger.allCases.map(\.rawValue).joined(separator: ", ")
            terminal.err.write("error: --trigger \"\(text)\" is not one of \(accepted)\n")
            return StoreCommandExit.usage
        }
        trigger = parsed
    }
    var until: Date?
    if let text = options.until {
        guard let duration = DurationText.parse(text) else {
            terminal.err.write("error: --until \"\(text)\" is not a duration; write \(DurationText.acceptedForms)\n")
            return StoreCommandExit.usage
        }
        until = now.addingTimeInterval(-duration.seconds)
    }
    var before: InvocationCursor?
    if let text = options.before {
        guard let cursor = InvocationCursor(token: text) else {
            terminal.err.write(
                "error: --before \"\(text)\" is not a page cursor; pass the next_before of a full page's JSON\n")
            return StoreCommandExit.usage
        }
        before = cursor
    }
    guard options.limit > 0 else {
        terminal.err.write("error: --limit must be at least 1\n")
        return StoreCommandExit.usage
    }
    guard let store = options.openStore(terminal, stores, mustExist: true)?.store else {
        return StoreCommandExit.error
    }
    let query = InvocationQuery(
        webhook: options.webhook, status: status, trigger: trigger, since: since, until: until, before: before,
        limit: options.limit)
    do {
        let invocations = try await store.invocations(query)
        // A full page may have more after it: its last row's cursor pages on.
        let next = invocations.count == options.limit ? invocations.last.map { InvocationCursor(after: $0) } : nil
        switch options.format {
        case .text:
            terminal.out.write(HistoryTablePrinter.text(invocations))
            if invocations.isEmpty, let name = options.webhook, let snapshot = try? await store.snapshot(),
                snapshot.webhooks[name] == nil
            {
                terminal.err.write(
                    "note: no live webhook is named \"\(name)\" "
                        + LiveWebhookName.hint(for: name, among: snapshot.webhooks.keys) + "\n")
            }
            if let next { terminal.err.write("more: hookctl history --before \(next.token)\n") }
        case .json: terminal.out.write(HistoryJSONPrinter.list(invocations, next: next))
        }
        return StoreCommandExit.done
    } catch {
        terminal.err.write("error: \(error)\n")
        return StoreCommandExit.error
    }
}

/// `hookctl history show ID`: one attempt's complete request and response. 0 found, 1 not found or error.
public func showInvocation(
    id: String, format: HistoryOptions.Format = .text, store flag: String? = nil, terminal: Terminal,
    currentDirectory: String? = nil, stores: StoreOpener = .standard
) async -> Int32 {
    let directory = currentDirectory ?? FileManager.default.currentDirectoryPath
    guard
        let store = StoreAccess.open(
            flag: flag, terminal: terminal, currentDirectory: directory, stores: stores, mustExist: true)?.store
    else { return StoreCommandExit.error }
    do {
        guard let invocation = try await store.invocation(id: id) else {
            terminal.err.write("error: no invocation with id \(id); hookctl history lists them\n")
            return StoreCommandExit.error
        }
        switch format {
        case .text: terminal.out.write(HistoryDetailPrinter.text(invocation))
        case .json: terminal.out.write(HistoryJSONPrinter.detail(invocation))
        }
        return StoreCommandExit.done
    } catch {
        terminal.err.write("error: \(error)\n")
        return StoreCommandExit.error
    }
}
