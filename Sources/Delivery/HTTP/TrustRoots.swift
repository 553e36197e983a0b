import Foundation
import NIOSSL

/// Which certificate authorities HTTPS receivers are checked against: the system's, plus `--ca-file` ones.
public struct TrustRoots: Sendable {
    let extra: [NIOSSLCertificate]
    /// The PEM file the extra authorities came from.
    public let caFile: String?

    /// The system's trust store only.
    public static let system = TrustRoots(extra: [], caFile: nil)

    private init(extra: [NIOSSLCertificate], caFile: String?) {
        self.extra = extra
        self.caFile = caFile
    }

    /// The system's trust store plus every certificate in the PEM file at `caFile`.
    public init(caFile: String) throws(TrustRootsError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: caFile, isDirectory: &isDirectory) else {
            throw TrustRootsError("cannot read CA file \(caFile): no such file")
        }
        guard !isDirectory.boolValue, let data = FileManager.default.contents(atPath: caFile) else {
            throw TrustRootsError(
                "cannot read CA file \(caFile): \(isDirectory.boolValue ? "it is a directory" : "not readable")")
        }
        let certificates = (try? NIOSSLCertificate.fromPEMBytes([UInt8](data))) ?? []
        guard !certificates.isEmpty else {
            throw TrustRootsError(
                "CA file \(caFile) holds no PEM certificate (a \"-----BEGIN CERTIFICATE-----\" block)")
        }
        self.init(extra: certificates, caFile: caFile)
    }

    /// The client TLS configuration: full verification (chain and host name) against these roots.
    func clientConfiguration() -> TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = .fullVerification
        if !extra.isEmpty { configuration.additionalTrustRoots = [.certificates(extra)] }
        return configuration
    }
}

/// A `--ca-file` that cannot be used.
public struct TrustRootsError: Error, Hashable, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
