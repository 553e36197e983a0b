import Foundation
import HookctlCore
import SQLiteStore
import Store
import TestSupport
import Testing
import WebhookModel

/// Literal credentials in headers are secrets: sealed in the store, never printed, redacted from history (issue 15).
@Suite("sensitive headers")
struct SensitiveHeaderTests {
    static let apiKey = "literal-key-1234567890abcdef1234567890"
    static let splunkToken = "splunk-hec-token-0f9e8d7c6b5a"
    static let cookie = "session=cookie/value+8812"
    static let partnerID = "acme-partner-0042"
    /// Each value's bytes, and the forms they take in an echoed JSON body (`/` written as `\/`).
    static let forbidden = [apiKey, splunkToken, cookie, "cookie\\/value+8812", "cookie/value", partnerID]

    static func declaration(url: String) -> String {
        """
        name: partner
        method: POST
        url: \(url)
        headers:
          Content-Type: application/json
          X-Source: access-platform
          X-Api-Key: \(apiKey)
          Authorization: Splunk \(splunkToken)
          Cookie: \(cookie)
          X-Partner-Id: \(partnerID)
        sensitive_headers: [x-partner-id]
        triggers: [Created]
        body: |
          {"id": "{{data.id}}"}

        """
    }

    func write(_ yaml: String, in ws: PlanWorkspace) {
        try! yaml.write(toFile: ws.root + "/webhooks.d/partner.yaml", atomically: true, encoding: .utf8)
    }

    @Test func literalCredentialsInHeadersNeverReachAnyOutputPlanFileDatabaseOrHistory() async throws {
        try await withEchoingReceiver { try await literalCredentialsStaySecret(receiver: $0) }
    }

