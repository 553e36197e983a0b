/// A finding the user can fix: what is wrong, where, and what would be accepted.
///
/// Diagnostics are data; printers at the edge render them as text, JSON or CI annotations.
public struct Diagnostic: Hashable, Sendable {
    /// How serious a finding is. `error` fails validation; `warning` does not (unless `--strict`).
    public enum Severity: String, Sendable, Hashable, Comparable, CaseIterable {
        case error, warning, note

        private var rank: Int {
            switch self {
            case .error: 0
            case .warning: 1
            case .note: 2
            }
        }

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    public var severity: Severity
    /// A stable rule id such as `config.unknown-key`, shown in brackets and usable in ignore comments.
    public var code: String
    public var message: String
    public var location: SourceLocation?
    /// Further lines shown under the finding: hints, the other place of a duplicate, accepted values.
    public var notes: [String]

    public init(
        _ severity: Severity, _ code: String, _ message: String,
        at location: SourceLocation? = nil, notes: [String] = []
    ) {
        self.severity = severity
        self.code = code
        self.message = message
        self.location = location
        self.notes = notes
    }

    public static func error(
        _ code: String, _ message: String, at location: SourceLocation? = nil, notes: [String] = []
    ) -> Diagnostic {
        Diagnostic(.error, code, message, at: location, notes: notes)
    }

    public static func warning(
        _ code: String, _ message: String, at location: SourceLocation? = nil, notes: [String] = []
    ) -> Diagnostic {
        Diagnostic(.warning, code, message, at: location, notes: notes)
    }
}

extension Diagnostic: Comparable {
    /// Orders by file, line and column; findings without a location come first.
    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        switch (lhs.location, rhs.location) {
        case let (l?, r?) where l != r: l < r
        case (nil, _?): true
        case (_?, nil): false
        default: (lhs.severity, lhs.code, lhs.message) < (rhs.severity, rhs.code, rhs.message)
        }
    }
}
