/// Renders a counterexample as a changelog-style race diagram: one column per actor, one row
/// per step, the spec action at the right, broken rules marked where they break, the harm
/// underneath.
public enum RaceDiagram {
  /// The diagram as text. Columns are as wide as the longest step (within `maxWidth`); longer
  /// steps wrap at spaces inside their column, continuation lines indented. A word (a kernel
  /// name, an operand list without spaces) is never broken: a word longer than a continuation
  /// line widens every column instead.
  public static func render(_ ce: Counterexample, maxWidth: Int = 44) -> String {
    let actors = ce.actors.filter { name in ce.rows.contains { $0.actor == name } }
    let col = Dictionary(uniqueKeysWithValues: actors.enumerated().map { ($1, $0) })
    let longest = ce.rows.map(\.step.count).max() ?? 0
    let longestWord =
      ce.rows.flatMap { $0.step.split(separator: " ") }.map(\.count).max() ?? 0
    let width = max(
      min(max(longest, actors.map(\.count).max() ?? 0, 20) + 2, maxWidth), longestWord + 4)
    let blank = String(repeating: " ", count: width)
    func pad(_ s: String) -> String { s + String(repeating: " ", count: max(width - s.count, 0)) }

    var lines: [String] = []
    lines.append((actors.map(pad).joined() + "spec").trimmingTrailing())
    let rule = String(repeating: "-", count: width - 2) + "  "
    lines.append((actors.map { _ in rule }.joined() + "----").trimmingTrailing())
    for (i, row) in ce.rows.enumerated() {
      let c = col[row.actor] ?? 0
      let chunks = wrap(row.step, first: width - 2, rest: width - 4)
      for (k, chunk) in chunks.enumerated() {
        var cells = [String](repeating: blank, count: actors.count)
        cells[c] = pad(chunk)
        let spec = k == 0 ? (row.abstract.map { "[\($0)]" } ?? "") : ""
        lines.append((cells.joined() + spec).trimmingTrailing())
      }
      for r in row.rules {
        lines.append(String(repeating: " ", count: c * width) + "! rule: " + r)
      }
      if i == ce.violation.step {
        lines.append("")
        lines.append("=> \(ce.violation.kind.rawValue) at step \(i + 1): \(ce.violation.message)")
      }
    }
    lines.append("")
    lines.append("replay: thpcheck replay \(ce.token)")
    return lines.joined(separator: "\n")
  }
}

extension RaceDiagram {
  /// `text` in lines of at most `first` characters, then `rest` characters after a two-space
  /// indent, broken at spaces only. A word longer than its line stands alone on it, unbroken.
  static func wrap(_ text: String, first: Int, rest: Int) -> [String] {
    var lines: [String] = []
    var line = ""
    for word in text.split(separator: " ") {
      let room = lines.isEmpty ? first : rest
      if line.isEmpty {
        line = String(word)
      } else if line.count + 1 + word.count <= room {
        line += " " + word
      } else {
        lines.append(line)
        line = String(word)
      }
    }
    lines.append(line)
    return lines.enumerated().map { $0.offset == 0 ? $0.element : "  " + $0.element }
  }
}

extension String {
  func trimmingTrailing() -> String {
    var s = self
    while s.last == " " { s.removeLast() }
    return s
  }
}
