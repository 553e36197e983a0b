import Foundation
import Reconciler
import Store

/// A saved plan: the desired state (secrets sealed, never plain), the store state it was planned against, and the
/// declarations digest. `hookctl apply FILE` applies exactly it.
struct PlanFile: Codable {
    static let kind = "hookctl-plan"

    var formatVersion: Int
    var kind: String
    var plan: Plan

    init(plan: Plan) {
        formatVersion = Plan.formatVersion
        kind = Self.kind
        self.plan = plan
    }

    /// The file's bytes: sorted keys, so the same plan always has the same digest. `nil` only for a plan that
    /// `JSONEncoder` cannot write (a number that is not finite), which is then neither written nor digested.
    func encoded() -> Data? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try? encoder.encode(self)
    }

    /// The SHA-256 of the file's bytes, as shown by `hookctl log`.
    var digest: String { encoded().map(ContentDigest.sha256) ?? "unencodable" }

    /// Reads a plan file; the message says what is wrong with it.
    static func read(_ path: String) -> Result<PlanFile, PlanFileError> {
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(PlanFileError(message: "cannot read plan file \(path)"))
        }
        let decoder = JSONDecoder()
        guard let file = try? decoder.decode(PlanFile.self, from: data), file.kind == kind else {
            return .failure(PlanFileError(message: "\(path) is not a hookctl plan file"))
        }
        guard file.formatVersion == Plan.formatVersion else {
            return .failure(
                PlanFileError(
                    message:
                        "\(path) has plan format \(file.formatVersion); this hookctl reads format \(Plan.formatVersion)"
                ))
        }
        return .success(file)
    }

    /// Writes the file readable by its owner only; `false` when it could not be encoded or written.
    func write(to path: String) -> Bool {
        guard let bytes = encoded() else { return false }
        return FileManager.default.createFile(atPath: path, contents: bytes, attributes: [.posixPermissions: 0o600])
    }
}

/// Why a plan file cannot be used.
struct PlanFileError: Error {
    var message: String
}
