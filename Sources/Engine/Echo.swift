/// User input quoted inside a one-line message: cut to a short prefix, control characters
/// escaped, so that an error about a 100,000-character argument stays one short line.
public enum Echo {
  /// The most characters of the input a message repeats.
  public static let limit = 40

  /// `text` in single quotes: its first ``limit`` characters, then `…` and the full length when
  /// it was longer; newlines, tabs and other control characters written as escapes (`\n`).
  public static func quote(_ text: some StringProtocol, limit: Int = Echo.limit) -> String {
    var out = ""
    var shown = 0
    for ch in text {
      if shown == limit {
        return "'" + out + "…' (\(text.count) characters)"
      }
      out += escaped(ch)
      shown += 1
    }
    return "'" + out + "'"
  }

  /// One character as a message may show it: control and line-separator characters escaped.
  public static func escaped(_ ch: Character) -> String {
    let control = ch.unicodeScalars.contains {
      switch $0.properties.generalCategory {
      case .control, .lineSeparator, .paragraphSeparator, .format: true
      default: false
      }
    }
    guard control else { return String(ch) }
    return ch.unicodeScalars.map { $0.escaped(asASCII: true) }.joined()
  }
}
