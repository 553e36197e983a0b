import AccessEvents
import Foundation
import JSON
import Runner
import Store
public import StoreSelection
public import WebhookModel

/// What `hookctl emit` queues: an event file (one event, or a JSON array of up to 1,000 as for
/// `POST /v1/events/batch`), or the sample event of a trigger.
public struct EmitOptions: Sendable {
    /// An event file to queue: one JSON object, or an array of events.
    public var event: String?
    /// Else the sample event of this trigger (default: Created).
    public var trigger: Trigger?
    public var idempotencyKey: String?
    public var store: String?
    public var currentDirectory: String?

    public init() {}
}

extension EmitOptions: StoreOptions {}

/// `hookctl emit`: queues one event, or a file's array of events, straight into the store with the intake's
/// validation and idempotency, for scripts; a running runner delivers them. Prints the intake's JSON answer (for an
/// array, the batch endpoint's: a result per item). 0 everything accepted, 1 something refused (the valid items of an
/// array are queued all the same) or an error.
public func emit(_ options: EmitOptions, terminal: Terminal, stores: StoreOpener = .standard) async -> Int32 {
    let bytes: [UInt8]
    if let path = options.event {
        do {
            // The intake's limit: what `emit` queues could not have been posted otherwise.
            bytes = try InputFile.read(
                path, directory: options.directory, standardInput: terminal.input,
                limit: RunnerConfiguration.maxBodyBytes,
                limitReason: "the most POST /v1/events takes; split an array into several files")
        } catch {
            terminal.err.write("error: \(error.description)\n")
            return StoreCommandExit.error
        }
    } else {
        bytes = EventSamples.sample(for: options.trigger ?? .created).serialized()
    }
    // A JSON array is a batch, as for POST /v1/events/batch.
    let batch = bytes.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) == UInt8(ascii: "[")
    if batch, options.idempotencyKey != nil {
        terminal.err.write(
            "error: --idempotency-key is for one event; each event of an array is keyed by its event_type, data.id "
                + "and event_time\n")
        return StoreCommandExit.usage
    }
    guard let opened = options.openStore(terminal, stores) else { return StoreCommandExit.error }
    let intake = EventIntake(queue: opened.store)
    let answer: IntakeAnswer
    if batch {
        answer = await intake.acceptBatch(bytes)
    } else {
        answer = await intake.acceptOne(bytes, idempotencyKey: options.idempotencyKey)
    }
    let accepted = answer.status == 202 && (answer.body["rejected"]?.numberValue ?? 0) == 0
    (accepted ? terminal.out : terminal.err).write(answer.body.prettyText(sortingKeys: false) + "\n")
    let unmatched = unmatchedEvents(in: answer.body)
    if unmatched > 0 {
        let (what, them) = unmatched == 1 ? ("the event matched", "it") : ("\(unmatched) events matched", "them")
        terminal.err.write(
            "note: \(what) no active webhook in the store (none takes its trigger, or their filters leave it out), so "
                + "nothing will be delivered for \(them); hookctl list shows the live webhooks, their triggers and "
                + "which are filtered\n")
    }
    return accepted ? StoreCommandExit.done : StoreCommandExit.error
}

/// How many newly accepted events of an intake answer (one event's, or each of a batch's results) fanned out to no
/// webhook at all; a duplicate was counted when it was first accepted.
private func unmatchedEvents(in body: JSONValue) -> Int {
    func unmatched(_ result: JSONValue) -> Bool {
        guard case .array(let ids)? = result["delivery_ids"] else { return false }
        return ids.isEmpty && result["duplicate"] != true
    }
    if case .array(let results)? = body["results"] { return results.filter(unmatched).count }
    return unmatched(body) ? 1 : 0
}
