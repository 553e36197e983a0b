import Handlebars
import Testing

/// Every case renders byte for byte as handlebars.js 4.7.7 does, or fails when it throws.
@Suite struct ConformanceTests {
    @Test func fixtureHasEnoughCases() {
        #expect(ConformanceCase.all.count >= 300)
    }

    @Test(arguments: ConformanceCase.all)
    func matchesHandlebarsJS(_ testCase: ConformanceCase) {
        let result: Result<[UInt8], TemplateError> = Result { () throws(TemplateError) in
            let template = try Template(testCase.template, escape: testCase.mode)
            return try template.render(testCase.context)
        }
        switch (testCase.expected, result) {
        case (let expected?, .success(let bytes)):
            if let divergence = testCase.divergence {
                Issue.record(
                    "expected the documented divergence (\(divergence)), got \(String(decoding: bytes, as: UTF8.self))")
            } else {
                #expect(bytes == Array(expected.utf8), "\(testCase.name)")
                if bytes != Array(expected.utf8) {
                    print(
                        "MISMATCH \(testCase.name)\n--- expected\n\(expected)\n--- got\n\(String(decoding: bytes, as: UTF8.self))"
                    )
                }
            }
        case (let expected?, .failure(let error)):
            if testCase.divergence == nil {
                Issue.record("handlebars.js renders \(String(reflecting: expected)); we threw \(error)")
            }
        case (nil, .success(let bytes)):
            Issue.record(
                "handlebars.js throws; we rendered \(String(reflecting: String(decoding: bytes, as: UTF8.self)))")
        case (nil, .failure(let error)):
            #expect(error.line >= 1 && error.column >= 1)
        }
    }
}
