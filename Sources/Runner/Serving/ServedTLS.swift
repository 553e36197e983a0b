import Foundation
import NIOSSL

/// The certificate chain and private key a listener serves HTTPS with (`--tls-cert`, `--tls-key`), loaded and checked
/// before anything starts: each file is read, holds what it should in PEM, and the key belongs to the certificate.
public struct ServedTLS: Sendable {
    let configuration: TLSConfiguration

    /// Loads the PEM files at `certificateFile` (the server's certificate first, then its chain) and `keyFile`.
    public init(certificateFile: String, keyFile: String) throws(ServedTLSError) {
        let certificates: [NIOSSLCertificate]
        do {
            certificates = try NIOSSLCertificate.fromPEMBytes(try Self.read(certificateFile, flag: "--tls-cert"))
        } catch let error as ServedTLSError {
            throw error
        } catch {
            certificates = []
        }
        guard !certificates.isEmpty else {
            throw ServedTLSError(
                "--tls-cert \(certificateFile) holds no PEM certificate (a \"-----BEGIN CERTIFICATE-----\" block)")
        }
        let key: NIOSSLPrivateKey
        do {
            key = try NIOSSLPrivateKey(bytes: try Self.read(keyFile, flag: "--tls-key"), format: .pem)
        } catch let error as ServedTLSError {
            throw error
        } catch {
            throw ServedTLSError(
                "--tls-key \(keyFile) holds no unencrypted PEM private key (a \"-----BEGIN PRIVATE KEY-----\", "
                    + "\"-----BEGIN RSA PRIVATE KEY-----\" or \"-----BEGIN EC PRIVATE KEY-----\" block)")
        }
        let configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: certificates.map { .certificate($0) }, privateKey: .privateKey(key))
        // The context is where BoringSSL checks that the key is the certificate's.
        guard (try? NIOSSLContext(configuration: configuration)) != nil else {
            throw ServedTLSError(
                "--tls-key \(keyFile) is not the private key of the first certificate in --tls-cert \(certificateFile)")
        }
        self.configuration = configuration
    }

    private static func read(_ path: String, flag: String) throws(ServedTLSError) -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ServedTLSError("\(flag) \(path): no such file")
        }
        guard !isDirectory.boolValue, let data = FileManager.default.contents(atPath: path) else {
            throw ServedTLSError("\(flag) \(path): \(isDirectory.boolValue ? "it is a directory" : "cannot be read")")
        }
        return [UInt8](data)
    }
}

/// Why `--tls-cert` and `--tls-key` cannot be served, naming the flag, the file and what it should hold.
public struct ServedTLSError: Error, Hashable, Sendable, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
