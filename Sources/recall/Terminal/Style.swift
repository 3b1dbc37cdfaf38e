/// Terminal text: colour when allowed, and deck text made safe to print.
struct Style {
    let color: Bool

    static var current: Style { Style(color: Terminal.usesColor) }

    func green(_ text: String) -> String { paint(text, "32") }
    func red(_ text: String) -> String { paint(text, "31") }
    func yellow(_ text: String) -> String { paint(text, "33") }
    func blue(_ text: String) -> String { paint(text, "34") }
    func dim(_ text: String) -> String { paint(text, "2") }
    func bold(_ text: String) -> String { paint(text, "1") }

    private func paint(_ text: String, _ code: String) -> String {
        color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    /// The one neutraliser of user-controlled text (decks, imported files, progress files, file
    /// names, what a learner typed) on its way to the terminal.
    ///
    /// Drops C0 and C1 control characters (no escape sequence reaches the terminal from a file)
    /// and format characters that can fake output: the bidirectional controls U+202A–U+202E,
    /// U+2066–U+2069, the marks U+200E, U+200F and U+061C, invisible operators and the like
    /// (the joiners U+200C and U+200D, which words and emoji need, and emoji tag characters
    /// stay). Tabs and newlines are kept, line and paragraph separators become newlines; with
    /// `oneLine`, every line break becomes a space so the text cannot start a line of its own.
    static func safe(_ text: String) -> String { safe(text, oneLine: false) }

    /// See `safe(_:)`.
    static func safe(_ text: String, oneLine: Bool) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A, 0x0D, 0x0B, 0x0C, 0x85, 0x2028, 0x2029:
                if oneLine {
                    scalars.append(" ")
                } else if scalar.value != 0x0D {
                    scalars.append("\n")
                }
            case 0x09:
                scalars.append(scalar)
            case 0x200C, 0x200D, 0xE0020...0xE007F:
                scalars.append(scalar)
            default:
                switch scalar.properties.generalCategory {
                case .control, .format, .surrogate: continue
                default: scalars.append(scalar)
                }
            }
        }
        return String(scalars)
    }
}
