import Foundation
import Runner
import TestSupport
import Testing

/// `--tls-cert` and `--tls-key` are loaded before the listener starts, and each way they can be wrong is named: the
/// flag, the file, and what it should hold.
@Suite struct ServedTLSTests {
    func failure(_ certificate: String, _ key: String) -> String? {
        do {
            _ = try ServedTLS(certificateFile: certificate, keyFile: key)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func aMatchingCertificateAndKeyLoad() async throws {
        let pki = try await TestPKI.shared()
        #expect(failure(pki.server.chain, pki.server.key) == nil)
    }

    @Test func eachWrongFileIsNamedWithWhatItShouldHold() async throws {
        let pki = try await TestPKI.shared()
        let scratch = try Workspace(webhooksDirectory: false)
        let garbage = try scratch.write("garbage.pem", "not a certificate\n")
        #expect(failure("/nonexistent/cert.pem", pki.server.key) == "--tls-cert /nonexistent/cert.pem: no such file")
        #expect(failure(scratch.path, pki.server.key) == "--tls-cert \(scratch.path): it is a directory")
        #expect(
            failure(garbage, pki.server.key)
                == "--tls-cert \(garbage) holds no PEM certificate (a \"-----BEGIN CERTIFICATE-----\" block)")
        // A key where the certificate should be, and the reverse.
        #expect(failure(pki.server.key, pki.server.key)?.hasPrefix("--tls-cert \(pki.server.key) holds no PEM") == true)
        #expect(failure(pki.server.chain, "/nonexistent/key.pem") == "--tls-key /nonexistent/key.pem: no such file")
        #expect(
            failure(pki.server.chain, pki.server.chain)?.hasPrefix(
                "--tls-key \(pki.server.chain) holds no unencrypted PEM private key") == true)
        #expect(
            failure(pki.server.chain, pki.wrongName.key)
                == "--tls-key \(pki.wrongName.key) is not the private key of the first certificate in --tls-cert "
                + "\(pki.server.chain)")
    }
}
