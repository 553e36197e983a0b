import Delivery
import WebhookModel

/// `--ca-file FILE`, else `HOOKCTL_CA_FILE`: extra certificate authorities to trust, for `test` and `run`.
enum TrustOption {
    /// The trust roots, or `nil` after printing why the file cannot be used.
    static func roots(caFile flag: String?, terminal: Terminal, directory: String) -> TrustRoots? {
        guard let caFile = flag ?? terminal.environment["HOOKCTL_CA_FILE"].flatMap({ $0.isEmpty ? nil : $0 }) else {
            return .system
        }
        do {
            return try TrustRoots(caFile: AbsolutePath.resolve(caFile, against: directory))
        } catch {
            terminal.err.write("error: --ca-file: \(error)\n")
            return nil
        }
    }
}
