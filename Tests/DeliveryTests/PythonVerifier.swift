import Foundation

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

    /// `verified`, or `rejected: …` with the library's reason.
    static func verify(secret: String, headers: [String: String], body: [UInt8]) throws -> String {
        let headerJSON = String(decoding: try JSONSerialization.data(withJSONObject: headers), as: UTF8.self)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, secret, headerJSON]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        try process.run()
        input.fileHandleForWriting.write(Data(body))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
