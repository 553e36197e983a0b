import Foundation

/// A throwaway certificate authority and receiver certificates, made with `openssl` once per test process.
struct TestPKI: Sendable {
    let directory: String
    /// The CA certificate (what `--ca-file` points at).
    var caFile: String { directory + "/ca.pem" }
    /// A certificate for 127.0.0.1, ::1, localhost and receiver.hookctl.test.
    var serverCertificate: String { directory + "/server.pem" }
    var serverKey: String { directory + "/server.key" }
    /// A certificate from the same CA that names only other.hookctl.test.
    var wrongNameCertificate: String { directory + "/wrong.pem" }
    var wrongNameKey: String { directory + "/wrong.key" }

    static let shared: TestPKI = {
        let directory = NSTemporaryDirectory() + "hookctl-pki-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let pki = TestPKI(directory: directory)
        pki.openssl(
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=hookctl test CA",
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign")
        pki.issue("server", names: "IP:127.0.0.1,IP:::1,DNS:localhost,DNS:receiver.hookctl.test")
        pki.issue("wrong", names: "DNS:other.hookctl.test")
        return pki
    }()

    private func issue(_ name: String, names: String) {
        let extensions = directory + "/\(name).ext"
        try! """
        subjectAltName=\(names)
        basicConstraints=CA:FALSE
        keyUsage=digitalSignature
        extendedKeyUsage=serverAuth
        """.write(toFile: extensions, atomically: true, encoding: .utf8)
        openssl(
            "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", "\(name).key",
            "-out", "\(name).csr", "-subj", "/CN=\(name)")
        openssl(
            "x509", "-req", "-in", "\(name).csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
            "-out", "\(name).pem", "-days", "2", "-extfile", extensions)
    }

    private func openssl(_ arguments: String...) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try! process.run()
        process.waitUntilExit()
        precondition(process.terminationStatus == 0, "openssl \(arguments.joined(separator: " ")) failed")
    }
}
