import Testing
import THPEngine
import THPKernel
import THPSpec

/// Eras that shipped a bug are refuted with it (issue 3; more eras join as they are modelled).
@Suite("Kernel history")
struct HistoryTests {
  @Test("v3.8-pagecount-v1 leaks NR_ISOLATED_ANON (seed 002, the first posting)")
  func pagecountV1Leaks() throws {
    let report = try Support.check("v3.8-pagecount-v1")
    let f = try #require(report.findings.first { $0.kind == .accountingLeak })
    print("v3.8-pagecount-v1 accounting-leak: \(f.runs)/\(report.runs) runs, shrunk to \(f.counterexample.length)")
    let rows = f.counterexample.rows
    // Isolated and counted, then put back after the page-count test without uncounting.
    let inc = try #require(rows.firstIndex { $0.step.hasPrefix("NR_ISOLATED_ANON += 512") })
    #expect(rows[(inc + 1)...].contains { $0.step.hasPrefix("putback_lru_page") && $0.actor == rows[inc].actor })
    #expect(!rows.contains { $0.step.hasPrefix("NR_ISOLATED_ANON -= 512") })
    #expect(f.counterexample.violation.message.contains("isolat"))
  }

  @Test("v3.8-rc1 (no page-count check) loses a write", arguments: ["v3.8-rc1"])
  func rc1LosesWrite(_ model: String) throws {
    let report = try Support.check(model)
    #expect(report.verdict == .refuted)
    let f = try #require(report.findings.first { $0.kind == .lostWrite })
    print("\(model) lost-write: \(f.runs)/\(report.runs) runs, shrunk to \(f.counterexample.length)")
  }
}
