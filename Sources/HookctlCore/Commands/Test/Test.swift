import AccessEvents
import Declarations
public import Delivery
import Foundation
import Store
public import StoreSelection
import WebhookModel

/// `hookctl test`: sends a declared webhook once through the production send path and prints the whole exchange.
/// 0 when the receiver accepted it (2xx), 1 otherwise.
public func testWebhook(
    _ options: TestOptions, terminal: Terminal, resolver: any AddressResolver = SystemResolver(),
    stores: StoreOpener = .standard
) async -> Int32 {
    let directory = options.currentDirectory ?? FileManager.default.currentDirectoryPath
    var retention = Invocation.defaultRetention
    if let text = options.retention {
        guard let parsed = DurationText.parse(text), parsed > .zero else {
            terminal.err.write(
                "error: --retention \"\(text)\" is not a duration; write \(DurationText.acceptedForms)\n")
            return TestExit.usage
        }
        retention = parsed
    }
    guard let allowList = options.allowTargets.allowList(terminal: terminal) else { return TestExit.usage }
    guard let trust = TrustOption.roots(caFile: options.caFile, terminal: terminal, directory: directory) else {
        return TestExit.usage
    }
    let prepared: DeliveryRequest
    do throws(TestFailure) {
        prepared = try TestPreparation.request(options, allowList: allowList, terminal: terminal, directory: directory)
    } catch {
        terminal.err.write("error: \(error.description)\n")
        return TestExit.failure
    }
    let transport = PooledHTTPTransport(trust: trust)
    let sender = Sender(addressGuard: AddressGuard(resolver: resolver, allowList: allowList), transport: transport)
    let invocation = await sender.send(prepared)
    await transport.shutdown()
    terminal.out.write(HistoryDetailPrinter.text(invocation))
    if let store = StoreAccess.open(
        flag: options.store, terminal: terminal, currentDirectory: directory, stores: stores, quietWhenMissing: true)?
        .store
    {
        do {
            try await store.record(invocation, retention: retention, now: Date())
            terminal.err.write("Recorded as \(invocation.id) (hookctl history show \(invocation.id)).\n")
        } catch {
            terminal.err.write("warning: the attempt was not recorded: \(error)\n")
        }
    }
    return invocation.status == .success ? TestExit.success : TestExit.failure
}

/// Why `hookctl test` could not build the request, phrased for the user.
struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
