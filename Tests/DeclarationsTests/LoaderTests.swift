import Declarations
import Foundation
import TestSupport
import Testing
import WebhookModel

@Suite("Discovery and the whole set")
struct LoaderTests {
    @Test func findsYamlAndYmlRecursivelyInOrder() throws {
        let workspace = try Workspace()
        try workspace.write("webhooks.d/b.yml", validDeclaration.replacingOccurrences(of: "jira-", with: "b-"))
        try workspace.write("webhooks.d/team/a.yaml", validDeclaration.replacingOccurrences(of: "jira-", with: "a-"))
        try workspace.write("webhooks.d/notes.txt", "not yaml")
        let set = DeclarationLoader.load(paths: [], currentDirectory: workspace.path)
        #expect(set.files == ["webhooks.d/b.yml", "webhooks.d/team/a.yaml"])
        #expect(set.declarations.map(\.webhook.name) == ["b-access-requests", "a-access-requests"])
        #expect(set.diagnostics.isEmpty)
    }

    @Test func severalDocumentsInOneFile() throws {
        let second = validDeclaration.replacingOccurrences(of: "jira-", with: "second-")
        let set = try load(MarkedText(validDeclaration + "\n---\n" + second))
        #expect(set.declarations.map(\.webhook.name) == ["jira-access-requests", "second-access-requests"])
        #expect(set.declarations[1].location.line == 8)
    }

    @Test func findingsInEveryFileAreCollected() throws {
        let workspace = try Workspace()
        try workspace.write("webhooks.d/a.yaml", validDeclaration + "\nretires: 1")
        try workspace.write(
            "webhooks.d/b.yaml",
            validDeclaration.replacingOccurrences(of: "POST", with: "post")
                .replacingOccurrences(of: "jira-", with: "b-"))
        let set = DeclarationLoader.load(paths: ["webhooks.d"], currentDirectory: workspace.path)
        #expect(set.diagnostics.map(\.code) == ["config.unknown-key", "method.case"])
        #expect(set.diagnostics.map { $0.location?.file } == ["webhooks.d/a.yaml", "webhooks.d/b.yaml"])
    }

    @Test func duplicateNamesAcrossFilesNameBothPlaces() throws {
        let workspace = try Workspace()
        try workspace.write("webhooks.d/a.yaml", validDeclaration)
        try workspace.write("webhooks.d/b.yaml", "# copy\n" + validDeclaration)
        let set = DeclarationLoader.load(paths: ["webhooks.d"], currentDirectory: workspace.path)
        let finding = try #require(set.diagnostics.first)
        #expect(finding.code == "name.duplicate")
        #expect(finding.location == SourceLocation(file: "webhooks.d/b.yaml", line: 2, column: 7))
        #expect(finding.message.contains("already declared at webhooks.d/a.yaml:1:7"))
        #expect(set.declarations.isEmpty, "neither copy of a repeated name loads")
    }

    @Test func emptyDirectoryWarns() throws {
        let workspace = try Workspace()
        let set = DeclarationLoader.load(paths: ["webhooks.d"], currentDirectory: workspace.path)
        #expect(set.diagnostics.map(\.code) == ["set.empty"])
        #expect(set.diagnostics.first?.severity == .warning)
        #expect(!set.isFatal)
    }

    /// A declaration file that is a link to nothing is an error, not a skip: its webhook would be missing from the
    /// set, and a plan would delete it. A link to a file is read like the file.
    @Test func aDanglingSymbolicLinkIsAnError() throws {
        let workspace = try Workspace()
        try workspace.write("elsewhere/kept.yaml", validDeclaration)
        try FileManager.default.createSymbolicLink(
            atPath: workspace.path("webhooks.d/kept.yaml"), withDestinationPath: "../elsewhere/kept.yaml")
        try FileManager.default.createSymbolicLink(
            atPath: workspace.path("webhooks.d/gone.yaml"), withDestinationPath: "../elsewhere/gone.yaml")
        let set = DeclarationLoader.load(paths: ["webhooks.d"], currentDirectory: workspace.path)
        #expect(set.declarations.map(\.webhook.name) == ["jira-access-requests"])
        let finding = try #require(set.diagnostics.first)
        #expect(set.diagnostics.count == 1)
        #expect(finding.code == "input.dangling-link")
        #expect(finding.severity == .error)
        #expect(
            finding.message
                == "webhooks.d/gone.yaml is a symbolic link to ../elsewhere/gone.yaml, which does not exist")
    }

    @Test func missingPathIsFatal() throws {
        let workspace = try Workspace()
        let set = DeclarationLoader.load(paths: ["nowhere"], currentDirectory: workspace.path)
        #expect(set.isFatal)
        #expect(set.diagnostics.first?.message == "nowhere: no such file or directory")
    }

    @Test func unreadableDirectoryIsFatal() throws {
        guard getuid() != 0 else { return }  // root reads everything; the check is meaningful for other users
        let workspace = try Workspace()
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: workspace.path + "/webhooks.d")
        defer {
            try? FileManager.default.setAttributes(
                [.posixPermissions: 0o755], ofItemAtPath: workspace.path + "/webhooks.d")
        }
        let set = DeclarationLoader.load(paths: ["webhooks.d"], currentDirectory: workspace.path)
        #expect(set.isFatal)
    }

    @Test func singleFileArgumentUsesItsWebhooksDAsRoot() throws {
        let workspace = try Workspace()
        try workspace.write("webhooks.d/templates/t.hbs", "{}")
        try workspace.write(
            "webhooks.d/team/a.yaml",
            validDeclaration.replacingOccurrences(
                of: "body: |\n  {\"summary\": \"{{data.requester.name}} requested access\"}",
                with: "body_file: ../templates/t.hbs"))
        let set = DeclarationLoader.load(paths: ["webhooks.d/team/a.yaml"], currentDirectory: workspace.path)
        #expect(set.diagnostics.isEmpty, "\(set.diagnostics)")
    }
}
