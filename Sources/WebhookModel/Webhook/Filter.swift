/// Which of its triggers' events a webhook receives: every condition in `all` holds and none in `none` does.
///
/// A condition holds when a value of the event at its field's path equals one of its values (OR); a path through an
/// array holds when any element does. Matching lives in AccessEvents (`Filter.matches`); the declaration's `filter:`
/// block is read by Declarations.
public struct Filter: Hashable, Sendable {
    /// The conditions that must all hold (AND).
    public var all: [Condition]
    /// The `not:` block: the event passes only when none of these holds.
    public var none: [Condition]

    public init(all: [Condition] = [], none: [Condition] = []) {
        self.all = all
        self.none = none
    }

    /// Whether the filter has no condition at all (such a filter is refused in declarations).
    public var isEmpty: Bool { all.isEmpty && none.isEmpty }

    /// One condition: a field and the values it may have.
    public struct Condition: Hashable, Sendable {
        public var field: Field
        /// Any of them matches. For `requester_email` these are glob patterns (`*`, `?`).
        public var values: [String]

        public init(_ field: Field, _ values: [String]) {
            self.field = field
            self.values = values
        }
    }

    /// What a condition looks at: a named condition, or an event path from `fields:`.
    public enum Field: Hashable, Sendable {
        case named(NamedField)
        /// A dotted path from the event's root, e.g. `data.requester.id`; arrays on the way are crossed implicitly.
        case path(String)

        /// The event path the condition reads.
        public var path: String {
            switch self {
            case .named(let named): named.path
            case .path(let path): path
            }
        }

        /// The key as a declaration writes it: `integration_type`, or the path under `fields:`.
        public var key: String {
            switch self {
            case .named(let named): named.rawValue
            case .path(let path): path
            }
        }

        /// Whether values are glob patterns rather than exact values.
        public var isGlob: Bool { self == .named(.requesterEmail) }
    }

    /// The named conditions, in the order declarations document and plans show them.
    public enum NamedField: String, Hashable, Sendable, CaseIterable {
        case integrationType = "integration_type"
        case integration
        case resourceType = "resource_type"
        case permission
        case accessFlow = "access_flow"
        case accessBundle = "access_bundle"
        case requesterEmail = "requester_email"
        case approvalsLogicalRelation = "approvals_logical_relation"

        /// The event path it reads; arrays (`access_groups`, `access_units`) match when any element does.
        public var path: String {
            switch self {
            case .integrationType: "data.access_groups.integration.type"
            case .integration: "data.access_groups.integration.name"
            case .resourceType: "data.access_groups.access_units.resource.type.id"
            case .permission: "data.access_groups.access_units.permission.id"
            case .accessFlow: "data.access_flow.name"
            case .accessBundle: "data.access_bundle.name"
            case .requesterEmail: "data.requester.email"
            case .approvalsLogicalRelation: "data.approvals_logical_relation"
            }
        }
    }
}
