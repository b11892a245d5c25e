/// Renders a counterexample as a changelog-style race diagram: one column per actor, one row
/// per step, broken rules marked where they break, the harm underneath.
public enum RaceDiagram {
  /// The diagram as text.
  public static func render(_ ce: Counterexample, width: Int = 34) -> String {
    let actors = ce.actors.filter { name in ce.rows.contains { $0.actor == name } }
    let col = Dictionary(uniqueKeysWithValues: actors.enumerated().map { ($1, $0) })
    func pad(_ s: String, _ n: Int) -> String {
      s.count >= n ? String(s.prefix(n - 1)) + " " : s + String(repeating: " ", count: n - s.count)
    }
    var lines: [String] = []
    lines.append(actors.map { pad($0, width) }.joined().trimmingTrailing())
    lines.append(actors.map { _ in pad(String(repeating: "-", count: width - 2), width) }.joined().trimmingTrailing())
    for (i, row) in ce.rows.enumerated() {
      let c = col[row.actor] ?? 0
      var cells = [String](repeating: String(repeating: " ", count: width), count: actors.count)
      let text = row.step + (row.abstract.map { "  [\($0)]" } ?? "")
      // Long steps wrap inside their column.
      var chunks: [String] = []
      var rest = Substring(text)
      while !rest.isEmpty {
        chunks.append(String(rest.prefix(width - 2)))
        rest = rest.dropFirst(width - 2)
      }
      for (k, chunk) in chunks.enumerated() {
        cells[c] = pad((k == 0 ? "" : "  ") + chunk, width)
        lines.append(cells.joined().trimmingTrailing())
        cells[c] = String(repeating: " ", count: width)
      }
      for rule in row.rules {
        lines.append(String(repeating: " ", count: c * width) + "! rule: " + rule)
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
