import Testing
@testable import Handlebars
