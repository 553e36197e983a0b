import AccessEvents
import Foundation
import HookctlCore
import TestSupport
import Testing
import WebhookModel

@Suite("hookctl render, schema and sample")
struct RenderCommandTests {
    private func renderFiles(
        _ template: String, _ context: String, escape: Webhook.Escape? = nil
    )
        throws -> (code: Int32, out: String, err: String)
    {
        let scratch = try Workspace(webhooksDirectory: false)
        try scratch.write("t.hbs", template)
        try scratch.write("c.json", context)
        let (terminal, out, err) = Terminal.capturing()
        let code = render(
            RenderOptions(
                source: .files(template: "t.hbs", context: "c.json"), escape: escape,
                currentDirectory: scratch.path), terminal: terminal)
        return (code, out.text, err.text)
    }

    @Test func writesExactlyTheRenderedBytes() throws {
        let result = try renderFiles("{\"a\": \"{{x}}\"}", "{\"x\": \"1\"}")
        #expect(result.code == RenderExit.rendered)
        #expect(result.out == "{\"a\": \"1\"}")
        #expect(result.err.isEmpty)
    }

    @Test func escapeModesOnAHostileValue() throws {
        let template = "{\"j\": \"{{v}}\", \"raw\": {{v}} }"
        let context = #"{"v": "say \"hi\" <b>&</b>\n"}"#
        #expect(
            try renderFiles(template, context).out
                == #"{"j": "say \"hi\" <b>&</b>\n", "raw": "say \"hi\" <b>&</b>\n" }"#)
        #expect(
            try renderFiles(template, context, escape: .html).out
                == "{\"j\": \"say &quot;hi&quot; &lt;b&gt;&amp;&lt;/b&gt;\n\", \"raw\": say &quot;hi&quot; &lt;b&gt;&amp;&lt;/b&gt;\n }"
        )
        #expect(
            try renderFiles(template, context, escape: Webhook.Escape.none).out
                == "{\"j\": \"say \"hi\" <b>&</b>\n\", \"raw\": say \"hi\" <b>&</b>\n }")
    }

    @Test func errorsNameTheirPosition() throws {
        let badContext = try renderFiles("{{x}}", "{\"x\": }")
        #expect(badContext.code == RenderExit.failed)
        #expect(badContext.err.hasPrefix("error: c.json:1:7: invalid JSON"), "\(badContext.err)")
        let badTemplate = try renderFiles("{\n  {{#each items}}\n", "{}")
        #expect(badTemplate.code == RenderExit.failed)
        #expect(badTemplate.err.contains("t.hbs: template"), "\(badTemplate.err)")
        #expect(badTemplate.out.isEmpty)
        let trap = try renderFiles("{\"n\": {{n}}}", "{\"n\": 1}")
        #expect(trap.err == "error: t.hbs: template 1:10: '}}}' here closes a triple-stash; write '{{n}} }'\n")
    }

    /// Every example webhook renders to valid JSON for every trigger it subscribes to.
    @Test func everyExampleRendersValidJSONForEachTrigger() throws {
        let examples = repositoryRoot.appendingPathComponent("webhooks.d").path
        let names = [
            "jira-access-requests", "servicenow-incidents", "datadog-events", "slack-access-channel",
            "splunk-hec", "siem-signed",
        ]
        for name in names {
            for trigger in Trigger.allCases {
                let (terminal, out, err) = Terminal.capturing()
                let code = render(
                    RenderOptions(source: .webhook(name: name, trigger: trigger, event: nil, paths: [examples])),
                    terminal: terminal)
                #expect(code == RenderExit.rendered, "\(name) \(trigger): \(err.text)")
                let parsed = try? JSONSerialization.jsonObject(with: Data(out.text.utf8))
                #expect(parsed != nil, "\(name) \(trigger) is not JSON:\n\(out.text)")
            }
        }
    }

    @Test func webhookOverAnEventFileIsValidatedFirst() throws {
        let scratch = try Workspace(webhooksDirectory: false)
        try scratch.write("event.json", #"{"event_type": "AccessRequestCreated", "event_time": "now", "data": {}}"#)
        let examples = repositoryRoot.appendingPathComponent("webhooks.d").path
        let (terminal, out, err) = Terminal.capturing()
        let code = render(
            RenderOptions(
                source: .webhook(name: "jira-access-requests", trigger: nil, event: "event.json", paths: [examples]),
                currentDirectory: scratch.path), terminal: terminal)
        #expect(code == RenderExit.failed)
        #expect(out.text.isEmpty)
        #expect(err.text.contains("event.json is not an access-request event"))
        #expect(err.text.contains("event_time: must be number; got string"))
    }

    /// `-` is standard input, for the context or for the event a webhook renders over (not for both a template and
    /// its context).
    @Test func standardInputIsReadForADash() throws {
        let scratch = try Workspace(webhooksDirectory: false)
        try scratch.write("t.hbs", "{\"a\": \"{{x}}\"}")
        func rendering(_ source: RenderOptions.Source, input: String) throws -> (code: Int32, out: String, err: String)
        {
            let pipe = Pipe()
            pipe.fileHandleForWriting.write(Data(input.utf8))
            try pipe.fileHandleForWriting.close()
            var (terminal, out, err) = Terminal.capturing()
            terminal.input = pipe.fileHandleForReading.fileDescriptor
            let code = render(RenderOptions(source: source, currentDirectory: scratch.path), terminal: terminal)
            return (code, out.text, err.text)
        }
        #expect(
            try rendering(.files(template: "t.hbs", context: "-"), input: "{\"x\": \"piped\"}").out
                == "{\"a\": \"piped\"}")
        let bad = try rendering(.files(template: "t.hbs", context: "-"), input: "{\n  \"x\": }")
        #expect(bad.err == "error: standard input:2:8: invalid JSON: unexpected '}'; expected a value\n")
        let both = try rendering(.files(template: "-", context: "-"), input: "{}")
        #expect(both.err == "error: the template and the context cannot both be standard input (-)\n")

        let examples = repositoryRoot.appendingPathComponent("webhooks.d").path
        let event = EventSamples.sample(for: .created).jsonText
        let webhook = try rendering(
            .webhook(name: "jira-access-requests", trigger: nil, event: "-", paths: [examples]), input: event)
        #expect(webhook.code == RenderExit.rendered, "\(webhook.err)")
        #expect(webhook.out.contains("AR-123"), "\(webhook.out)")
    }

    @Test func unknownWebhookSuggestsAName() {
        let examples = repositoryRoot.appendingPathComponent("webhooks.d").path
        let (terminal, _, err) = Terminal.capturing()
        let code = render(
            RenderOptions(source: .webhook(name: "jira", trigger: nil, event: nil, paths: [examples])),
            terminal: terminal)
        #expect(code == RenderExit.failed)
        #expect(err.text.contains("no webhook named \"jira\"; did you mean \"jira-access-requests\"?"))
    }

    @Test func schemaAndSampleCommands() throws {
        let (terminal, out, _) = Terminal.capturing()
        #expect(printSchema(terminal: terminal) == 0)
        #expect(out.text == EventSchema.document + "\n")
        let (sampleTerminal, sample, _) = Terminal.capturing()
        #expect(printSample(trigger: .granted, terminal: sampleTerminal) == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(sample.text.utf8)) as? [String: Any])
        #expect(object["event_type"] as? String == "AccessRequestGranted")
    }

    @Test func badUsageExitsTwo() async throws {
        let binary = try #require(
            ApplyKilledProcessTests.builtExecutable("hookctl"), "build hookctl first (swift build)")
        for arguments in [
            ["render"], ["render", "x", "--template", "t"], ["validate", "--format", "xml"],
            ["sample", "--trigger", "Deleted"], ["no-such-command"],
        ] {
            let (status, message) = try await GitHubActionTests.run(binary, arguments)
            #expect(status == 2, "\(arguments): \(message)")
            #expect(message.contains("Usage: hookctl") || message.contains("error:"), "\(arguments): \(message)")
        }
    }
}
