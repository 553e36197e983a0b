import Foundation
import TemplateLint
import Testing
import WebhookModel

@Suite("The lint corpus: realistic good bodies lint clean, broken ones at the marked position")
struct LintCorpusTests {
    @Test("good", arguments: LintCorpus.cases("good"))
    func goodCaseLintsClean(file: String) throws {
        let linted = try LintCorpus.lint("good", file)
        #expect(linted.set.declarations.count == 1, "one declaration per file:\n\(linted.findings)")
        #expect(linted.report.diagnostics.isEmpty, "\(file) should lint clean, but:\n\(linted.findings)")
        #expect(linted.report.templatesChecked == 1)
        #expect(linted.report.payloadsRendered > 0)
    }

    @Test func goodCasesLintCleanTogether() throws {
        let linted = try LintCorpus.lint("good", LintCorpus.cases("good"))
        #expect(linted.set.declarations.count == LintCorpus.cases("good").count)
        #expect(linted.report.diagnostics.isEmpty, "the good corpus as one webhooks.d:\n\(linted.findings)")
    }

    @Test("bad", arguments: LintCorpus.cases("bad"))
    func badCaseFindsExactlyWhatItExpects(file: String) throws {
        let linted = try LintCorpus.lint("bad", file)
        let expected = linted.expectations
        try #require(!expected.isEmpty, "\(file) has no '# expect: RULE' line")
        for expectation in expected {
            #expect(expectation.location != nil, "\(file): no marker for the finding \(expectation.rule)")
        }
        let want = expected.map { "\($0.location.map { "\($0)" } ?? "?") [\($0.rule)]" }.sorted()
        let got = linted.report.diagnostics.map { "\($0.location.map { "\($0)" } ?? "?") [\($0.code)]" }.sorted()
        #expect(
            got == want,
            "\(file):\n expected:\n  \(want.joined(separator: "\n  "))\n actual findings:\n\(linted.findings)")
        for expectation in expected {
            guard let part = expectation.messagePart else { continue }
            let matching = linted.report.diagnostics.filter { $0.code == expectation.rule }
            #expect(
                matching.contains { ([$0.message] + $0.notes).joined(separator: "\n").contains(part) },
                "\(file): no \(expectation.rule) finding mentions \"\(part)\":\n\(linted.findings)")
        }
    }

    @Test func badCorpusCoversEveryLintRule() throws {
        var covered: Set<String> = []
        for file in LintCorpus.cases("bad") {
            let source = try String(
                contentsOf: LintCorpus.fixtures.appendingPathComponent("bad/\(file)"), encoding: .utf8)
            for line in source.split(separator: "\n") where line.hasPrefix("# expect: ") {
                covered.insert(String(line.dropFirst("# expect: ".count).split(separator: " ")[0]))
            }
        }
        let missing = LintRule.all.map(\.id).filter { !covered.contains($0) }
        #expect(missing.isEmpty, "rules without a bad case: \(missing)")
        #expect(covered.subtracting(LintRule.all.map(\.id)).isEmpty, "unknown rules expected")
    }

    @Test func corpusIsLargeEnough() {
        #expect(LintCorpus.cases("good").count >= 40)
        #expect(LintCorpus.cases("bad").count >= 40)
    }
}
