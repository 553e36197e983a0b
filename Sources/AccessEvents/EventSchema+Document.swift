extension EventSchema {
    /// The access-request event as a JSON Schema (draft 2020-12): the one source of truth for the event's shape.
    ///
    /// `hookctl schema` prints it; the linter types template paths against it; the runner validates events with it.
    public static let document = #"""
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "$id": "https://hookctl.dev/schemas/access-request-event/v1.json",
          "title": "Access-request event",
          "description": "An event about an access request, sent to webhooks whose triggers include its event type.",
          "type": "object",
          "required": ["event_type", "event_time", "data"],
          "properties": {
            "event_type": {
              "description": "What happened: AccessRequest followed by the trigger name.",
              "enum": ["AccessRequestCreated", "AccessRequestApproved", "AccessRequestRejected",
                       "AccessRequestGranted", "AccessRequestExpired", "AccessRequestFailed"]
            },
            "event_time": {
              "description": "When it happened, in seconds since 1970-01-01T00:00:00Z, with a fraction.",
              "type": "number"
            },
            "data": { "$ref": "#/$defs/AccessRequest" }
          },
          "$defs": {
            "AccessRequest": {
              "description": "The access request the event is about.",
              "type": "object",
              "required": ["id", "friendly_id", "requester", "creation_date", "access_flow", "access_groups",
                           "approvals_logical_relation", "approvals"],
              "properties": {
                "id": { "description": "The request's unique id.", "type": "string" },
                "friendly_id": { "description": "The short id people use, e.g. AR-123.", "type": "string" },
                "requester": { "$ref": "#/$defs/User", "description": "Who asked for access." },
                "justification": {
                  "description": "Why access is needed, in the requester's words; absent or null when none was given.",
                  "type": ["string", "null"]
                },
                "creation_date": {
                  "description": "When the request was made, in epoch seconds with a fraction.",
                  "type": "number"
                },
                "revocation_date": {
                  "description": "When granted access is revoked, in epoch seconds; absent or null when it does not expire.",
                  "type": ["number", "null"]
                },
                "access_flow": { "$ref": "#/$defs/Named", "description": "The access flow the request went through." },
                "access_bundle": {
                  "description": "The bundle requested, if the request was for a bundle; absent or null otherwise.",
                  "anyOf": [{ "$ref": "#/$defs/Named" }, { "type": "null" }]
                },
                "access_groups": {
                  "description": "The resources requested, grouped by integration.",
                  "type": "array",
                  "items": { "$ref": "#/$defs/AccessGroup" }
                },
                "approvals_logical_relation": {
                  "description": "Whether any one approval (AnyOf) or all of them (AllOf) are needed.",
                  "enum": ["AnyOf", "AllOf"]
                },
                "approvals": {
                  "description": "The approvals the request needs, and their state.",
                  "type": "array",
                  "items": { "$ref": "#/$defs/Approval" }
                }
              }
            },
            "User": {
              "type": "object",
              "required": ["id", "name", "email"],
              "properties": {
                "id": { "description": "The user's id.", "type": "string" },
                "name": { "description": "The user's display name.", "type": "string" },
                "email": { "description": "The user's email address.", "type": "string", "format": "email" }
              }
            },
            "Named": {
              "type": "object",
              "required": ["id", "name"],
              "properties": {
                "id": { "description": "The id.", "type": "string" },
                "name": { "description": "The display name.", "type": "string" }
              }
            },
            "ResourceType": {
              "type": "object",
              "required": ["id", "name", "display_path"],
              "properties": {
                "id": { "description": "The resource type's id, e.g. postgresql-database.", "type": "string" },
                "name": { "description": "The resource type's name, e.g. Database.", "type": "string" },
                "display_path": { "description": "Integration and type, e.g. Postgresql/Database.", "type": "string" }
              }
            },
            "AccessGroup": {
              "type": "object",
              "required": ["integration", "resource_types", "access_units"],
              "properties": {
                "integration": {
                  "description": "The integration that holds the resources.",
                  "type": "object",
                  "required": ["id", "type", "name"],
                  "properties": {
                    "id": { "description": "The integration's id.", "type": "string" },
                    "type": { "description": "The integration's kind, e.g. Postgresql.", "type": "string" },
                    "name": { "description": "The integration's name, e.g. prod db.", "type": "string" }
                  }
                },
                "resource_types": {
                  "description": "The kinds of resources in this group.",
                  "type": "array",
                  "items": { "$ref": "#/$defs/ResourceType" }
                },
                "access_units": {
                  "description": "Each resource with the permission requested on it.",
                  "type": "array",
                  "items": {
                    "type": "object",
                    "required": ["resource", "permission"],
                    "properties": {
                      "resource": {
                        "description": "The resource.",
                        "type": "object",
                        "required": ["id", "name", "path", "type"],
                        "properties": {
                          "id": { "description": "The resource's id.", "type": "string" },
                          "name": { "description": "The resource's name.", "type": "string" },
                          "path": { "description": "Where the resource lives, e.g. prod db/res-1.", "type": "string" },
                          "type": { "$ref": "#/$defs/ResourceType", "description": "The resource's type." }
                        }
                      },
                      "permission": { "$ref": "#/$defs/Named", "description": "The permission requested." }
                    }
                  }
                }
              }
            },
            "Approval": {
              "type": "object",
              "required": ["name", "type", "status"],
              "properties": {
                "name": { "description": "The approval step's name, e.g. Manager.", "type": "string" },
                "type": { "description": "Who approves: Manager, Group or User.", "type": "string" },
                "status": { "description": "The step's state.", "enum": ["Pending", "Approved", "Rejected"] },
                "approver": {
                  "description": "Who approved or rejected; absent or null while the step is pending.",
                  "anyOf": [{ "$ref": "#/$defs/User" }, { "type": "null" }]
                }
              }
            }
          }
        }
        """#
}
