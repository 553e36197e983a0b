import Foundation
import Reconciler
import SQLiteStore
import Store
import TestSupport
import Testing
import WebhookModel

@Suite("Plans show, diff and store filters")
struct FilterPlanTests {
    static let production = Filter(
        all: [
            .init(.named(.integration), ["prod db", "prod warehouse"]),
            .init(.path("data.requester.id"), ["user-1"]),
        ],
        none: [.init(.named(.requesterEmail), ["*@contractor.example"])])

    static func filtered(_ filter: Filter?) -> Webhook {
        var webhook = Support.webhook("a")
        webhook.filter = filter
        return webhook
    }

    @Test func aCreatedWebhookShowsEachConditionAfterItsTriggers() throws {
        let outcome = Planner.plan(
            desired: [Support.desired(Self.filtered(Self.production))], live: Support.live([]), setID: "repo")
        let fields = try #require(outcome.plan.changes.first?.fields)
        let paths = fields.map(\.path)
        let triggers = try #require(paths.firstIndex(of: "triggers"))
        #expect(
            Array(paths[(triggers + 1)...(triggers + 3)]) == [
                "filter.integration", "filter.fields.data.requester.id", "filter.not.requester_email",
            ])
        #expect(fields.first { $0.path == "filter.integration" }?.new == #"["prod db", "prod warehouse"]"#)
        #expect(fields.first { $0.path == "filter.not.requester_email" }?.new == #"["*@contractor.example"]"#)
    }

    /// A plan is read on terminals: a control character in a quoted field shows escaped, never as itself.
    @Test func aControlCharacterInAQuotedFieldIsShownEscaped() throws {
        var webhook = Support.webhook("a")
        webhook.bodyFile = "templates/\u{1B}[2Jx\r.hbs"
        let outcome = Planner.plan(desired: [Support.desired(webhook)], live: Support.live([]), setID: "repo")
        let field = try #require(outcome.plan.changes.first?.fields.first { $0.path == "body_file" })
        #expect(field.new == #""templates/\x1b[2Jx\r.hbs""#)
    }

    @Test func addingChangingAndRemovingConditionsAreFieldChanges() throws {
        var changed = Self.production
        changed.all[0].values = ["prod db"]
        changed.none = []
        changed.all.append(.init(.named(.accessFlow), ["Flow 1"]))
        let outcome = Planner.plan(
            desired: [Support.desired(Self.filtered(changed))], live: Support.live([Self.filtered(Self.production)]),
            setID: "repo")
        let change = try #require(outcome.plan.changes.first)
        #expect(change.action == .update)
        let shown = change.fields.map { "\($0.path): \($0.old ?? "-") → \($0.new ?? "-")" }
        #expect(
            shown == [
                #"filter.integration: ["prod db", "prod warehouse"] → ["prod db"]"#,
                #"filter.access_flow: - → ["Flow 1"]"#,
                #"filter.not.requester_email: ["*@contractor.example"] → -"#,
            ])
    }

    @Test func aFilterAddedToOrRemovedFromAWebhookIsAChange() throws {
        let added = Planner.plan(
            desired: [Support.desired(Self.filtered(Self.production))], live: Support.live([Self.filtered(nil)]),
            setID: "repo")
        #expect(added.plan.changes.first?.fields.map(\.path).allSatisfy { $0.hasPrefix("filter.") } == true)
        #expect(added.plan.changes.first?.fields.count == 3)
        let removed = Planner.plan(
            desired: [Support.desired(Self.filtered(nil))], live: Support.live([Self.filtered(Self.production)]),
            setID: "repo")
        #expect(removed.plan.changes.first?.fields.map(\.new) == [nil, nil, nil])
        let same = Planner.plan(
            desired: [Support.desired(Self.filtered(Self.production))],
            live: Support.live([Self.filtered(Self.production)]), setID: "repo")
        #expect(same.plan.changes.isEmpty)
    }

    @Test func theDigestChangesWithTheFilterAndStaysWithoutOne() {
        func digest(_ webhook: Webhook) -> String {
            Planner.plan(desired: [Support.desired(webhook)], live: Support.live([]), setID: "repo").plan
                .declarationsDigest
        }
        #expect(digest(Self.filtered(nil)) == digest(Support.webhook("a")))
        #expect(digest(Self.filtered(Self.production)) != digest(Self.filtered(nil)))
        var other = Self.production
        other.all[1].values = ["user-2"]
        #expect(digest(Self.filtered(other)) != digest(Self.filtered(Self.production)))
    }

    @Test func anAppliedFilterIsStoredAndReadBackFromSQLite() async throws {
        let workspace = try Workspace(webhooksDirectory: false)
        let path = workspace.path("filters.db")
        let store = try SQLiteStore(path: path, keyCheck: Support.key.check, clock: ManualClock())
        let outcome = Planner.plan(
            desired: [Support.desired(Self.filtered(Self.production))], live: try await store.snapshot(),
            setID: "repo")
        _ = try await Applier(store: store, owner: "o").apply(outcome.plan, planDigest: "d1", actor: "tester")
        let reopened = try SQLiteStore(path: path, keyCheck: Support.key.check, clock: ManualClock())
        #expect(try await reopened.snapshot().webhooks["a"]?.state.webhook.filter == Self.production)
        let again = Planner.plan(
            desired: [Support.desired(Self.filtered(Self.production))], live: try await reopened.snapshot(),
            setID: "repo")
        #expect(again.plan.changes.isEmpty)
    }
}
