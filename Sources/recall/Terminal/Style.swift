/// Terminal text: colour when allowed, and deck text made safe to print.
struct Style {
    let color: Bool

    static var current: Style { Style(color: Terminal.usesColor) }

    func green(_ text: String) -> String { paint(text, "32") }
    func red(_ text: String) -> String { paint(text, "31") }
    func yellow(_ text: String) -> String { paint(text, "33") }
    func dim(_ text: String) -> String { paint(text, "2") }
    func bold(_ text: String) -> String { paint(text, "1") }

    private func paint(_ text: String, _ code: String) -> String {
        color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    /// Text from a deck or a learner without control characters (no escape sequences reach the
    /// terminal from a file), tabs and newlines kept.
    static func safe(_ text: String) -> String {
        String(
            String.UnicodeScalarView(
                text.unicodeScalars.filter { scalar in
                    scalar == "\n" || scalar == "\t" || !(scalar.properties.generalCategory == .control)
                }))
    }
}
