import Console
import Foundation
import JSON
import SQLiteStore
import Store
import StoreContracts
import TestSupport
import Testing
import WebhookModel

/// The pages' content and escaping, and that no page holds a secret's bytes.
@Suite struct ConsolePagesTests {
    static let secret = "s3cr3t-bearer-value-do-not-show"

    @Test func theWebhooksTableShowsDotsAndEscapesNames() async throws {
        let hostile = "<script>alert(1)</script>"
        try await ConsoleHarness.withConsole(webhooks: { _ in
            [
                .init(webhook: ConsoleHarness.webhook("jira", url: "https://jira.example.com/hook"), secrets: [:]),
                .init(
                    webhook: ConsoleHarness.webhook("slack", url: "https://hooks.example.org:8443/x", active: false),
                    secrets: [:]),
                .init(webhook: ConsoleHarness.webhook(hostile, url: "https://example.com/h"), secrets: [:]),
            ]
        }) { console in
            try await Browser.with(console.base) { browser in
                try await browser.login(ConsoleHarness.adminToken)
                let page = try await browser.get("/webhooks")
                #expect(page.body.contains(#"<tr data-webhook="jira">"#))
                #expect(page.body.contains(#"<span class="dot" data-status="active""#))
                #expect(page.body.contains(#"<span class="dot" data-status="inactive""#))
                #expect(page.body.contains("jira.example.com"))
                #expect(page.body.contains("hooks.example.org:8443"))
                #expect(page.body.contains(#"data-action="deactivate""#))
                #expect(page.body.contains(#"data-action="activate""#))
                #expect(!page.body.contains(hostile), "the name is escaped")
                #expect(page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
                let filtered = try await browser.get("/webhooks?status=inactive")
                #expect(filtered.body.contains(#"data-webhook="slack""#))
                #expect(!filtered.body.contains(#"data-webhook="jira""#))
                let byName = try await browser.get("/webhooks?name=JI&trigger=Approved")
                #expect(byName.body.contains(#"data-webhook="jira""#))
                #expect(!byName.body.contains(#"data-webhook="slack""#))
                let detail = try await browser.get("/webhooks/%3Cscript%3Ealert(1)%3C%2Fscript%3E")
                #expect(detail.status == 200)
                #expect(!detail.body.contains(hostile))
            }
        }
    }

