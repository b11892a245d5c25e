import Foundation
import THPEngine
import THPKernel

/// The human-readable output of `check`.
enum Human {
  /// The line a finished model leaves on stderr (when progress is shown).
  static func progress(_ f: KernelFamily, _ r: CheckReport) -> String {
    "checked \(f.displayName): \(r.verdict.rawValue) (\(r.runs) runs, \(r.steps) steps)"
  }

  /// The history table: model, kernel commit, expected, verdict, then one line per finding:
  /// its harm and story, the shrunk length, and how many runs hit it (or that exploring its
  /// witness found it).
  static func table(_ reports: [(KernelFamily, CheckReport)]) {
    var rows: [[String]] = [["model", "commit", "expected", "verdict", "harm", "shrunk", "hit"]]
    for (f, r) in reports {
      let info = Catalog.models.first { $0.name == f.name }
      let head = [
        f.displayName, f.reverted.first ?? info?.commit ?? "",
        Catalog.expected(f.name, reverting: f.reverted).rawValue,
        r.verdict.rawValue + (r.matchesCatalogue ? "" : " (differs from its catalogue)"),
      ]
      guard !r.findings.isEmpty else {
        rows.append(head + ["-", "-", "0 of \(r.runs)"])
        continue
      }
      for (k, finding) in r.findings.enumerated() {
        let harm =
          finding.kind.rawValue + " "
          + (finding.known.map { "[\($0.id)]" } ?? "NEW (\(finding.story.name))")
        let hit = finding.byWitness ? "witness" : "\(finding.runs) of \(r.runs)"
        rows.append(
          (k == 0 ? head : ["", "", "", ""])
            + [harm, String(finding.counterexample.length), hit])
      }
    }
    let widths = (0..<rows[0].count).map { c in rows.map { $0[c].count }.max() ?? 0 }
    for (k, row) in rows.enumerated() {
      var line = zip(row, widths).map { $0.padding($1 + 2) }.joined()
      while line.last == " " { line.removeLast() }
      Output.line(line)
      if k == 0 { Output.line(String(repeating: "-", count: widths.reduce(0) { $0 + $1 + 2 })) }
    }
  }

  /// The kernel rules broken in each model's runs: a rule marks, it does not fail, so one that
  /// led to no harm shows only here.
  static func rules(_ reports: [(KernelFamily, CheckReport)]) {
    let lines = reports.flatMap { f, r in
      r.rulesBroken.sorted { $0.key < $1.key }.map {
        "  \(f.displayName): \($0.key) (\($0.value) runs)"
      }
    }
    guard !lines.isEmpty else { return }
    Output.line("\nKernel rules broken (runs; a rule marks, it does not fail a run):")
    for line in lines { Output.line(line) }
  }

  /// Every finding's race diagram.
  static func diagrams(_ reports: [(KernelFamily, CheckReport)]) {
    for (f, r) in reports {
      for entry in r.missing {
        Output.line("\n== \(f.displayName): MISSING \(entry.id) (\(entry.story.kind.rawValue)) ==")
        Output.line("catalogued, but neither the runs nor exploring \(entry.witness) reproduced it")
      }
      for finding in r.findings {
        let how =
          finding.byWitness
          ? "by exploring its witness \(finding.known?.witness ?? "")"
          : "\(finding.runs) of \(r.runs) runs"
        let label = finding.known.map { "[\($0.id)]" } ?? "NEW (\(finding.story.name))"
        Output.line("\n== \(f.displayName): \(finding.kind.rawValue) \(label), \(how) ==")
        if let known = finding.known { Output.line("evidence: \(known.evidence)") }
        Output.line("")
        Output.line(RaceDiagram.render(finding.counterexample))
        let ce = finding.counterexample
        let regression = RegressionCase(
          f.displayName, story: finding.story.name, kind: finding.kind, steps: ce.length,
          token: ce.token.description)
        Output.line("regression case: " + regression.swiftSource)
      }
    }
  }
}
