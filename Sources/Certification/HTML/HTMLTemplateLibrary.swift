import Mustache

/// The report's Mustache templates (the page and its partials), parsed once.
enum HTMLTemplateLibrary {
    /// Every template by name; partials are referenced by these names.
    static let sources: [(name: String, text: String)] = [
        (PageTemplate.name, PageTemplate.text),
        (FactPartial.name, FactPartial.text),
        (ENTTemplate.name, ENTTemplate.text),
        (SP80022Template.name, SP80022Template.text),
        (SP80090BTemplate.name, SP80090BTemplate.text),
        (VerificationTemplate.name, VerificationTemplate.text),
    ]

    /// Throws the parser's error when `text` is not a valid template.
    static func validate(_ text: String) throws {
        _ = try MustacheTemplate(string: text)
    }

    /// The parsed library. The templates are constants of this module and parse (a unit test
    /// checks it), so a failure here is a programming error.
    static let library: MustacheLibrary = {
        var library = MustacheLibrary()
        for (name, text) in sources {
            do {
                try library.register(text, named: name)
            } catch {
                preconditionFailure("built-in template '\(name)' does not parse: \(error)")
            }
        }
        return library
    }()
}
