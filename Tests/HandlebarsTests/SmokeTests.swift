import Testing
@testable import Handlebars

@Test func smoke() throws {
    let template = try Template("Hello {{name}}", escape: .html)
    #expect(try template.renderString(["name": "World"]) == "Hello World")
}
