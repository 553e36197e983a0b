import Reconciler
import Store
import Testing
import WebhookModel

@Suite("Planner")
struct PlannerTests {
    @Test func createsWhatIsNotLive() {
        let outcome = Planner.plan(
            desired: [Support.desired(Support.webhook("a"))], live: Support.live([]), setID: "repo")
        #expect(!outcome.hasErrors)
        #expect(outcome.plan.changes.map(\.action) == [.create])
        #expect(outcome.plan.summary == "Plan: 1 to add, 0 to change, 0 to delete.")
        let body = outcome.plan.changes[0].fields.first { $0.path == "body" }
        #expect(body?.lines?.allSatisfy { $0.kind == .added } == true)
    }

    @Test func noChangesWhenLiveMatches() {
        let outcome = Planner.plan(
            desired: [Support.desired(Support.webhook("a"))], live: Support.live([Support.webhook("a")]), setID: "repo")
        #expect(outcome.plan.changes.isEmpty)
        #expect(outcome.plan.summary == "No changes. Live webhooks match webhooks.d.")
    }

    @Test func updatesOnlyTheChangedFieldsWithALineDiffForTheBody() throws {
        var changed = Support.webhook("a", url: "https://example.com/v2")
        changed.body = changed.body.replacingOccurrences(of: "created", with: "approved")
        let outcome = Planner.plan(
            desired: [Support.desired(changed)], live: Support.live([Support.webhook("a")]), setID: "repo")
        let change = try #require(outcome.plan.changes.first)
        #expect(change.action == .update && change.liveVersion == 3)
        #expect(change.fields.map(\.path) == ["url", "body"])
        #expect(
            change.fields[0].old == "\"https://example.com/hook\""
                && change.fields[0].new == "\"https://example.com/v2\"")
        #expect(
            change.fields[1].lines?.filter { $0.kind != .same }.map(\.text) == [
                "  \"kind\": \"created\"", "  \"kind\": \"approved\"",
            ])
    }

    @Test func deletesOnlyWebhooksOfThisSetAndListsTheRestAsLeftAlone() {
        let live = Support.live([Support.webhook("mine"), Support.webhook("mine2"), Support.webhook("mine3")])
            .merging(Support.live([Support.webhook("manual")], managedBy: nil))
            .merging(Support.live([Support.webhook("theirs")], managedBy: "other-repo"))
        let outcome = Planner.plan(
            desired: [Support.desired(Support.webhook("mine2")), Support.desired(Support.webhook("mine3"))], live: live,
            setID: "repo")
        #expect(!outcome.hasErrors)
        #expect(outcome.plan.changes.map { "\($0.action.symbol) \($0.name)" } == ["- mine"])
        #expect(
            outcome.plan.unmanaged == [
                .init(name: "manual", managedBy: nil), .init(name: "theirs", managedBy: "other-repo"),
            ])
    }

    @Test func adoptsAnUnmanagedWebhookThatIsDeclared() throws {
        let outcome = Planner.plan(
            desired: [Support.desired(Support.webhook("a"))],
            live: Support.live([Support.webhook("a")], managedBy: nil),
            setID: "repo")
        let change = try #require(outcome.plan.changes.first)
        #expect(change.action == .update && change.adopt && change.fields.isEmpty)
        #expect(outcome.plan.unmanaged.isEmpty)
    }

    @Test func refusesAWebhookManagedByAnotherSet() {
        let outcome = Planner.plan(
            desired: [Support.desired(Support.webhook("a"))],
            live: Support.live([Support.webhook("a")], managedBy: "other-repo"), setID: "repo")
        #expect(outcome.hasErrors)
        #expect(outcome.diagnostics.map(\.code) == ["plan.owned-elsewhere"])
        #expect(outcome.diagnostics[0].location?.file == "webhooks.d/a.yaml")
    }

    @Test func driftIsShownApartFromDeclaredChanges() throws {
        var live = Support.live([Support.webhook("a")], drifted: ["active"])
        live.webhooks["a"]!.state.webhook.active = false
        var desired = Support.webhook("a")
        desired.triggers = [.created]
        let change = try #require(
            Planner.plan(desired: [Support.desired(desired)], live: live, setID: "repo").plan.changes.first)
        #expect(change.drift == [FieldChange(path: "active", old: "false", new: "true")])
        #expect(change.fields.map(\.path) == ["triggers"])
    }

    @Test func massDeleteNeedsPermission() {
        let live = Support.live((1...4).map { Support.webhook("w\($0)") })
        let half = Planner.plan(
            desired: (1...2).map { Support.desired(Support.webhook("w\($0)")) }, live: live, setID: "repo")
        #expect(!half.hasErrors, "deleting exactly half is allowed")
        let most = Planner.plan(desired: [Support.desired(Support.webhook("w1"))], live: live, setID: "repo")
        #expect(most.diagnostics.map(\.code) == ["plan.mass-delete"])
        #expect(most.diagnostics[0].message.contains("3 of 4"))
        let all = Planner.plan(desired: [], live: Support.live([Support.webhook("only")]), setID: "repo")
        #expect(all.diagnostics.map(\.code) == ["plan.mass-delete"])
        let allowed = Planner.plan(desired: [], live: live, setID: "repo", allowMassDelete: true)
        #expect(!allowed.hasErrors && allowed.plan.toDelete == 4)
    }

    @Test func protectedWebhooksAreNeverDeleted() throws {
        let live = Support.live([Support.webhook("keep", protect: true), Support.webhook("a"), Support.webhook("b")])
        let blocked = Planner.plan(
            desired: [Support.desired(Support.webhook("a")), Support.desired(Support.webhook("b"))], live: live,
            setID: "repo")
        #expect(blocked.diagnostics.map(\.code) == ["plan.protected-delete"])
        #expect(blocked.plan.changes.isEmpty)

        let unprotect = Planner.plan(
            desired: ["keep", "a", "b"].map { Support.desired(Support.webhook($0)) }, live: live, setID: "repo")
        #expect(!unprotect.hasErrors)
        #expect(unprotect.plan.changes.first?.fields == [FieldChange(path: "protect", old: "true", new: "false")])
    }

    @Test func orderingIsPlannedLikeAnyField() throws {
        var ordered = Support.webhook("a")
        ordered.ordered = true
        let outcome = Planner.plan(
            desired: [Support.desired(ordered)], live: Support.live([Support.webhook("a")]), setID: "repo")
        #expect(outcome.plan.changes.first?.fields == [FieldChange(path: "ordered", old: "false", new: "true")])
        let digests = [Support.webhook("a"), ordered].map {
            Planner.plan(desired: [Support.desired($0)], live: Support.live([]), setID: "repo").plan.declarationsDigest
        }
        #expect(digests[0] != digests[1], "a plan saved before the change is stale after it")
    }

    @Test func aChangedSecretIsShownWithoutItsValue() throws {
        let outcome = Planner.plan(
            desired: [Support.desired(Support.webhook("a"), token: "new-secret-value")],
            live: Support.live([Support.webhook("a")], token: "old-secret-value"), setID: "repo")
        let field = try #require(outcome.plan.changes.first?.fields.first)
        #expect(
            field
                == FieldChange(
                    path: "auth.token", old: "${env:TOKEN}", new: "${env:TOKEN}", sensitiveValueChanged: true))
    }

    @Test func planIsStableAndDigestTracksSecrets() {
        let live = Support.live([])
        let a = Planner.plan(desired: [Support.desired(Support.webhook("a"))], live: live, setID: "repo").plan
        let b = Planner.plan(desired: [Support.desired(Support.webhook("a"))], live: live, setID: "repo").plan
        let c = Planner.plan(
            desired: [Support.desired(Support.webhook("a"), token: "other")], live: live, setID: "repo"
        ).plan
        #expect(a.declarationsDigest == b.declarationsDigest)
        #expect(a.declarationsDigest != c.declarationsDigest)
    }
}
