import Console
import Foundation
import TestSupport
import Testing

/// Logging in and being refused, over real HTTP to a real console.
@Suite struct ConsoleAccessTests {
    @Test func theConsoleTokenLogsInWithAStrictHttpOnlyCookie() async throws {
        try await ConsoleHarness.withConsole { console in
            try await Browser.with(console.base) { browser in
                let page = try await browser.get("/login")
                #expect(page.status == 200)
                #expect(page.body.contains(#"<form id="login""#))
                #expect(page.body.contains(#"id="token" name="token""#))
                #expect(page.body.contains(#"id="login-submit""#))
                let reply = try await browser.login(ConsoleHarness.adminToken)
                #expect(reply.status == 303)
                #expect(reply.header("Location") == "/webhooks")
                let cookie = try #require(reply.all("Set-Cookie").first { $0.hasPrefix("hookctl_session=") })
                #expect(cookie.contains("HttpOnly"))
                #expect(cookie.contains("SameSite=Strict"))
                #expect(cookie.contains("Path=/"))
                #expect(!cookie.contains("Secure"), "plain HTTP on loopback: not Secure")
                let webhooks = try await browser.get("/webhooks")
                #expect(webhooks.status == 200)
                #expect(webhooks.body.contains(#"<table id="webhooks">"#))
            }
        }
    }

    @Test func overTLSTheSessionCookieIsSecure() async throws {
        let pki = try await TestPKI.shared()
        try await ConsoleHarness.withConsole(tls: pki.server) { console in
            #expect(console.base.hasPrefix("https://"))
            try await Browser.with(console.base, caFile: pki.caFile) { browser in
                let reply = try await browser.login(ConsoleHarness.adminToken)
                #expect(reply.status == 303)
                let cookie = try #require(reply.all("Set-Cookie").first { $0.hasPrefix("hookctl_session=") })
                #expect(cookie.contains("; Secure"))
                #expect(cookie.contains("HttpOnly"))
                #expect(try await browser.get("/webhooks").status == 200)
            }
        }
    }

    @Test func aWrongTokenIsRefusedWithTheLoginError() async throws {
        try await ConsoleHarness.withConsole { console in
            try await Browser.with(console.base) { browser in
                let reply = try await browser.login("not-the-token")
                #expect(reply.status == 401)
                #expect(reply.body.contains(#"id="login-error""#))
                #expect(!reply.all("Set-Cookie").contains { $0.hasPrefix("hookctl_session=") })
                #expect(try await browser.get("/webhooks").status == 303, "no session: back to the login")
                #expect(try await browser.get("/webhooks").header("Location") == "/login")
            }
        }
    }

    @Test func loginAttemptsAreRateLimited() async throws {
        try await ConsoleHarness.withConsole(loginAttemptsPerMinute: 3) { console in
            try await Browser.with(console.base) { browser in
                for _ in 0..<3 { #expect(try await browser.login("wrong-\(UUID())").status == 401) }
                let limited = try await browser.login(ConsoleHarness.adminToken)
                #expect(limited.status == 429, "even the right token waits once the limit is reached")
                #expect(limited.header("Retry-After") != nil)
                #expect(limited.body.contains("Too many failed logins"))
            }
        }
    }

    @Test func aPostWithoutTheCSRFTokenIsRefused() async throws {
        try await ConsoleHarness.withConsole(webhooks: { _ in
            [.init(webhook: ConsoleHarness.webhook("jira", url: "https://example.com/hook"), secrets: [:])]
        }) { console in
            try await Browser.with(console.base) { browser in
                try await browser.login(ConsoleHarness.adminToken)
                let refused = try await browser.post("/webhooks/jira/deactivate", [], csrf: false)
                #expect(refused.status == 403)
                let wrong = try await browser.post(
                    "/webhooks/jira/deactivate", [("csrf", "0123")], csrf: false)
                #expect(wrong.status == 403)
                #expect(try await console.store.snapshot().webhooks["jira"]?.state.webhook.active == true)
                let header = try await browser.post(
                    "/webhooks/jira/deactivate", [], csrf: false, headers: ["X-CSRF-Token": browser.csrf ?? ""])
                #expect(header.status == 303, "the header form of the token is accepted")
                #expect(try await console.store.snapshot().webhooks["jira"]?.state.webhook.active == false)
            }
        }
    }

    @Test func theViewerIsRefusedEveryActionAndSeesNoActionButtons() async throws {
        try await ConsoleHarness.withConsole(webhooks: { _ in
            [.init(webhook: ConsoleHarness.webhook("jira", url: "https://example.com/hook"), secrets: [:])]
        }) { console in
            try await Browser.with(console.base) { browser in
                #expect(try await browser.login(ConsoleHarness.viewerToken).status == 303)
                let list = try await browser.get("/webhooks")
                #expect(list.body.contains(#"data-webhook="jira""#))
                #expect(!list.body.contains("data-action="))
                let page = try await browser.get("/webhooks/jira")
                #expect(!page.body.contains(#"id="test""#))
                #expect(!page.body.contains("data-action="))
                for path in ["/webhooks/jira/test", "/webhooks/jira/deactivate", "/history/inv_x/redeliver"] {
                    let reply = try await browser.post(path, [("trigger", "Created")])
                    #expect(reply.status == 403, "\(path)")
                }
                #expect(try await console.store.snapshot().webhooks["jira"]?.state.webhook.active == true)
            }
        }
    }

    @Test func everyAnswerCarriesAContentSecurityPolicyWithoutInlineScript() async throws {
        try await ConsoleHarness.withConsole { console in
            try await Browser.with(console.base) { browser in
                try await browser.login(ConsoleHarness.adminToken)
                for path in ["/login", "/webhooks", "/history", "/draft", "/assets/console.js"] {
                    let reply = try await browser.get(path)
                    let policy = try #require(reply.header("Content-Security-Policy"), "\(path)")
                    #expect(policy.contains("script-src 'self'"))
                    #expect(!policy.contains("unsafe-inline"))
                    #expect(reply.header("X-Frame-Options") == "DENY")
                    if path != "/assets/console.js", reply.status == 200 {
                        #expect(!reply.body.contains("<script>"), "no inline script on \(path)")
                        #expect(reply.body.contains(#"<script src="/assets/console.js" defer></script>"#))
                    }
                }
            }
        }
    }

    @Test func logoutEndsTheSession() async throws {
        try await ConsoleHarness.withConsole { console in
            try await Browser.with(console.base) { browser in
                try await browser.login(ConsoleHarness.adminToken)
                let session = try #require(browser.cookies["hookctl_session"])
                #expect(try await browser.post("/logout", []).status == 303)
                #expect(browser.cookies["hookctl_session"] == nil)
                let again = try await browser.send(
                    "GET", "/webhooks", body: nil, headers: ["Cookie": "hookctl_session=\(session)"])
                #expect(again.status == 303, "the old session id no longer works")
            }
        }
    }
}
