import Foundation
import Store

/// A digest of the desired state that changes when any declared value or resolved secret changes.
///
/// Built from each webhook's JSON and its secrets' fingerprints, never from ciphertexts (they differ on every seal).
enum DeclarationsDigest {
    static func of(_ desired: [DesiredWebhook]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var text = ""
        for want in desired.sorted(by: { $0.name < $1.name }) {
            let json = (try? encoder.encode(want.state.webhook)).map { String(decoding: $0, as: UTF8.self) } ?? ""
            text += json + "\n"
            for path in want.state.secrets.keys.sorted() {
                text += "\(path)=\(want.state.secrets[path]!.fingerprint)\n"
            }
        }
        return ContentDigest.sha256(text)
    }
}
