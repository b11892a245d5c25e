/// Renders a counterexample as a changelog-style race diagram: one column per actor, one row
/// per step, the spec action at the right, broken rules marked where they break, the harm
/// underneath.
public enum RaceDiagram {
  /// The diagram as text. Columns are as wide as the longest step (within `maxWidth`); longer
  /// steps wrap inside their column.
  public static func render(_ ce: Counterexample, maxWidth: Int = 44) -> String {
    let actors = ce.actors.filter { name in ce.rows.contains { $0.actor == name } }
    let col = Dictionary(uniqueKeysWithValues: actors.enumerated().map { ($1, $0) })
    let longest = ce.rows.map(\.step.count).max() ?? 0
    let width = min(max(longest, actors.map(\.count).max() ?? 0, 20) + 2, maxWidth)
    let blank = String(repeating: " ", count: width)
    func pad(_ s: String) -> String { s + String(repeating: " ", count: max(width - s.count, 0)) }

    var lines: [String] = []
    lines.append((actors.map(pad).joined() + "spec").trimmingTrailing())
    let rule = String(repeating: "-", count: width - 2) + "  "
    lines.append((actors.map { _ in rule }.joined() + "----").trimmingTrailing())
    for (i, row) in ce.rows.enumerated() {
      let c = col[row.actor] ?? 0
      var chunks: [String] = []
      var rest = Substring(row.step)
      while !rest.isEmpty {
        let take = chunks.isEmpty ? width - 2 : width - 4
        chunks.append((chunks.isEmpty ? "" : "  ") + rest.prefix(take))
        rest = rest.dropFirst(take)
      }
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

extension String {
  func trimmingTrailing() -> String {
    var s = self
    while s.last == " " { s.removeLast() }
    return s
  }
}
