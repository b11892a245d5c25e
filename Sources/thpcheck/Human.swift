import Foundation
import THPEngine
import THPKernel

/// The human-readable output of `check`.
enum Human {
  static func progress(_ f: KernelFamily, _ r: CheckReport) {
    let line = "checked \(f.displayName): \(r.verdict.rawValue) (\(r.runs) runs, \(r.steps) steps)\n"
    FileHandle.standardError.write(Data(line.utf8))
  }

  /// The history table: model, kernel commit, expected, verdict, harm, shrunk length, hit rate.
  static func table(_ reports: [(KernelFamily, CheckReport)]) {
    let header = [
      "model".padding(36), "commit".padding(14), "expected".padding(10), "verdict".padding(13),
      "harm".padding(34), "shrunk".padding(8), "hit",
    ].joined()
    print(header)
    print(String(repeating: "-", count: header.count + 8))
    for (f, r) in reports {
      let info = Catalog.models.first { $0.name == f.name }
      let expected = Catalog.expected(f.name, reverting: f.reverted)
      let harms = r.findings.map(\.kind.rawValue).joined(separator: ",")
      let shrunk = r.findings.map { String($0.counterexample.length) }.joined(separator: ",")
      let hits = r.findings.map { "\($0.runs)/\(r.runs)" }.joined(separator: ",")
      let mark = r.verdict == expected ? "" : "  <- differs from history"
      print(
        [
          f.displayName.padding(36), (f.reverted.first ?? info?.commit ?? "").padding(14),
          expected.rawValue.padding(10), r.verdict.rawValue.padding(13),
          (harms.isEmpty ? "-" : harms).padding(34), (shrunk.isEmpty ? "-" : shrunk).padding(8),
          hits.isEmpty ? "-" : hits,
        ].joined() + mark)
    }
  }

  /// Every finding's race diagram.
  static func diagrams(_ reports: [(KernelFamily, CheckReport)]) {
    for (f, r) in reports {
      for finding in r.findings {
        print("\n== \(f.displayName): \(finding.kind.rawValue) (\(finding.runs) of \(r.runs) runs) ==\n")
        print(RaceDiagram.render(finding.counterexample))
      }
    }
  }
}
