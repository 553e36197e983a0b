import Reconciler
import Store
import Testing
import WebhookModel

@Suite("Rendered-body semantic diff")
struct JSONSemanticDiffTests {
    @Test func reportsChangedAddedAndRemovedPaths() {
        let changes = JSONSemanticDiff.diff(
            old: #"{"a": 1, "b": {"c": "x", "gone": true}, "list": [1, 2], "odd key": 0}"#,
            new: #"{"b": {"c": "y"}, "a": 1, "list": [1, 2, 3], "odd key": 1, "new": null}"#)
        #expect(
            changes == [
                FieldChange(path: "$.b.c", old: "\"x\"", new: "\"y\""),
                FieldChange(path: "$.b.gone", old: "true", new: nil),
                FieldChange(path: "$.list[2]", old: nil, new: "3"),
                FieldChange(path: "$.new", old: nil, new: "null"),
                FieldChange(path: "$[\"odd key\"]", old: "0", new: "1"),
            ])
    }

    @Test func formattingChangesAreNoChange() {
        #expect(JSONSemanticDiff.diff(old: "{\"a\": [1, 2]}", new: "{\n  \"a\": [\n    1,\n    2\n  ]\n}").isEmpty)
    }

    @Test func invalidJSONIsReported() {
        #expect(
            JSONSemanticDiff.diff(old: "{\"a\": 1}", new: "{\"a\": }")
                == [FieldChange(path: "$", old: "(valid JSON)", new: "(not valid JSON)")])
    }

    @Test func plannerAttachesTheRenderedDiffToTheBodyWhenGivenARenderer() throws {
        var changed = Support.webhook("a")
        changed.body = "{\"id\": \"{{data.id}}\",\n\"kind\": \"approved\"}\n"
        // A stand-in renderer: replaces the one mustache with a sample value.
        let render: Planner.BodyRenderer = { template, _ in
            template.replacingOccurrences(of: "{{data.id}}", with: "req-1")
        }
        let outcome = Planner.plan(
            desired: [Support.desired(changed)], live: Support.live([Support.webhook("a")]), setID: "repo",
            renderBody: render)
        let body = try #require(outcome.plan.changes.first?.fields.first { $0.path == "body" })
        #expect(body.rendered == [FieldChange(path: "$.kind", old: "\"created\"", new: "\"approved\"")])
        let without = Planner.plan(
            desired: [Support.desired(changed)], live: Support.live([Support.webhook("a")]), setID: "repo")
        #expect(without.plan.changes.first?.fields.first { $0.path == "body" }?.rendered == nil)
    }
}
