import AccessEvents
import Declarations
import Foundation
import Handlebars
import Reconciler
import Store
import StoreSelection
import TemplateLint
import WebhookModel

/// The planning pipeline shared by `plan` and `apply`: declarations → resolved, sealed secrets → plan.
struct PlanPreparation {
    var plan: Plan
    var store: any ReconcilerStore
    var key: StoreKey

    /// Why planning stopped; its findings are already printed.
    struct Failure: Error {}

    /// Loads, resolves and plans, printing every finding to standard error.
    static func run(
        paths: [String], currentDirectory: String?, storeFlag: String?, setName: String?, allowMassDelete: Bool,
        terminal: Terminal, stores: StoreOpener, allowTargets: AllowTargets = AllowTargets()
    ) async -> Result<PlanPreparation, Failure> {
        let directory = currentDirectory ?? FileManager.default.currentDirectoryPath
        guard let allowList = allowTargets.allowList(terminal: terminal) else { return .failure(Failure()) }
        guard
            let opened = StoreAccess.open(
                flag: storeFlag, terminal: terminal, currentDirectory: directory, stores: stores)
        else { return .failure(Failure()) }
        // Read the live state on another thread while this one parses the declarations.
        async let snapshot = Self.snapshot(of: opened.store)
        let set = DeclarationLoader.load(paths: paths, currentDirectory: directory, allowTargets: allowList.entries)
        if set.hasErrors || set.isFatal {
            printDiagnostics(set.diagnostics, terminal: terminal, base: directory, hiding: set.sensitiveSpans)
            terminal.err.write("error: the declarations have errors; no plan was made\n")
            return .failure(Failure())
        }
        let resolver = SecretResolver(environment: terminal.environment)
        var desired: [DesiredWebhook] = []
        desired.reserveCapacity(set.declarations.count)
        var missing: [Diagnostic] = []
        for declaration in set.declarations {
            let (values, diagnostics) = resolver.resolve(declaration)
            missing += diagnostics
            let state = StoredWebhook(sealing: declaration.webhook, resolved: values, key: opened.key)
            desired.append(DesiredWebhook(state: state, location: declaration.location))
        }
        guard missing.isEmpty else {
            printDiagnostics(missing.sorted(), terminal: terminal, base: directory)
            terminal.err.write("error: secret references could not be resolved; no plan was made\n")
            return .failure(Failure())
        }
        let live: LiveSnapshot
        switch await snapshot {
        case .success(let value): live = value
        case .failure(let error):
            terminal.err.write("error: \(error)\n")
            return .failure(Failure())
        }
        let setID = SetIdentity.resolve(flag: setName, currentDirectory: directory)
        let key = opened.key
        let outcome = Planner.plan(
            desired: desired, live: live, setID: setID, allowMassDelete: allowMassDelete, renderBody: renderSample,
            fingerprint: { key.fingerprint($0) })
        if outcome.hasErrors {
            printDiagnostics(outcome.diagnostics, terminal: terminal, base: directory)
            terminal.err.write("error: the plan cannot be applied as it stands; nothing was saved\n")
            return .failure(Failure())
        }
        return .success(PlanPreparation(plan: outcome.plan, store: opened.store, key: opened.key))
    }

    /// Renders a body over the Created sample event, for the plan's semantic diff of a changed body.
    static let renderSample: Planner.BodyRenderer = { template, escape in
        try? Template(template, escape: EscapeMode(escape)).renderString(EventSamples.sample(for: .created))
    }

    private static func snapshot(of store: any ReconcilerStore) async -> Result<LiveSnapshot, StoreError> {
        do { return .success(try await store.snapshot()) } catch { return .failure(error) }
    }

    static func printDiagnostics(
        _ diagnostics: [Diagnostic], terminal: Terminal, base: String, hiding sensitiveSpans: Set<SourceLocation> = []
    ) {
        var printer = DiagnosticPrinter(
            lines: { file in DiagnosticPrinter.readLines(AbsolutePath.resolve(file, against: base)) },
            hiding: sensitiveSpans)
        terminal.err.write(printer.text(diagnostics))
    }
}
