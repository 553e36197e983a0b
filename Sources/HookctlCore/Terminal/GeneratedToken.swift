import Foundation
import WebhookModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A bearer-style token from an environment variable, else from a file under `.hookctl/` (created, mode 0600, with a
/// random token when missing): the ingest token and the console token.
struct GeneratedToken {
    let environmentVariable: String
    let defaultPath: String
    /// What the token is for, in messages: "an ingest token".
    let what: String
    /// How to use it, said when it is created.
    let usage: String

    /// The token and where it came from, or `nil` after printing why it cannot be had.
    func resolve(terminal: Terminal, directory: String) -> (token: String, source: String)? {
        if let token = terminal.environment[environmentVariable], !token.isEmpty {
            return (token, "$\(environmentVariable)")
        }
        let path = AbsolutePath.resolve(defaultPath, against: directory)
        if let data = FileManager.default.contents(atPath: path) {
            let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard token.count >= 16 else {
                // Created a moment ago by another process that has yet to write it, or left unusable.
                if let written = Self.awaitWritten(path) { return (written, path) }
                terminal.err.write(
                    "error: \(path) holds no usable token (at least 16 characters); delete it to get a new one\n")
                return nil
            }
            return (token, path)
        }
        try? FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        var bytes = [UInt8](repeating: 0, count: 32)
        for index in bytes.indices { bytes[index] = UInt8.random(in: 0...255) }
        let token = bytes.map { String(format: "%02x", $0) }.joined()
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else {
            let reason = errno
            // Another process (a second runner started at the same moment) created it first: use its token once
            // it is written.
            if reason == EEXIST, let token = Self.awaitWritten(path) { return (token, path) }
            terminal.err.write("error: cannot create \(path): \(String(cString: strerror(reason)))\n")
            return nil
        }
        defer { close(fd) }
        let line = token + "\n"
        guard line.withCString({ write(fd, $0, strlen($0)) }) == line.utf8.count else {
            terminal.err.write("error: cannot write \(path)\n")
            return nil
        }
        terminal.err.write("Created \(what) in \(path) (mode 0600); \(usage).\n")
        return (token, path)
    }

    /// The token another process is writing to `path`, once it is there (at most about a second).
    private static func awaitWritten(_ path: String) -> String? {
        for _ in 0..<50 {
            if let data = FileManager.default.contents(atPath: path) {
                let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                if token.count >= 16 { return token }
            }
            usleep(20_000)
        }
        return nil
    }
}
