/// One request header given as `Name: value` (`--header`, repeatable), e.g. an API key.
public struct HTTPHeader: Sendable, Equatable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    /// Parses `Name: value`; the name must be a non-empty HTTP token.
    public init(parsing text: String) throws(CaptureError) {
        guard let colon = text.firstIndex(of: ":") else {
            throw .invalidParameter(name: "--header", value: Self.masked(text), reason: "expected 'Name: value'")
        }
        let name = String(text[..<colon]).stripping(.spaceOrTab)
        let value = String(text[text.index(after: colon)...]).stripping(.spaceOrTab)
        let tokenCharacters = Set("!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
        guard !name.isEmpty, name.allSatisfy({ tokenCharacters.contains($0) }) else {
            throw .invalidParameter(name: "--header", value: Self.masked(text), reason: "the header name must be a non-empty token")
        }
        self.name = name
        self.value = value
    }

    /// The text with everything after the colon hidden, for error messages (values are secrets).
    static func masked(_ text: String) -> String {
        guard let colon = text.firstIndex(of: ":") else { return text.count > 40 ? String(text.prefix(40)) + "…" : text }
        return String(text[...colon]) + " …"
    }
}

extension String {
    /// The string without leading and trailing characters from `set`.
    func stripping(_ set: Set<Character>) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s.removeFirst() }
        while let l = s.last, set.contains(l) { s.removeLast() }
        return String(s)
    }
}

extension Set<Character> {
    static let spaceOrTab: Set<Character> = [" ", "\t"]
}
