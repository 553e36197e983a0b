public import Reconciler

/// Renders a plan for a terminal, in Terraform's vocabulary.
public enum PlanTextPrinter {
    public static func render(_ plan: Plan) -> String {
        var out = ""
        for section in PlanLines.sections(plan) {
            out += section.title + "\n\n"
            out += section.lines.map { $0.terminalText + "\n" }.joined()
            out += "\n"
        }
        return out + plan.summary + "\n"
    }
}
