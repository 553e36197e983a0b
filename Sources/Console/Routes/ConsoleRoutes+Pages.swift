import AccessEvents
import Foundation
import Hummingbird
import Logging
import NIOCore
import Store
import WebhookModel

/// The pages: the webhook list, one webhook, history and one invocation.
extension ConsoleRoutes {
    func webhooks(_ request: Request, _ session: ConsoleSession) async -> Response {
        let query = Self.query(request)
        do throws(StoreError) {
            let snapshot = try await console.snapshot()
            let summaries = try await console.store.invocationSummaries(
                since: console.now.addingTimeInterval(-24 * 3600))
            let note = query.text("changed").flatMap { snapshot.webhooks[$0] }.map(Self.driftNote)
            return ConsoleResponse.html(
                WebhooksPage.render(
                    webhooks: Array(snapshot.webhooks.values), summaries: summaries,
                    filter: WebhooksPage.Filter(query), session: session, note: note))
        } catch {
            return failure(error, session: session)
        }
    }

    func webhook(
        _ name: String, query: FormFields, session: ConsoleSession, tested: Invocation? = nil,
        status: HTTPResponse.Status = .ok
    ) async -> Response {
        do throws(StoreError) {
            guard let live = try await console.snapshot().webhooks[name] else { return notFound(name, session) }
            let queue = try await console.store.queueSummary(now: console.now).rows.first { $0.webhook == name }
            let recent = try await console.store.invocations(InvocationQuery(webhook: name, limit: 10))
            let note = query.text("changed") == name ? Self.driftNote(live) : nil
            return ConsoleResponse.html(
                WebhookPage.render(
                    WebhookPage.Content(live: live, queue: queue, recent: recent, tested: tested, note: note),
                    session: session),
                status: status)
        } catch {
            return failure(error, session: session)
        }
    }

    func history(_ request: Request, _ session: ConsoleSession) async -> Response {
        let query = Self.query(request)
        let filter = HistoryPage.Filter(query)
        do throws(StoreError) {
            let invocations = filter.problems.isEmpty ? try await console.store.invocations(filter.query) : []
            var panel: HTML?
            if let id = query.text("open"), let invocation = try await console.store.invocation(id: id) {
                panel = InvocationPanel.render(invocation)
            }
            var flash: HTML?
            if let queued = query.text("queued"), let from = query.text("from"),
                let source = try await console.store.invocation(id: from)
            {
                flash = """
                    <p id="flash">Queued \(queued): event \(source.eventID) to \(source.webhook) again (from \(from)), \
                    with trigger Redelivery; a running runner sends it.</p>
                    """
            }
            return ConsoleResponse.html(
                HistoryPage.render(
                    invocations: invocations, filter: filter, session: session, flash: flash, panel: panel),
                status: filter.problems.isEmpty ? .ok : .badRequest)
        } catch {
            return failure(error, session: session)
        }
    }

    func panel(_ id: String, session: ConsoleSession) async -> Response {
        do throws(StoreError) {
            guard let invocation = try await console.store.invocation(id: id) else { return notFound(id, session) }
            return ConsoleResponse.html(InvocationPanel.render(invocation))
        } catch {
            return failure(error, session: session)
        }
    }

    func check(_ form: DraftForm) -> DraftCheck { DraftCheck(form, allowTargets: console.configuration.allowTargets) }
}
