import AccessEvents
public import WebhookModel

/// `hookctl schema`: prints the access-request event's JSON Schema.
public func printSchema(console: Console) -> Int32 {
    console.out.write(EventSchema.document + "\n")
    return 0
}

/// `hookctl sample`: prints a realistic sample event for a trigger.
public func printSample(trigger: Trigger, console: Console) -> Int32 {
    console.out.write(EventSamples.text(for: trigger))
    return 0
}
