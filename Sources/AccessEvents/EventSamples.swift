public import JSON
public import WebhookModel

/// Realistic sample events, one per trigger, for `hookctl sample`, `render`, `test` and the linter.
public enum EventSamples {
    /// The sample event for `trigger`: the request in the state that trigger announces.
    public static func sample(for trigger: Trigger) -> JSONValue {
        do {
            return try JSONValue(parsing: text(for: trigger))
        } catch {
            preconditionFailure("the bundled \(trigger) sample is invalid JSON: \(error)")
        }
    }

    /// The sample event for `trigger` as pretty-printed JSON text.
    public static func text(for trigger: Trigger) -> String {
        let time: String
        let approvals: String
        let revocation: String
        switch trigger {
        case .created:
            time = "1696263265.851898"
            approvals = approvalList(manager: "Pending", admins: "Approved")
            revocation = "1696266865.85238"
        case .approved, .failed:
            time = trigger == .approved ? "1696263925.113004" : "1696263931.402771"
            approvals = approvalList(manager: "Approved", admins: "Approved")
            revocation = "1696266865.85238"
        case .rejected:
            time = "1696264120.550213"
            approvals = approvalList(manager: "Rejected", admins: "Approved")
            revocation = "1696266865.85238"
        case .granted:
            time = "1696263929.768112"
            approvals = approvalList(manager: "Approved", admins: "Approved")
            revocation = "1696266865.85238"
        case .expired:
            time = "1696266865.85238"
            approvals = approvalList(manager: "Approved", admins: "Approved")
            revocation = "1696266865.85238"
        }
        return """
            {
                "event_type": "\(trigger.eventType)",
                "event_time": \(time),
                "data": {
                    "id": "123",
                    "friendly_id": "AR-123",
                    "requester": {
                        "id": "user-1",
                        "name": "User",
                        "email": "user@example.com"
                    },
                    "justification": "I need access to this",
                    "creation_date": 1696263265.852378,
                    "revocation_date": \(revocation),
                    "access_flow": {
                        "id": "flow-1",
                        "name": "Flow 1"
                    },
                    "access_bundle": {
                        "id": "bundle-1",
                        "name": "Bundle 1"
                    },
                    "access_groups": [
                        {
                            "integration": {
                                "id": "integration-1",
                                "type": "Postgresql",
                                "name": "prod db"
                            },
                            "resource_types": [
                                {
                                    "id": "postgresql-database",
                                    "name": "Database",
                                    "display_path": "Postgresql/Database"
                                }
                            ],
                            "access_units": [
            \(unit(id: "res-1", name: "DB 1")),
            \(unit(id: "res-2", name: "DB 2"))
                            ]
                        }
                    ],
                    "approvals_logical_relation": "AllOf",
                    "approvals": \(approvals)
                }
            }

            """
    }

    private static func unit(id: String, name: String) -> String {
        """
                                {
                                    "resource": {
                                        "id": "\(id)",
                                        "name": "\(name)",
                                        "path": "prod db/\(id)",
                                        "type": {
                                            "id": "postgresql-database",
                                            "name": "Database",
                                            "display_path": "Postgresql/Database"
                                        }
                                    },
                                    "permission": {
                                        "id": "ReadOnly",
                                        "name": "ReadOnly"
                                    }
                                }
        """
    }

    private static func approvalList(manager: String, admins: String) -> String {
        func approver(_ status: String, id: String, name: String, email: String) -> String {
            guard status != "Pending" else { return "" }
            return """
                ,
                                "approver": {
                                    "id": "\(id)",
                                    "name": "\(name)",
                                    "email": "\(email)"
                                }
                """
        }
        return """
            [
                        {
                            "name": "Manager",
                            "type": "Manager",
                            "status": "\(manager)"\(approver(manager, id: "manager-1", name: "Manager 1", email: "manager@example.com"))
                        },
                        {
                            "name": "Admins",
                            "type": "Group",
                            "status": "\(admins)"\(approver(admins, id: "admin-1", name: "Admin 1", email: "admin@example.com"))
                        }
                    ]
            """
    }
}
