import Foundation
import SQLiteStore
import Store
import StoreContracts
import TestSupport
import Testing
import WebhookModel

/// What only the SQLite file store does: persistence, WAL, migrations, the key check and secrets at rest.
@Suite("SQLite store")
struct SQLiteStoreTests {
    @Test func reopeningKeepsLineageAndState() async throws {
        let workspace = try Workspace(webhooksDirectory: false)
        let path = workspace.path("nested/state.db")
        let first = try SQLiteStore(path: path, clock: ManualClock())
        try await first.commit(Fixtures.changes(against: try await first.snapshot(), upserts: [Fixtures.state("a")]))
        let before = try await first.snapshot()
        let second = try SQLiteStore(path: path, clock: ManualClock())
        #expect(try await second.snapshot() == before)
    }

    @Test func usesWriteAheadLogging() throws {
        let workspace = try Workspace(webhooksDirectory: false)
        let path = workspace.path("state.db")
        _ = try SQLiteStore(path: path)
        let header = try #require(FileManager.default.contents(atPath: path))
        // Bytes 18 and 19 of the SQLite header are 2 in WAL mode.
        #expect(header.count > 19 && header[18] == 2 && header[19] == 2)
    }

    @Test func refusesAStoreMigratedByANewerHookctl() throws {
        let workspace = try Workspace(webhooksDirectory: false)
        let path = workspace.path("state.db")
        try SQLiteStore(path: path).executeRaw(
            "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')")
        let error = #expect(throws: StoreError.self) { _ = try SQLiteStore(path: path) }
        #expect(error == .newerSchema(unknown: ["v99-from-the-future"]))
        #expect(error?.description.contains("newer hookctl") == true)
    }

    @Test func aDifferentKeyIsRefused() throws {
        let workspace = try Workspace(webhooksDirectory: false)
        let path = workspace.path("state.db")
        let key = try StoreKey(base64: StoreKey.generateBase64())
        _ = try SQLiteStore(path: path, keyCheck: key.check)
        _ = try SQLiteStore(path: path, keyCheck: key.check)
        let other = try StoreKey(base64: StoreKey.generateBase64())
        #expect(throws: StoreError.wrongKey) { _ = try SQLiteStore(path: path, keyCheck: other.check) }
    }

    @Test func secretValuesNeverReachTheDatabaseFiles() async throws {
        let workspace = try Workspace(webhooksDirectory: false)
        let directory = workspace.path
        let path = directory + "/state.db"
        let key = try StoreKey(base64: StoreKey.generateBase64())
        let store = try SQLiteStore(path: path, keyCheck: key.check)
        let secret = "s3cr3t-token-value-4242"
        let literal = "literal-password-9999"
        var webhook = Fixtures.webhook("a")
        webhook.headers = [Header(name: "X-Api-Key", value: .reference(SecretRef(.env, "API_KEY")))]
        webhook.auth = .basic(username: .literal("bot"), password: .literal(literal))
        let state = StoredWebhook(sealing: webhook, resolved: ["headers.X-Api-Key": secret], key: key)
        try await store.commit(Fixtures.changes(against: try await store.snapshot(), upserts: [state]))

        let stored = try #require(try await store.snapshot().webhooks["a"]?.state)
        #expect(try stored.unsealed(with: key).headers[0].value == .literal(secret))
        #expect(try stored.unsealed(with: key).auth == .basic(username: .literal("bot"), password: .literal(literal)))
        for file in try FileManager.default.contentsOfDirectory(atPath: directory) {
            let bytes = try #require(FileManager.default.contents(atPath: directory + "/" + file))
            #expect(bytes.range(of: Data(secret.utf8)) == nil, "secret found in \(file)")
            #expect(bytes.range(of: Data(literal.utf8)) == nil, "literal secret found in \(file)")
        }
    }
}
