import AccessEvents
import Foundation
import JSON
import Runner
import Store
public import StoreSelection
public import WebhookModel

/// What `hookctl emit` queues: an event file, or the sample event of a trigger.
public struct EmitOptions: Sendable {
    /// An event file to queue.
    public var event: String?
    /// Else the sample event of this trigger (default: Created).
    public var trigger: Trigger?
    public var idempotencyKey: String?
    public var store: String?
    public var currentDirectory: String?

    public init() {}
}

extension EmitOptions: StoreOptions {}

/// `hookctl emit`: queues one event straight into the store, with the intake's validation and idempotency, for
/// scripts; a running runner delivers it. Prints the intake's JSON answer. 0 accepted, 1 refused or error.
public func emit(_ options: EmitOptions, terminal: Terminal, stores: StoreOpener = .standard) async -> Int32 {
    let bytes: [UInt8]
    if let path = options.event {
        do { bytes = try WebhookSelection.read(path, directory: options.directory) } catch {
            terminal.err.write("error: \(error.description)\n")
            return StoreCommandExit.error
        }
    } else {
        bytes = EventSamples.sample(for: options.trigger ?? .created).serialized()
    }
    guard let opened = options.openStore(terminal, stores) else { return StoreCommandExit.error }
    let answer = await EventIntake(queue: opened.store).acceptOne(bytes, idempotencyKey: options.idempotencyKey)
    (answer.status == 202 ? terminal.out : terminal.err).write(answer.body.prettyText(sortingKeys: false) + "\n")
    return answer.status == 202 ? StoreCommandExit.done : StoreCommandExit.error
}
