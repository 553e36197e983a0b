import AccessEvents
import Foundation
import Hummingbird
import Logging
import NIOCore
import Store
import WebhookModel

/// What an admin may do from a page: test a webhook, turn it on or off, redeliver an invocation.
extension ConsoleRoutes {
    func test(_ name: String, form: FormFields, session: ConsoleSession) async -> Response {
        do throws(StoreError) {
            guard let live = try await console.snapshot().webhooks[name] else { return notFound(name, session) }
            let text = form.text("trigger") ?? live.state.webhook.triggers.first?.rawValue ?? Trigger.created.rawValue
            guard let trigger = Trigger.allCases.first(where: { $0.rawValue.lowercased() == text.lowercased() }) else {
                return ConsoleResponse.html(
                    Layout.refusal(
                        "Bad trigger",
                        "trigger \"\(text)\" is not one of \(Trigger.allCases.map(\.rawValue).joined(separator: ", "))",
                        session: session),
                    status: .badRequest)
            }
            let sent = try await TestSend(
                store: console.store, key: console.key, sender: console.sender,
                retention: console.configuration.retention
            ).send(live, trigger: trigger, now: console.now)
            console.logger.info(
                "console test",
                metadata: [
                    "webhook": "\(name)", "trigger": "\(trigger.rawValue)", "status": "\(sent.status.rawValue)",
                    "invocation": "\(sent.id)",
                ])
            return await webhook(name, query: FormFields(), session: session, tested: sent)
        } catch {
            return failure(error, session: session)
        }
    }

    func toggle(_ name: String, _ active: Bool, form: FormFields, session: ConsoleSession) async -> Response {
        do throws(StoreError) {
            guard try await console.snapshot().webhooks[name] != nil else { return notFound(name, session) }
            try await console.store.setActive(name, active)
            console.logger.info("console \(active ? "activate" : "deactivate")", metadata: ["webhook": "\(name)"])
            let back = form.text("back").flatMap { $0.hasPrefix("/webhooks") && !$0.contains("//") ? $0 : nil }
            return ConsoleResponse.redirect("\(back ?? "/webhooks")?changed=\(Format.segment(name))")
        } catch {
            return failure(error, session: session)
        }
    }

    func redeliver(_ id: String, session: ConsoleSession) async -> Response {
        do throws(StoreError) {
            guard let invocation = try await console.store.invocation(id: id) else { return notFound(id, session) }
            guard invocation.trigger != .test else {
                return ConsoleResponse.html(
                    Layout.refusal(
                        "Not redeliverable", "\(id) was a test; only delivered events can be redelivered.",
                        session: session),
                    status: .badRequest)
            }
            let delivery = try await console.store.redeliver(
                eventID: invocation.eventID, webhook: invocation.webhook, now: console.now)
            console.logger.info(
                "console redeliver",
                metadata: [
                    "invocation": "\(id)", "delivery": "\(delivery)",
                    "webhook": "\(invocation.webhook)",
                ])
            return ConsoleResponse.redirect(
                "/history?queued=\(Format.segment(delivery))&from=\(Format.segment(id))")
        } catch {
            return failure(error, session: session)
        }
    }
}
