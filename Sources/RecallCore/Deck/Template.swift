/// Fills `{name}` placeholders in a deck's sentence templates.
enum Template {
    /// The names of the placeholders a template uses, in order.
    static func placeholders(in template: String) -> [String] {
        var names: [String] = []
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: "}") else { break }
            let name = after[..<close]
            if !name.isEmpty, name.allSatisfy({ $0.isLetter }) { names.append(String(name)) }
            rest = after[after.index(after: close)...]
        }
        return names
    }

    /// The template with each `{name}` replaced; `{Name}` gives the value with a capital first letter.
    static func render(_ template: String, _ values: [String: String]) -> String {
        var result = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: "}") else {
                result += rest[open...]
                return result
            }
            let name = String(after[..<close])
            if let value = values[name] {
                result += value
            } else if let first = name.first, first.isUppercase,
                let value = values[first.lowercased() + name.dropFirst()]
            {
                result += capitalized(value)
            } else {
                result += "{\(name)}"
            }
            rest = after[after.index(after: close)...]
        }
        return result + rest
    }

    static func capitalized(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }
}
