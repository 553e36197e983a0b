import Testing

@Suite("The render proof renders every variant of every subscribed trigger")
struct RenderProofTests {
    /// `{{json this}}` for the justification key only: with the key absent nothing is printed, with it null `null`.
    static let pickJustification =
        #"{"why": {{#each data}}{{#if (eq @key "justification")}}{{json this}}{{/if}}{{/each}} }"#

    @Test func aBodyThatBreaksOnlyWithOptionalFieldsAbsentIsCaughtAndNamed() throws {
        // Blamed on the #each that wrote nothing where the value belonged.
        let marked = Self.pickJustification.replacingOccurrences(of: "{{#each data}}", with: "1️⃣{{#each data}}")
        let result = try lintBody(marked, triggers: "[Created, Granted]")
        expectFindings(["render.invalid-json"], in: result)
        let finding = try #require(result.report.diagnostics.first)
        #expect(finding.message.contains("for Created, Granted with optional fields absent"), "\(finding.message)")
        #expect(
            !finding.notes.contains { $0.hasPrefix("also fails with") }, "only that variant fails: \(finding.notes)")
        #expect(finding.notes.contains { $0.contains("--event FILE (the sample with optional fields absent)") })
        #expect(finding.notes.contains { $0.hasPrefix("output: ") && $0.contains("⟦") })
    }

    @Test func everyVariantOfEveryTriggerIsRendered() throws {
        let result = try lintBody(#"{"id": "{{data.id}}"}"#, triggers: "[Created, Approved, Failed]")
        expectFindings([], in: result)
        #expect(result.report.templatesChecked == 1)
        #expect(result.report.payloadsRendered == 3 * 9)
    }

    @Test func otherFailingVariantsAreListed() throws {
        // Unquoted in html mode: every variant fails; the sample is named first, the others in a note.
        let result = try lintBody(#"{"id": 1️⃣{{data.friendly_id}} }"#, escape: "html")
        expectFindings(["render.invalid-json"], in: result)
        let finding = try #require(result.report.diagnostics.first)
        #expect(finding.message.contains("with the sample"))
        #expect(finding.notes.contains { $0.hasPrefix("also fails with: ") && $0.contains("hostile strings") })
    }

    @Test func staticErrorsTakePrecedenceOverTheRenderProof() throws {
        // The typo also makes the output invalid JSON; the unknown field explains it better.
        expectFindings(
            ["template.unknown-field"], in: try lintBody(#"{"id": {{#if 1️⃣data.idd}}1{{/if}} }"#))
    }

    @Test func helperErrorsAreRenderFailuresAtTheHelper() throws {
        expectFindings(["render.failed"], in: try lintBody(#"{"n": {{1️⃣len event_time}} }"#))
    }
}
