import Testing
import THPEngine
import THPKernel
import THPSpec

/// Each seed fix reverted from v4.20 alone is refuted with its own harm, and the shrunk
/// counterexample tells that seed's story. Runs use the seed's own actors, seeds 0..<N.
@Suite("Seed fixes reverted from v4.20")
struct RevertTests {
  static func refute(_ fix: String, scenario: String) throws -> (CheckReport, Finding?) {
    let family = try Catalog.family("v4.20", reverting: [fix])
    let sc = try #require(Scenario(encoded: Substring(scenario), in: family.space))
    var config = CheckConfig(runs: 4 * Support.runs, seed: 0)
    config.scenario = sc
    let report = family.check(config)
    print("v4.20 --revert \(fix) on \(scenario): " + report.findings.map { "\($0.kind.rawValue) \($0.runs)/\(report.runs) runs" }.joined(separator: ", "))
    return (report, report.findings.first)
  }

  @Test("7066f0f933a1 (seed 004): the device writes the old frame after the copy; lost-write")
  func seed004() throws {
    let (report, finding) = try Self.refute("7066f0f933a1", scenario: "Aw,Sa,Dw")
    #expect(report.verdict == .refuted)
    let f = try #require(finding)
    #expect(f.kind == .lostWrite)
    let rows = f.counterexample.rows
    // The scanner arms without invalidating the device; the task copies P0; the device, still
    // translating to P0, writes it; that write is lost.
    #expect(
      Support.containsInOrder(
        rows, [("scanner", "set_pmd_at(P0 protnone"), ("task A", "migrate_page_copy P0→P1"), ("device", "write P0")]))
    let copy = try #require(Support.index(rows, "task A", "migrate_page_copy"))
    let devWrite = try #require(rows.lastIndex { $0.actor == "device" && $0.step.hasPrefix("write P0") })
    #expect(devWrite > copy)
    #expect(!rows.contains { $0.step == "mmu_notifier_invalidate_range" && $0.actor == "task A" })
    #expect(f.counterexample.violation.step == rows.count - 1)
  }

  @Test("3c226c637b69 (seed 001): a waiter sleeps on a freed page; use-after-free")
  func seed001() throws {
    let (report, finding) = try Self.refute("3c226c637b69", scenario: "Aw,Bw,Sa")
    #expect(report.verdict == .refuted)
    let f = try #require(finding)
    #expect(f.kind == .useAfterFree)
    let rows = f.counterexample.rows
    let last = try #require(rows.last)
    // The waiter found the page migrating (or locked) under the ptl and dropped the ptl holding
    // no reference; the migrator's last put_page freed P0; then the waiter touched it.
    let waiter = last.actor
    let migrator = waiter == "task A" ? "task B" : "task A"
    #expect(last.step.hasPrefix("wait_on_page_locked") || last.step.hasPrefix("woken"))
    #expect(
      Support.containsInOrder(
        rows, [(migrator, "set_pmd_at(P1"), (migrator, "put_page: frees P0"), (waiter, "wait_on_page_locked")])
        || Support.containsInOrder(rows, [(migrator, "put_page: frees P0"), (waiter, "woken")]))
    #expect(rows.contains { $0.actor == waiter && $0.rules.contains("sleeping on P0's lock without a reference") })
    #expect(!rows.contains { $0.actor == waiter && $0.step.hasPrefix("get_page_unless_zero") })
  }
}
