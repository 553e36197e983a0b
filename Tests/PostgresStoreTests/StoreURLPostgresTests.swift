import PostgresStore
import StoreSelection
import Testing

@Suite("postgres:// store URLs")
struct StoreURLPostgresTests {
    func location(_ text: String) throws -> PostgresLocation {
        guard case .postgres(let location) = try StoreURL.parse(text, currentDirectory: "/repo") else {
            throw StoreSelectionError.noPath
        }
        return location
    }

    @Test func everyPartIsRead() throws {
        let full = try location(
            "postgres://hookctl:s3cret@db.example.com:6432/webhooks?sslmode=verify-full&sslrootcert=ca.pem")
        #expect(full.host == "db.example.com" && full.port == 6432 && full.username == "hookctl")
        #expect(full.password == "s3cret" && full.database == "webhooks")
        #expect(full.tls == .verifyFull && full.rootCertificate == "/repo/ca.pem")
        let short = try location("postgresql://app@127.0.0.1/hooks")
        #expect(short.port == 5432 && short.password == nil && short.tls == .prefer)
        #expect(try location("postgres://app@[::1]:5433/hooks").host == "::1")
    }

    @Test func thePasswordIsNeverPrinted() throws {
        let url = try StoreURL.parse(
            "postgres://hookctl:s3cret@db:5432/webhooks?sslmode=require", currentDirectory: "/")
        #expect(url.description == "postgres://hookctl@db:5432/webhooks?sslmode=require")
        #expect(!"\(url)".contains("s3cret"))
    }

    @Test func aPasswordReferenceIsKeptUntilTheStoreOpens() throws {
        let reference = try location("postgres://hookctl:${env:PG_PASS}@db/webhooks")
        #expect(reference.password == "${env:PG_PASS}" && reference.host == "db")
        #expect(throws: StoreSelectionError.self) { try location("postgres://hookctl:${nope:X}@db/webhooks") }
    }

    @Test(arguments: [
        ("postgres://db/webhooks", "names no user"),
        ("postgres://app@db", "names no database"),
        ("postgres://app@db/webhooks?sslmode=sometimes", "sslmode \"sometimes\" is none of"),
        ("postgres://app@db/webhooks?timeout=3", "unknown parameter \"timeout\""),
    ])
    func badURLsSayWhatIsWrong(url: String, message: String) throws {
        do {
            _ = try StoreURL.parse(url, currentDirectory: "/")
            Issue.record("accepted \(url)")
        } catch {
            #expect(error.description.contains(message), "\(error)")
            #expect(error.description.contains("postgres://USER"), "says what would be accepted")
        }
    }
}
