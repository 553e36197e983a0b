import AccessEvents
import Declarations
public import WebhookModel

/// `hookctl schema`: prints the access-request event's JSON Schema, or with `declarations` the JSON Schema of a
/// webhook declaration (for editors; committed as `schema/declarations.schema.json`).
public func printSchema(declarations: Bool = false, terminal: Terminal) -> Int32 {
    terminal.out.write(declarations ? DeclarationSchema.text : EventSchema.document + "\n")
    return 0
}

/// `hookctl sample`: prints a realistic sample event for a trigger.
public func printSample(trigger: Trigger, terminal: Terminal) -> Int32 {
    terminal.out.write(EventSamples.text(for: trigger))
    return 0
}
