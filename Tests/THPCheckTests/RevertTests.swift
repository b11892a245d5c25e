import THPEngine
import THPKernel
import THPSpec
import Testing

/// Each seed fix reverted from v4.20 alone is refuted with its own harm, and the shrunk
/// counterexample tells that seed's story, 1-minimal. Runs use the seed's own actors, seeds
/// 0..<N: at least the 20,000 runs `thpcheck check` makes, whatever THPCHECK_RUNS says.
@Suite("Seed fixes reverted from v4.20", .tags(.property), .budget(scale: 4, minimum: 20_000))
struct RevertTests {
  static func refute(
    _ fix: String, scenario: String, scheduler: SchedulerKind = .random, depth: Int = 3
  ) throws -> (CheckReport, Finding?) {
    let family = try Catalog.family("v4.20", reverting: [fix])
    let sc = try #require(Scenario(encoded: Substring(scenario), in: family.space))
    var config = CheckConfig(
      runs: try Support.runs, seed: Support.seed, scheduler: scheduler, pctDepth: depth)
    config.scenario = sc
    let report = family.check(config)
    print(
      "v4.20 --revert \(fix) on \(scenario): "
        + report.findings.map { "\($0.kind.rawValue) \($0.runs)/\(report.runs) runs" }.joined(
          separator: ", "))
    if let f = report.findings.first {
      Support.attach(f.counterexample, "v4.20-revert-\(fix)")
      #expect(try Support.failsOnlyAtLastStep(family, f.counterexample))
      let minimal = Minimality.check(family, f.counterexample)
      #expect(minimal.isMinimal, "--revert \(fix): \(minimal)")
    }
    return (report, report.findings.first)
  }

  @Test("7066f0f933a1 (seed 004): the device writes the old frame after the copy; lost-write")
  func seed004() throws {
    let (report, finding) = try Self.refute("7066f0f933a1", scenario: "Aw,Sa,Dw")
    #expect(report.verdict == .refuted)
    #expect(report.rulesBroken["copying a page while a translation of it is still live"] != nil)
    let f = try #require(finding)
    #expect(f.kind == .lostWrite)
    let rows = f.counterexample.rows
    // The scanner arms without invalidating the device; the task copies P0; the device, still
    // translating to P0, writes it; that write is lost.
    #expect(
      Support.containsInOrder(
        rows,
        [
          ("scanner", "set_pmd_at(P0 protnone"), ("task A", "migrate_page_copy P0→P1"),
          ("device", "write P0"),
        ]))
    let copy = try #require(Support.index(rows, "task A", "migrate_page_copy"))
    let devWrite = try #require(
      rows.lastIndex { $0.actor == "device" && $0.step.hasPrefix("write P0") })
    #expect(devWrite > copy)
    #expect(!rows.contains { $0.step == "mmu_notifier_invalidate_range" && $0.actor == "task A" })
  }

  @Test("3c226c637b69 (seed 001): a waiter sleeps on a freed page; use-after-free")
  func seed001() throws {
    let (report, finding) = try Self.refute("3c226c637b69", scenario: "Aw,Bw,Sa")
    #expect(report.verdict == .refuted)
    #expect(report.rulesBroken["sleeping on a page's lock without a reference"] != nil)
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
        rows,
        [
          (migrator, "set_pmd_at(P1"), (migrator, "put_page: frees P0"),
          (waiter, "wait_on_page_locked"),
        ])
        || Support.containsInOrder(rows, [(migrator, "put_page: frees P0"), (waiter, "woken")]))
    #expect(
      rows.contains {
        $0.actor == waiter && $0.rules.contains("sleeping on P0's lock without a reference")
      })
    #expect(!rows.contains { $0.actor == waiter && $0.step.hasPrefix("get_page_unless_zero") })
  }

  @Test(
    "04fa5d6a6547 (seed 002): a DMA write after the copy, unpinned before the freeze; lost-write")
  func seed002() throws {
    let (report, finding) = try Self.refute("04fa5d6a6547", scenario: "Aw,Sa,Gp")
    #expect(report.verdict == .refuted)
    let f = try #require(finding)
    #expect(f.kind == .lostWrite)
    let rows = f.counterexample.rows
    #expect(
      Support.containsInOrder(
        rows,
        [
          ("gup-slow", "follow_trans_huge_pmd: get_page P0"), ("task A", "migrate_page_copy P0→P1"),
          ("gup-slow", "DMA write P0"), ("gup-slow", "put_page (unpin) P0"),
          ("task A", "page_ref_freeze(2) P0"), ("task A", "set_pmd_at(P1"),
        ]))
    // With the check reverted nothing counts the pin before isolating.
    #expect(!rows.contains { $0.step.hasPrefix("page_count") })
    #expect(rows.last?.abstract == "commitMigration")
  }

  @Test("2b4847e73004 (seed 003): GUP pins the old page under the ptl despite protnone; lost-write")
  func seed003() throws {
    let (report, finding) = try Self.refute("2b4847e73004", scenario: "Aw,Sa,Gp")
    #expect(report.verdict == .refuted)
    let f = try #require(finding)
    #expect(f.kind == .lostWrite)
    let rows = f.counterexample.rows
    // The page is isolated and counted (page_count == 3 passes) before slow GUP, with no locked
    // FOLL_NUMA test, pins it from the protnone PMD and writes it after the copy.
    #expect(
      Support.containsInOrder(
        rows,
        [
          ("scanner", "set_pmd_at(P0 protnone"), ("task A", "page_count == 3 P0"),
          ("gup-slow", "follow_trans_huge_pmd: get_page P0"), ("gup-slow", "DMA write P0"),
          ("task A", "set_pmd_at(P1"),
        ]))
    #expect(
      rows.contains { $0.rules.contains("GUP pin taken on P0 while it is isolated for migration") })
    #expect(!rows.contains { $0.step.hasPrefix("follow_trans_huge_pmd: FOLL_NUMA") })
  }

  @Test(
    "3f926ab945b6 (seed 000): an A-B-A of the PMD fools pmd_same while the copy runs; lost-write")
  func seed000() throws {
    let (report, finding) = try Self.refute("3f926ab945b6", scenario: "Aw,Bw,Saa")
    #expect(report.verdict == .refuted)
    #expect(
      report.rulesBroken["NUMA-marked PMD made accessible without holding the lock of a page"]
        != nil)
    let f = try #require(finding)
    #expect(f.kind == .lostWrite)
    let rows = f.counterexample.rows
    let commit = try #require(rows.last)
    let migrator = commit.actor
    let other = migrator == "task A" ? "task B" : "task A"
    // The other task's own migration failed; its check_same clears the marker without the page
    // lock while the migrator copies; it writes P0; the scanner re-arms the PMD to the same value;
    // the migrator's pmd_same passes and its commit drops the write.
    #expect(
      Support.containsInOrder(
        rows,
        [
          (migrator, "migrate_page_copy P0→"), (other, "write P0"),
          ("scanner", "set_pmd_at(P0 protnone"), (migrator, "pmd_same"), (migrator, "set_pmd_at(P"),
        ]))
    #expect(Support.containsInOrder(rows, [(other, "set_pmd_at(P0 present"), (other, "write P0")]))
    // The migrator's snapshot was taken before the clear: the A-B-A is what pmd_same misses.
    #expect(
      Support.containsInOrder(rows, [(migrator, "pmd_same"), (other, "set_pmd_at(P0 present")]))
    #expect(
      rows.contains {
        $0.actor == other
          && $0.rules.contains("NUMA-marked PMD made accessible without holding the lock of P0")
      })
    #expect(commit.abstract == "commitMigration")
  }
}
