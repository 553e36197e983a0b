import Foundation
import Reconciler
import Store
public import StoreSelection
import WebhookModel

/// `hookctl apply [PLANFILE]`: applies a saved plan exactly, or plans, shows and asks first. Returns the exit code
/// (`ApplyExit`).
public func apply(_ options: ApplyOptions, terminal: Terminal, stores: StoreOpener = .standard) async -> Int32 {
    let directory = options.currentDirectory ?? FileManager.default.currentDirectoryPath
    guard let terminal = terminal.addingEnvironmentFiles(options.environmentFiles, currentDirectory: directory) else {
        return ApplyExit.error
    }
    let plan: Plan
    let digest: String
    let store: any ReconcilerStore
    if let planFile = options.planFile {
        let file: PlanFile
        switch PlanFile.read(AbsolutePath.resolve(planFile, against: directory)) {
        case .success(let value): file = value
        case .failure(let error):
            terminal.err.write("error: \(error.message)\n")
            return ApplyExit.error
        }
        guard
            let opened = StoreAccess.open(
                flag: options.store, terminal: terminal, currentDirectory: directory, stores: stores)
        else { return ApplyExit.error }
        guard file.isAuthentic(under: opened.key) else {
            terminal.err.write(
                "error: \(planFile) is not a plan hookctl plan wrote for this store: it was changed after it was saved, "
                    + "or made with another store key; nothing was applied. Run hookctl plan --out again\n")
            return ApplyExit.error
        }
        store = opened.store
        plan = file.plan
        digest = file.digest
        terminal.out.write(PlanTextPrinter.render(plan))
    } else {
        switch await PlanPreparation.run(
            paths: options.paths, currentDirectory: directory, storeFlag: options.store, setName: options.setName,
            allowMassDelete: options.allowMassDelete, terminal: terminal, stores: stores,
            allowTargets: options.allowTargets)
        {
        case .success(let prepared):
            plan = prepared.plan
            store = prepared.store
            digest = PlanFile(plan: plan).digest
        case .failure:
            return ApplyExit.error
        }
        terminal.out.write(PlanTextPrinter.render(plan))
    }
    guard plan.hasChanges else { return ApplyExit.nothingToDo }
    if options.planFile == nil, !options.autoApprove {
        guard terminal.isInteractive else {
            terminal.err.write(
                "error: no terminal to confirm on; review the plan and pass --auto-approve, or apply a saved plan file\n"
            )
            return ApplyExit.error
        }
        terminal.out.write("\nApply these changes? Only 'yes' will be accepted.\n  Enter a value: ")
        guard options.readAnswer()?.trimmingCharacters(in: .whitespaces) == "yes" else {
            terminal.out.write("\nApply cancelled; nothing was changed.\n")
            return ApplyExit.declined
        }
    }
    let applier = Applier(store: store, owner: ApplyIdentity.lockOwner(environment: terminal.environment))
    do {
        let result = try await applier.apply(
            plan, planDigest: digest, actor: ApplyIdentity.name(environment: terminal.environment))
        terminal.out.write(
            "\nApply complete! \(result.added) added, \(result.changed) changed, \(result.deleted) deleted (serial \(result.serial)).\n"
        )
        return ApplyExit.applied
    } catch {
        terminal.err.write("error: \(error)\n")
        if error.staleChanges != nil { return ApplyExit.stalePlan }
        if error.heldLock != nil { return ApplyExit.lockHeld }
        return ApplyExit.error
    }
}