    /// A webhook the runner disabled (here after a 410, recorded as its workers record it) says why on its page,
    /// escaped, until it is enabled again.
    @Test func aWebhookTheRunnerDisabledSaysWhy() async throws {
        try await ConsoleHarness.withConsole(webhooks: { _ in
            [.init(webhook: ConsoleHarness.webhook("jira", url: "https://jira.example.com/hook"), secrets: [:])]
        }) { console in
            let store = try SQLiteStore(path: console.store.path, keyCheck: console.key.check)
            let now = Date()
            _ = try await store.enqueue(
                [
                    AcceptedEvent(
                        id: AcceptedEvent.newID(), idempotencyKey: "k1", trigger: .created, accessRequestID: "ar-1",
                        eventTime: now, payload: Array(#"{"event_type":"AccessRequestCreated","data":{}}"#.utf8),
                        receivedAt: now)
                ], now: now)
            let claimed = try await store.claim(lane: .first, limit: 1, owner: "w", lease: .seconds(60), now: now)
            let delivery = try #require(claimed.first)
            try await store.finish(
                [
                    AttemptResult(
                        deliveryID: delivery.delivery.id, invocation: nil, outcome: .failed(reason: "HTTP 410 Gone"),
                        disableWebhook: "the receiver answered <410> Gone")
                ], owner: "w", now: now)
            try await Browser.with(console.base) { browser in
                try await browser.login(ConsoleHarness.adminToken)
                let page = try await browser.get("/webhooks/jira").body
                #expect(page.contains("Disabled by the runner: the receiver answered &lt;410&gt; Gone."), "\(page)")
                try await store.setActive("jira", true)
                #expect(!(try await browser.get("/webhooks/jira").body.contains("disabled-reason")))
            }
        }
    }

    /// The console keeps the live webhooks between requests; a change written by another process (here: another
    /// handle on the same file, as `hookctl disable` or `apply` would be) shows on the next page all the same.
    @Test func theWebhooksTableShowsChangesMadeElsewhereAtOnce() async throws {
        try await ConsoleHarness.withConsole(webhooks: { _ in
            [.init(webhook: ConsoleHarness.webhook("jira", url: "https://jira.example.com/hook"), secrets: [:])]
        }) { console in
            try await Browser.with(console.base) { browser in
                try await browser.login(ConsoleHarness.adminToken)
                let before = try await browser.get("/webhooks")
                #expect(before.body.contains(#"<span class="dot" data-status="active""#))

                let elsewhere = try SQLiteStore(path: console.store.path, keyCheck: console.key.check)
                try await elsewhere.setActive("jira", false)
                let disabled = try await browser.get("/webhooks")
                #expect(disabled.body.contains(#"<span class="dot" data-status="inactive""#))
                #expect(!disabled.body.contains(#"<span class="dot" data-status="active""#))
                #expect(try await browser.get("/webhooks/jira").body.contains(#"data-action="activate""#))

                try await elsewhere.commit(
                    Fixtures.changes(
                        against: try await elsewhere.snapshot(),
                        upserts: [
                            .init(
                                webhook: ConsoleHarness.webhook("splunk", url: "https://splunk.example.com/h"),
                                secrets: [:])
                        ]))
                let added = try await browser.get("/webhooks")
                #expect(added.body.contains(#"<tr data-webhook="splunk">"#))
                #expect(added.body.contains(#"<tr data-webhook="jira">"#))
            }
        }
    }

    @Test func aWebhookPageShowsItsDeclarationTemplateRenderingQueueAndHistory() async throws {
        try await ConsoleHarness.withConsole(webhooks: { _ in
            [.init(webhook: ConsoleHarness.webhook("jira", url: "https://jira.example.com/hook"), secrets: [:])]
        }) { console in
            try await Browser.with(console.base) { browser in
                try await browser.login(ConsoleHarness.adminToken)
                let page = try await browser.get("/webhooks/jira")
                for id in ["declaration", "template", "rendered", "queue", "history"] {
                    #expect(page.body.contains(#"<section id="\#(id)">"#), "\(id)")
                }
                #expect(page.body.contains("url: https://jira.example.com/hook"))
                #expect(page.body.contains("Set: <strong>repo</strong>"))
                #expect(page.body.contains(#"<a href="/schema/event""#))
                #expect(page.body.contains(#"&quot;type&quot;: &quot;AccessRequestCreated&quot;"#))
                #expect(page.body.contains(#"&quot;type&quot;: &quot;AccessRequestApproved&quot;"#))
                #expect(page.body.contains(#"<form id="test""#))
                #expect(page.body.contains(#"<select name="trigger" id="test-trigger">"#))
                #expect(page.body.contains(#"id="test-send""#))
                #expect(page.body.contains("Nothing queued."))
                let schema = try await browser.get("/schema/event")
                #expect(schema.status == 200)
                let parsed = try JSONValue(parsing: schema.body)
                #expect(parsed["$schema"] != nil)
                #expect(try await browser.get("/webhooks/nope").status == 404)
            }
        }
    }

    @Test func noPageHoldsASealedSecret() async throws {
        try await withReceiver(answering: CannedResponse()) { receiver in
            try await ConsoleHarness.withConsole(
                webhooks: { key in
                    [
                        StoredWebhook(
                            sealing: ConsoleHarness.webhook(
                                "sealed", url: receiver.url("/hook"), auth: .bearer(token: .literal(Self.secret))),
                            resolved: [:], key: key)
                    ]
                }, allow: [receiver.allowTarget]
            ) { console in
                try await Browser.with(console.base) { browser in
                    try await browser.login(ConsoleHarness.adminToken)
                    let tested = try await browser.post("/webhooks/sealed/test", [("trigger", "Created")])
                    #expect(tested.body.contains(#"<p id="test-result" class="Success">Success</p>"#))
                    #expect(
                        receiver.log.all.first?.headers["authorization"] == "Bearer \(Self.secret)",
                        "the receiver got the unsealed secret")
                    let invocation = try #require(try await console.store.invocations(.init(limit: 1)).first)
                    var pages = [tested.body]
                    for path in [
                        "/webhooks", "/webhooks/sealed", "/history", "/history?open=\(invocation.id)",
                        "/history/\(invocation.id)/panel", "/draft",
                    ] {
                        pages.append(try await browser.get(path).body)
                    }
                    for page in pages { #expect(!page.contains(Self.secret)) }
                    #expect(pages[0].contains(#"id="panel-request""#))
                    #expect(pages[0].contains(#"id="panel-response""#))
                }
            }
        }
    }
}
