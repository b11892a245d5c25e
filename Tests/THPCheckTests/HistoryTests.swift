import THPEngine
import THPKernel
import THPSpec
import Testing

/// Kernel history as the oracle: each era that shipped a seed's bug is refuted with that bug's
/// own story, found from seeds 0..<N on the seed's actors (at least the 20,000 runs that
/// `thpcheck check` makes, whatever THPCHECK_RUNS says); the fixed eras hold.
@Suite("Kernel history", .tags(.property), .budget(scale: 2, minimum: 20_000))
struct HistoryTests {
  /// Checks `model` on `scenario` and returns the finding of `kind`, printing the hit rate.
  static func story(_ model: String, _ scenario: String, _ kind: ViolationKind) throws -> [TraceRow]
  {
    let family = try Catalog.family(model)
    var config = CheckConfig(runs: try Support.runs, seed: Support.seed)
    let sc = try #require(Scenario(encoded: Substring(scenario), in: family.space))
    config.scenario = sc
    let report = family.check(config)
    let f = try #require(
      report.findings.first { $0.kind == kind }, "\(model) on \(scenario): no \(kind.rawValue)")
    print(
      "\(model) on \(scenario): \(kind.rawValue) in \(f.runs)/\(report.runs) runs, shrunk to \(f.counterexample.length)"
    )
    #expect(try Support.failsOnlyAtLastStep(family, f.counterexample))
    let minimal = Minimality.check(family, f.counterexample)
    #expect(minimal.isMinimal, "\(model) on \(scenario): \(minimal)")
    Support.attach(f.counterexample, "\(model)-\(kind.rawValue)")
    return f.counterexample.rows
  }

  @Test(
    "v3.8-rc1 (no page-count check, seed 002): a pin taken before the migration loses its DMA write"
  )
  func v38rc1() throws {
    let rows = try Self.story("v3.8-rc1", "Ar,Sa,Gp", .lostWrite)
    #expect(
      Support.containsInOrder(
        rows,
        [
          ("gup-slow", "follow_trans_huge_pmd: get_page P0"), ("task A", "isolate_lru_page P0"),
          ("task A", "migrate_page_copy P0→P1"), ("task A", "set_pmd_at(P1"),
          ("gup-slow", "DMA write P0"),
        ]))
    #expect(!rows.contains { $0.step.hasPrefix("page_count") })
  }

  @Test("v3.8-pagecount-v1 (seed 002, first posting): NR_ISOLATED_ANON leaks")
  func pagecountV1() throws {
    let rows = try Self.story("v3.8-pagecount-v1", "Aw,Sa,Gp", .accountingLeak)
    let inc = try #require(rows.firstIndex { $0.step.hasPrefix("NR_ISOLATED_ANON += 512") })
    let migrator = rows[inc].actor
    #expect(
      Support.containsInOrder(
        rows[inc...].map { $0 },
        [(migrator, "page_count != 2 P0"), (migrator, "putback_lru_page P0")]))
    #expect(!rows.contains { $0.step.hasPrefix("NR_ISOLATED_ANON -= 512") })
  }

  @Test(
    "v3.9 and v3.13-rc1 (seed 003): slow GUP pins the page after the count check",
    arguments: ["v3.9", "v3.13-rc1"])
  func seed003(_ model: String) throws {
    let rows = try Self.story(model, "Ar,Sa,Gp", .lostWrite)
    #expect(
      Support.containsInOrder(
        rows,
        [
          ("task A", "page_count == 3 P0"), ("gup-slow", "follow_trans_huge_pmd: get_page P0"),
          ("gup-slow", "DMA write P0"), ("task A", "set_pmd_at(P1"),
        ]))
    #expect(
      rows.contains { $0.rules.contains("GUP pin taken on P0 while it is isolated for migration") })
  }

  @Test(
    "v3.13-rc1 and v3.13 (seed 001): a waiter sleeps on the freed page",
    arguments: ["v3.13-rc1", "v3.13"])
  func seed001(_ model: String) throws {
    let rows = try Self.story(model, "Aw,Bw,Sa", .useAfterFree)
    let last = try #require(rows.last)
    let migrator = last.actor == "task A" ? "task B" : "task A"
    #expect(last.step.hasPrefix("wait_on_page_locked") || last.step.hasPrefix("woken"))
    #expect(
      Support.containsInOrder(
        rows, [(migrator, "set_pmd_at(P1"), (migrator, "put_page: frees P0")]))
    #expect(
      last.rules.contains("sleeping on P0's lock without a reference")
        || rows.contains {
          $0.actor == last.actor && $0.rules.contains("sleeping on P0's lock without a reference")
        })
  }

  @Test("v4.14 (seed 004): the device writes the old frame after the copy")
  func v414() throws {
    let rows = try Self.story("v4.14", "Aw,Sa,Dw", .lostWrite)
    #expect(
      Support.containsInOrder(
        rows,
        [
          ("scanner", "set_pmd_at(P0 protnone"), ("task A", "migrate_page_copy P0→P1"),
          ("device", "write P0"),
        ]))
  }

  @Test("v5.14 holds, every spec action taken, migrations commit")
  func v514() throws {
    let report = try Support.check("v5.14")
    #expect(
      report.findings.isEmpty, "\(report.findings.map { RaceDiagram.render($0.counterexample) })")
    #expect(report.verdict == .holds)
    #expect(
      Set(report.rulesBroken.keys).subtracting([Support.badPageState]).isEmpty,
      "\(report.rulesBroken)")
    for action in ActionName.allCases {
      #expect((report.coverage[action] ?? 0) > 0, "spec action \(action.rawValue) never taken")
    }
    #expect((report.stepCoverage["set_pmd_migration_entry"] ?? 0) > 0)
    print(
      "v5.14: \(report.runs) runs, \(report.incompleteRuns) incomplete, \(report.coverage[.commitMigration] ?? 0) commits"
    )
  }
}
