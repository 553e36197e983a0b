import AccessEvents
public import WebhookModel

/// `hookctl schema`: prints the access-request event's JSON Schema.
public func printSchema(terminal: Terminal) -> Int32 {
    terminal.out.write(EventSchema.document + "\n")
    return 0
}

/// `hookctl sample`: prints a realistic sample event for a trigger.
public func printSample(trigger: Trigger, terminal: Terminal) -> Int32 {
    terminal.out.write(EventSamples.text(for: trigger))
    return 0
}
