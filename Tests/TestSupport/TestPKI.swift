import Foundation

/// A throwaway certificate authority and receiver certificates, made with `openssl` once per test process.
public struct TestPKI: Sendable {
    /// Where the keys and certificates are (kept for the whole test process).
    let workspace: Workspace
    public var directory: String { workspace.path }
    /// The CA certificate (what `--ca-file` points at).
    public var caFile: String { directory + "/ca.pem" }
    /// A certificate for 127.0.0.1, ::1, localhost and receiver.hookctl.test.
    public var server: ReceiverCertificate {
        ReceiverCertificate(chain: directory + "/server.pem", key: directory + "/server.key")
    }
    /// A certificate from the same CA that names only other.hookctl.test.
    public var wrongName: ReceiverCertificate {
        ReceiverCertificate(chain: directory + "/wrong.pem", key: directory + "/wrong.key")
    }

    /// The process's PKI, made on first use (off the cooperative pool: `openssl` takes seconds on a busy machine,
    /// and every caller would block on it); throws what `openssl` said if it could not be made.
    public static func shared() async throws -> TestPKI { try await made.value }

    private static let made = Task { try await offThePool { try make() } }

    private static func make() throws -> TestPKI {
        let pki: TestPKI
        do {
            pki = TestPKI(workspace: try Workspace(webhooksDirectory: false))
        } catch {
            throw PKIError(description: "cannot make a folder for the test PKI: \(error)")
        }
        try pki.openssl(
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=hookctl test CA",
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign")
        try pki.issue("server", names: "IP:127.0.0.1,IP:::1,DNS:localhost,DNS:receiver.hookctl.test")
        try pki.issue("wrong", names: "DNS:other.hookctl.test")
        return pki
    }

    private func issue(_ name: String, names: String) throws(PKIError) {
        let extensions = directory + "/\(name).ext"
        do {
            try """
            subjectAltName=\(names)
            basicConstraints=CA:FALSE
            keyUsage=digitalSignature
            extendedKeyUsage=serverAuth
            """.write(toFile: extensions, atomically: true, encoding: .utf8)
        } catch {
            throw PKIError(description: "cannot write \(extensions): \(error)")
        }
        try openssl(
            "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", "\(name).key",
            "-out", "\(name).csr", "-subj", "/CN=\(name)")
        try openssl(
            "x509", "-req", "-in", "\(name).csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
            "-out", "\(name).pem", "-days", "2", "-extfile", extensions)
    }

    private func openssl(_ arguments: String...) throws(PKIError) {
        let command = "openssl " + arguments.joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw PKIError(description: "cannot run \(command): \(error)")
        }
        let output = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw PKIError(
                description: "\(command) failed (exit \(process.terminationStatus)); the HTTPS tests need openssl "
                    + "on PATH (apt-get install openssl):\n\(output)")
        }
    }
}

/// The throwaway PKI could not be made.
public struct PKIError: Error, CustomStringConvertible {
    public var description: String
}
