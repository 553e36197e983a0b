import Foundation
import StoreSelection
import TestSupport
import Testing

/// A `--store` that is not an SQLite store is said in words, and no key file is made beside it: a new key is only
/// for a new store.
@Suite("an SQLite --store that is not a store")
struct StoreFileTests {
    func opening(_ path: String) -> String? {
        do {
            _ = try StoreOpener.standard.open(.sqlite(path: path), environment: [:])
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func aFolderAFileOfSomethingElseAndAStoreWithoutItsKeyAreRefused() throws {
        let workspace = try Workspace(webhooksDirectory: false)
        #expect(
            opening(workspace.path)
                == "store error: \(workspace.path) is a folder; an SQLite store is a file (e.g. \(workspace.path)/state.db)"
        )
        let other = try workspace.write("notes.txt", "not a database, but precious\n")
        #expect(opening(other)?.contains("has no key file beside it (\(other).key)") == true)
        #expect(!FileManager.default.fileExists(atPath: other + ".key"), "no key file littered beside it")
        #expect(try String(contentsOfFile: other, encoding: .utf8) == "not a database, but precious\n")

        let store = workspace.path + "/state.db"
        #expect(opening(store) == nil, "a new store gets a new key")
        #expect(FileManager.default.fileExists(atPath: store + ".key"))
        try FileManager.default.removeItem(atPath: store + ".key")
        #expect(opening(store)?.contains("set HOOKCTL_STORE_KEY to the key it was created with") == true)
        #expect(!FileManager.default.fileExists(atPath: store + ".key"))
    }
}
