import Delivery

/// `--allow-target HOST:PORT` (repeatable) and `HOOKCTL_ALLOW_TARGETS=h:p,h:p`, merged; local testing only.
public struct AllowTargets: Sendable {
    public var flags: [String]

    public init(_ flags: [String] = []) { self.flags = flags }

    /// The environment variable that adds entries.
    public static let environmentVariable = "HOOKCTL_ALLOW_TARGETS"

    /// The merged allow list, or `nil` after printing which entry is malformed; warns once per run when not empty.
    func allowList(terminal: Terminal) -> TargetAllowList? {
        let fromEnvironment = (terminal.environment[Self.environmentVariable] ?? "")
            .split(separator: ",").map(String.init).filter { !$0.allSatisfy(\.isWhitespace) }
        do {
            let list = try TargetAllowList(flags + fromEnvironment)
            if !list.isEmpty {
                terminal.err.write(
                    "warning: --allow-target exempts \(list.entries.sorted().joined(separator: ", ")) from the address "
                        + "and port rules and allows http:// for it; use this for local testing only\n")
            }
            return list
        } catch {
            terminal.err.write("error: --allow-target: \(error)\n")
            return nil
        }
    }
}
