import Foundation
import TestSupport

/// Whether the console's browser tests can run here: Debian's `chromium` and `chromium-driver`, and PyPI's `selenium`
/// in the test Python. Under `CI=true` they always run, and fail if something is missing.
enum BrowserAvailability {
    static let chromium = "/usr/bin/chromium"
    static let chromedriver = "/usr/bin/chromedriver"

    static var inCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// What is missing, or `nil` when everything is there.
    static let missing: String? = {
        var missing: [String] = []
        let files = FileManager.default
        if !files.isExecutableFile(atPath: chromium) { missing.append("\(chromium) (apt-get install chromium)") }
        if !files.isExecutableFile(atPath: chromedriver) {
            missing.append("\(chromedriver) (apt-get install chromium-driver)")
        }
        if (try? Python.runBlocking("", requiring: ["selenium"])) == nil {
            missing.append("selenium in \(Python.interpreter) (bash Scripts/test.sh installs it)")
        }
        return missing.isEmpty ? nil : missing.joined(separator: ", ")
    }()

    static var shouldRun: Bool { inCI || missing == nil }

    static var skipReason: String {
        "the console's browser tests need " + (missing ?? "nothing") + "; they run under CI=true"
    }
}
