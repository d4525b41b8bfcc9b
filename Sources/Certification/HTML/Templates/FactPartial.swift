/// One `KeyValueRow` as a term and its description in a `<dl class="facts">`.
enum FactPartial {
    static let name = "fact"
    static let text = """
    <dt>{{label}}</dt><dd>{{#code}}<code>{{value}}</code>{{/code}}{{^code}}{{value}}{{/code}}{{#note}}<span class="note">{{.}}</span>{{/note}}</dd>
    """
}
