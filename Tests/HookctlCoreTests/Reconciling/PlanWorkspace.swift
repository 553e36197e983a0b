import Foundation
import HookctlCore
import TestSupport

/// A temporary repository with a `webhooks.d`, a store file and a fixed store key, for plan/apply tests.
struct PlanWorkspace {
    static let key = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="
    static let secret = "sk-live-DO-NOT-PRINT-7f3a9c"

    /// The folder, removed when the last copy of this value is gone.
    let workspace: Workspace
    var root: String { workspace.path }
    var environment: [String: String]

    init(secret: String = PlanWorkspace.secret) {
        workspace = try! Workspace()
        environment = ["HOOKCTL_STORE_KEY": Self.key, "API_TOKEN": secret, "USER": "tester"]
    }

    var storePath: String { root + "/.hookctl/state.db" }

    /// Writes `webhooks.d/NAME.yaml`.
    func declare(
        _ name: String, url: String = "https://hooks.example.com/\("in")", triggers: String = "[Created]",
        body: String = "{\"id\": \"{{data.id}}\", \"kind\": \"created\"}", extra: String = ""
    ) {
        let yaml = """
            name: \(name)
            method: POST
            url: \(url)
            auth:
              type: bearer
              token: ${env:API_TOKEN}
            triggers: \(triggers)
            \(extra)body: |
              \(body.replacingOccurrences(of: "\n", with: "\n  "))

            """
        try! yaml.write(toFile: root + "/webhooks.d/\(name).yaml", atomically: true, encoding: .utf8)
    }

    func remove(_ name: String) {
        try! FileManager.default.removeItem(atPath: root + "/webhooks.d/\(name).yaml")
    }

    func plan(
        _ options: PlanOptions = PlanOptions(), set: String = "repo"
    ) async -> (code: Int32, out: String, err: String) {
        var options = options
        options.currentDirectory = root
        options.setName = options.setName ?? set
        let (terminal, out, err) = Terminal.capturing(environment: environment)
        let code = await HookctlCore.plan(options, terminal: terminal)
        return (code, out.text, err.text)
    }

    func apply(
        _ options: ApplyOptions = ApplyOptions(autoApprove: true), set: String = "repo", interactive: Bool = false
    ) async -> (code: Int32, out: String, err: String) {
        var options = options
        options.currentDirectory = root
        options.setName = options.setName ?? set
        let (terminal, out, err) = Terminal.capturing(isInteractive: interactive, environment: environment)
        let code = await HookctlCore.apply(options, terminal: terminal)
        return (code, out.text, err.text)
    }

    var storeOptions: StoreCommandOptions { StoreCommandOptions(setName: "repo", currentDirectory: root) }

    func run(_ body: (StoreCommandOptions, Terminal) async -> Int32) async -> (code: Int32, out: String, err: String) {
        let (terminal, out, err) = Terminal.capturing(environment: environment)
        let code = await body(storeOptions, terminal)
        return (code, out.text, err.text)
    }

    /// Every file under the workspace except the key file, as bytes.
    func allFiles() -> [(path: String, data: Data)] {
        let enumerator = FileManager.default.enumerator(atPath: root)!
        var files: [(String, Data)] = []
        while let path = enumerator.nextObject() as? String {
            if let data = FileManager.default.contents(atPath: root + "/" + path) { files.append((path, data)) }
        }
        return files
    }

    /// `"serial": N` from the JSON plan, the store's serial.
    func serial() async -> Int? {
        let json = await plan(PlanOptions(format: .json)).out
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
            let store = object["store"] as? [String: Any]
        else { return nil }
        return store["serial"] as? Int
    }
}
