import Foundation
import TestSupport

/// Verifies a Standard Webhooks signature with PyPI's `standardwebhooks` (an implementation no one here wrote).
enum PythonVerifier {
    static let script = """
        import json, sys
        from standardwebhooks.webhooks import Webhook
        secret, headers = sys.argv[1], json.loads(sys.argv[2])
        body = sys.stdin.buffer.read()
        try:
            Webhook(secret).verify(body, headers)
            print("verified")
        except Exception as error:
            print("rejected: %s" % error)
        """

    /// `verified`, or `rejected: …` with the library's reason; throws, saying how to install it, without the library.
    static func verify(secret: String, headers: [String: String], body: [UInt8]) async throws -> String {
        let headerJSON = String(decoding: try JSONSerialization.data(withJSONObject: headers), as: UTF8.self)
        let output = try await Python.run(
            script, arguments: [secret, headerJSON], input: Data(body), requiring: ["standardwebhooks"])
        return output.text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
