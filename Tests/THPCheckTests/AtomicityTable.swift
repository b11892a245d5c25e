import Foundation
import Testing

/// The fusions `proofs-notes/atomicity.md` justifies: the steps allowed more than one access to
/// shared state, per model, with the most accesses each may make. Read from the note's table, so
/// the note and the tests cannot disagree.
struct AtomicityTable {
  /// One row: a kernel step name, the models it applies to (nil: all), the most accesses.
  struct Row {
    let step: String
    let models: Set<String>?
    let accesses: Int
  }

  let rows: [Row]

  /// The table of the committed note.
  static let committed = Result { () throws(AtomicityTableError) -> AtomicityTable in
    let note = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("proofs-notes/atomicity.md")
    guard let text = try? String(contentsOf: note, encoding: .utf8) else {
      throw AtomicityTableError(description: "cannot read \(note.path)")
    }
    return try AtomicityTable(parsing: text)
  }

  /// Parses the rows between `<!-- fusions` and `<!-- end fusions -->`: `| `step` | models |
  /// accesses | why |`.
  init(parsing text: String) throws(AtomicityTableError) {
    guard let start = text.range(of: "<!-- fusions"),
      let end = text.range(of: "<!-- end fusions -->", range: start.upperBound..<text.endIndex)
    else { throw AtomicityTableError(description: "atomicity.md has no fusions table") }
    var rows: [Row] = []
    for line in text[start.upperBound..<end.lowerBound].split(separator: "\n")
    where line.hasPrefix("| `") {
      let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
      guard cells.count >= 4, let n = Int(cells[2]) else {
        throw AtomicityTableError(description: "atomicity.md: malformed row \(line)")
      }
      let models = cells[1] == "all" ? nil : Set(cells[1].split(separator: ",").map {
        $0.trimmingCharacters(in: .whitespaces) })
      rows.append(Row(step: cells[0].trimmingCharacters(in: ["`"]), models: models, accesses: n))
    }
    guard !rows.isEmpty else { throw AtomicityTableError(description: "atomicity.md: no rows") }
    self.rows = rows
  }

  /// The most accesses `step` may make in `model` (1 when no row names it).
  func allowed(_ step: String, in model: String) -> Int {
    rows.first { $0.step == step && ($0.models?.contains(model) ?? true) }?.accesses ?? 1
  }

  /// Records an issue for each step of `fused` (step name → most accesses) that the table
  /// does not allow in `model`.
  func check(_ fused: [String: Int], model: String, context: String) {
    for (step, n) in fused.sorted(by: { $0.key < $1.key }) where n > allowed(step, in: model) {
      Issue.record(
        "\(context): `\(step)` does \(n) accesses to shared state in one step; split it, or justify it in proofs-notes/atomicity.md"
      )
    }
  }
}

/// Why the atomicity table could not be read.
struct AtomicityTableError: Error, CustomStringConvertible {
  let description: String
}