    func literalCredentialsStaySecret(receiver: Receiver) async throws {
        let ws = PlanWorkspace()
        write(Self.declaration(url: "http://127.0.0.1:\(receiver.port)/in"), in: ws)
        let allow = AllowTargets(["127.0.0.1:\(receiver.port)"])
        var outputs: [(what: String, text: String)] = []

        for format in OutputFormat.allCases {
            var options = ValidateOptions(format: format, currentDirectory: ws.root)
            options.allowTargets = allow
            let (terminal, out, err) = Terminal.capturing(environment: ws.environment)
            #expect(validate(options, terminal: terminal) == CheckExit.clean, "\(out.text)\(err.text)")
            outputs.append(("validate \(format)", out.text + err.text))
        }
        let validated = outputs[0].text
        #expect(validated.contains("warning: header X-Api-Key holds a credential in plain text; it will be treated"))
        #expect(validated.contains("header X-Partner-Id is listed in sensitive_headers but written in plain text"))
        #expect(validated.contains(" |   X-Api-Key: [redacted]\n"))

        for format in PlanOptions.Format.allCases {
            var options = PlanOptions(format: format)
            options.allowTargets = allow
            let planned = await ws.plan(options)
            #expect(planned.code == PlanExit.success, "\(planned.err)")
            outputs.append(("plan \(format)", planned.out + planned.err))
        }
        let planText = outputs.first { $0.what == "plan text" }!.text
        #expect(planText.contains("+ headers.Content-Type = \"application/json\"\n"))
        #expect(planText.contains("+ headers.X-Source = \"access-platform\"\n"))
        for name in ["X-Api-Key", "Authorization", "Cookie", "X-Partner-Id"] {
            #expect(planText.contains("+ headers.\(name) = (sensitive)\n"), "\(name) in \(planText)")
        }
        #expect(planText.contains("+ sensitive_headers = [X-Partner-Id]\n"))

        var planOptions = PlanOptions(out: "partner.plan")
        planOptions.allowTargets = allow
        outputs.append(("plan --out", (await ws.plan(planOptions)).out))
        var applyOptions = ApplyOptions(planFile: "partner.plan")
        applyOptions.allowTargets = allow
        let applied = await ws.apply(applyOptions)
        #expect(applied.code == ApplyExit.applied, "\(applied.err)")
        outputs.append(("apply", applied.out + applied.err))
        // A connection held open to the end keeps state.db-wal on disk (the last one to close checkpoints and
        // removes it), so the write-ahead log is searched too.
        let openStore = try SQLiteStore(path: ws.storePath)
        defer { withExtendedLifetime(openStore) {} }

        let exported = await ws.run { await export(ExportOptions(currentDirectory: ws.root), terminal: $1) }
        outputs.append(("export", exported.out + exported.err))
        #expect(exported.out.contains("  X-Source: access-platform\n"))
        #expect(exported.out.contains("  X-Api-Key: ${env:HOOKCTL_SECRET_PARTNER_HEADERS_X_API_KEY}\n"))
        #expect(exported.out.contains("#   headers.X-Partner-Id was a literal; its value is not exported."))
        #expect(exported.out.contains("sensitive_headers: [X-Partner-Id]\n"))
        let written = await ws.run {
            await export(ExportOptions(currentDirectory: ws.root, out: "exported"), terminal: $1)
        }
        #expect(written.code == 0, "\(written.err)")

        let (terminal, out, err) = Terminal.capturing(environment: ws.environment)
        let sent = await testWebhook(
            TestOptions(
                name: "partner", store: "sqlite:\(ws.storePath)", allowTargets: allow, currentDirectory: ws.root),
            terminal: terminal)
        #expect(sent == TestExit.success, "\(out.text)\(err.text)")
        outputs.append(("test", out.text + err.text))
        #expect(out.text.contains("> X-Source: access-platform\n"))
        #expect(out.text.contains("> X-Api-Key: [redacted]\n"))
        #expect(out.text.contains("> Authorization: [redacted]\n"))
        #expect(out.text.contains("< X-Echo-X-Api-Key: [redacted]\n"))
        #expect(out.text.contains("< X-Echo-X-Source: access-platform\n"))
        let seen = try #require(receiver.log.all.first)
        let raw = seen.headers.values.joined(separator: "\n") + seen.bodyText
        for value in [Self.apiKey, "Splunk \(Self.splunkToken)", Self.cookie, Self.partnerID] {
            #expect(raw.contains(value), "the receiver got \(value)")
        }

        let id = try #require(err.text.split(separator: " ").first { $0.hasPrefix("inv_") }.map(String.init))
        for format in HistoryOptions.Format.allCases {
            let listed = await ws.run {
                await showHistory(HistoryOptions(format: format, currentDirectory: ws.root), terminal: $1)
            }
            outputs.append(("history \(format)", listed.out + listed.err))
            let shown = await ws.run {
                await showInvocation(id: id, format: format, terminal: $1, currentDirectory: ws.root)
            }
            #expect(shown.code == 0, "\(shown.err)")
            outputs.append(("history show \(format)", shown.out + shown.err))
        }
        #expect(outputs.last!.text.contains("access-platform"))
        outputs.append(("list", (await ws.run { await list($0, terminal: $1) }).out))
        outputs.append(("log", (await ws.run { await showLog($0, terminal: $1) }).out))
        var again = PlanOptions()
        again.allowTargets = allow
        let unchanged = await ws.plan(again)
        #expect(unchanged.out == "No changes. Live webhooks match webhooks.d.\n", "\(unchanged.out)")

        for (what, text) in outputs {
            for value in Self.forbidden { #expect(!text.contains(value), "\(value) printed by \(what)") }
        }
        let files = ws.allFiles()
        #expect(files.contains { $0.path.hasSuffix("state.db") })
        #expect(files.contains { $0.path.hasSuffix("state.db-wal") })
        #expect(files.contains { $0.path == "partner.plan" })
        for (path, data) in files where !path.hasPrefix("webhooks.d/") {
            for value in Self.forbidden {
                #expect(data.range(of: Data(value.utf8)) == nil, "\(value) found in \(path)")
            }
        }
    }

    @Test func aStoreHoldingSuchASecretInPlainTextIsResealedByTheNextApplyAndPlanSaysSoOnce() async throws {
        let ws = PlanWorkspace()
        let before = """
            name: partner
            method: POST
            url: https://hooks.example.com/in
            headers:
              X-Source: access-platform
              X-Partner-Id: \(Self.partnerID)
            triggers: [Created]
            body: |
              {"id": "{{data.id}}"}

            """
        write(before, in: ws)
        #expect(await ws.apply().code == ApplyExit.applied)
        // As a hookctl from before this issue stored it: X-Api-Key as plain configuration, nothing sealed.
        let store = try SQLiteStore(path: ws.storePath)
        let snapshot = try await store.snapshot()
        let live = try #require(snapshot.webhooks["partner"])
        var legacy = live.state
        legacy.webhook.headers.append(Header(name: "X-Api-Key", value: .literal(Self.apiKey)))
        try await store.commit(
            StoreChangeSet(
                expectedLineage: snapshot.lineage, expectedSerial: snapshot.serial,
                expectedVersions: ["partner": live.version],
                upserts: [StoreChangeSet.Upsert(state: legacy, managedBy: live.managedBy)], deletes: [], lockID: nil,
                log: ApplyLogEntry(actor: "older-hookctl", planDigest: "legacy", added: 0, changed: 1, deleted: 0)))

        let changedID = "acme-partner-0043"
        write(
            before.replacingOccurrences(
                of: "  X-Partner-Id: \(Self.partnerID)\n",
                with: "  X-Partner-Id: \(changedID)\n  X-Api-Key: \(Self.apiKey)\n")
                + "sensitive_headers: [X-Partner-Id]\n", in: ws)
        let plan = await ws.plan()
        #expect(
            plan.out.contains(
                "~ headers.X-Partner-Id = (sensitive) (sensitive value changed) (stored in plain text: apply will seal it)"
            ),
            "\(plan.out)")
        #expect(plan.out.contains("~ headers.X-Api-Key = (sensitive) (stored in plain text: apply will seal it)\n"))
        #expect(plan.out.contains("+ sensitive_headers = [X-Partner-Id]\n"))
        let json = await ws.plan(PlanOptions(format: .json))
        #expect(json.out.contains("\"seals_plain_text\" : true"))
        let applied = await ws.apply()
        #expect(applied.code == ApplyExit.applied, "\(applied.err)")
        for text in [plan.out, json.out, applied.out] {
            for value in [Self.apiKey, Self.partnerID, changedID] { #expect(!text.contains(value)) }
        }
        #expect(await ws.plan().out == "No changes. Live webhooks match webhooks.d.\n")

        let key = try StoreKey(base64: PlanWorkspace.key)
        let resealed = try #require(try await store.snapshot().webhooks["partner"]?.state)
        #expect(
            resealed.webhook.headers.map(\.value) == [
                .literal("access-platform"), SecretField.redacted, SecretField.redacted,
            ])
        let plain = try resealed.unsealed(with: key).headers.map(\.value)
        #expect(plain == [.literal("access-platform"), .literal(changedID), .literal(Self.apiKey)])
        // Nothing of the plain-text copy is left in the database files either (secure_delete, WAL truncated).
        #expect(ws.allFiles().contains { $0.path.hasSuffix("state.db-wal") })
        for (path, data) in ws.allFiles() where !path.hasPrefix("webhooks.d/") {
            for value in [Self.apiKey, Self.partnerID, changedID] {
                #expect(data.range(of: Data(value.utf8)) == nil, "\(value) left in \(path)")
            }
        }
    }
}
