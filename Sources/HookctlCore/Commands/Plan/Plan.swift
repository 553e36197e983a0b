import Foundation
import Reconciler
public import StoreSelection
import WebhookModel

/// `hookctl plan`: declarations × live state → a plan, printed and optionally saved. Returns the exit code.
///
/// Exit codes: 0 success (with `--detailed-exitcode`: no changes), 1 error, 2 changes (only with
/// `--detailed-exitcode`).
public func plan(_ options: PlanOptions, terminal: Terminal, stores: StoreOpener = .standard) async -> Int32 {
    let directory = options.currentDirectory ?? FileManager.default.currentDirectoryPath
    guard let terminal = terminal.addingEnvironmentFiles(options.environmentFiles, currentDirectory: directory) else {
        return PlanExit.error
    }
    let prepared: PlanPreparation
    switch await PlanPreparation.run(
        paths: options.paths, currentDirectory: options.currentDirectory, storeFlag: options.store,
        setName: options.setName, allowMassDelete: options.allowMassDelete, terminal: terminal, stores: stores,
        allowTargets: options.allowTargets)
    {
    case .success(let value): prepared = value
    case .failure: return PlanExit.error
    }
    let plan = prepared.plan
    if let out = options.out {
        let path = AbsolutePath.resolve(
            out, against: options.currentDirectory ?? FileManager.default.currentDirectoryPath)
        guard PlanFile(plan: plan, key: prepared.key).write(to: path) else {
            terminal.err.write("error: cannot write the plan file \(out)\n")
            return PlanExit.error
        }
    }
    switch options.format {
    case .text:
        terminal.out.write(PlanTextPrinter.render(plan))
        if let out = options.out, plan.hasChanges {
            terminal.out.write(
                "\nSaved the plan to \(out). To apply exactly this plan, run:\n    hookctl apply \(out)\n")
        }
    case .json: terminal.out.write(PlanJSONPrinter.render(plan))
    case .markdown: terminal.out.write(PlanMarkdownPrinter.render(plan))
    }
    return options.detailedExitCode && plan.hasChanges ? PlanExit.changes : PlanExit.success
}
