import Foundation
import JSON
import Reconciler
import Store

/// A saved plan: the desired state (secrets sealed, never plain), the store state it was planned against, and the
/// declarations digest, with a tag under the store key. `hookctl apply FILE` applies exactly it, and only if the tag
/// shows it is the plan `hookctl plan` wrote.
struct PlanFile: Codable {
    static let kind = "hookctl-plan"

    var formatVersion: Int
    var kind: String
    var plan: Plan
    /// `StoreKey.planTag` of `planBytes`: changing the plan without the store key cannot keep it valid.
    var tag: String?

    init(plan: Plan, key: StoreKey? = nil) {
        formatVersion = Plan.formatVersion
        kind = Self.kind
        self.plan = plan
        tag = key.flatMap { key in Self.planBytes(plan).map(key.planTag) }
    }

    private static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// The plan's own bytes, as tagged: sorted keys, so a plan read back encodes to the bytes it was tagged as.
    static func planBytes(_ plan: Plan) -> Data? { try? encoder().encode(plan) }

    /// The file's bytes: sorted keys, so the same plan always has the same digest. `nil` only for a plan that
    /// `JSONEncoder` cannot write (a number that is not finite), which is then neither written nor digested.
    func encoded() -> Data? { try? Self.encoder().encode(self) }

    /// The SHA-256 of the file's bytes without its tag, as shown by `hookctl log`: the same for a plan saved and
    /// one applied straight away.
    var digest: String {
        var untagged = self
        untagged.tag = nil
        return untagged.encoded().map(ContentDigest.sha256) ?? "unencodable"
    }

    /// Whether the file carries a tag `key` made for this very plan.
    func isAuthentic(under key: StoreKey) -> Bool {
        guard let tag, let bytes = Self.planBytes(plan) else { return false }
        return key.isPlanTag(tag, of: bytes)
    }

    /// Reads a plan file; the message says what is wrong with it.
    static func read(_ path: String) -> Result<PlanFile, PlanFileError> {
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(PlanFileError(message: "cannot read plan file \(path)"))
        }
        let decoder = JSONDecoder()
        guard let file = try? decoder.decode(PlanFile.self, from: data), file.kind == kind else {
            return .failure(PlanFileError(message: "\(path) is not a hookctl plan file (\(whyNot(data)))"))
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

    /// What a file that does not decode as a plan is instead, in a few words.
    private static func whyNot(_ data: Data) -> String {
        let value: JSONValue
        do { value = try JSONValue(parsing: [UInt8](data)) } catch {
            return "not JSON: \(error.line):\(error.column): \(error.message)"
        }
        guard case .object = value else { return "JSON, but not an object" }
        guard let kind = value["kind"]?.stringValue else { return "no \"kind\": \"\(Self.kind)\"" }
        guard kind == Self.kind else { return "its kind is \"\(kind)\", not \"\(Self.kind)\"" }
        return "its plan is not one this hookctl wrote; run hookctl plan --out again"
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
