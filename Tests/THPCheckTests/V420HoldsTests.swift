import THPEngine
import THPKernel
import THPSpec
import Testing

/// v4.20, with all five seed fixes, refines the spec under the default budget, and the passing
/// runs exercise what the protocol is about (a model in which migration never commits must not
/// count as holding).
@Suite("v4.20 holds", .tags(.property), .budget(minimum: 5_000))
struct V420HoldsTests {
  @Test("v4.20 holds, every spec action taken, every protocol path exercised")
  func holds() throws {
    let report = try Support.check("v4.20")
    let found = report.findings.map {
      "\($0.kind.rawValue): \(RaceDiagram.render($0.counterexample))"
    }
    #expect(report.findings.isEmpty, "v4.20 refuted:\n\(found.joined(separator: "\n"))")
    #expect(report.verdict == .holds)
    // With all five fixes, none of the kernel's rules breaks (Bad page state aside: not a seed).
    #expect(
      Set(report.rulesBroken.keys).subtracting([Support.badPageState]).isEmpty,
      "\(report.rulesBroken)")
    #expect(report.incompleteRuns * 100 <= report.runs, "\(report.incompleteRuns) incomplete runs")
    for action in ActionName.allCases {
      #expect((report.coverage[action] ?? 0) > 0, "spec action \(action.rawValue) never taken")
    }
    let steps = report.stepCoverage
    // A migration commits: the new frame's set_pmd_at under the ptl.
    #expect((report.coverage[.commitMigration] ?? 0) > 0)
    // A migration is abandoned because of an extra reference.
    #expect((steps["page_ref_freeze(2): failed"] ?? 0) + (steps["page_count != 3"] ?? 0) > 0)
    // A fault waits for a migration in flight, then retries.
    #expect((steps["wait_on_page_locked: sleeps"] ?? 0) > 0)
    #expect((steps["woken: page unlocked"] ?? 0) > 0)
    // A hinting fault makes the PMD accessible without migrating.
    #expect((steps["mpol_misplaced == -1"] ?? 0) > 0)
    // The device is invalidated (scanner's ->invalidate_range or the fault path's notifier).
    #expect((steps["mmu_notifier_invalidate_range"] ?? 0) > 0)
    print(
      "v4.20: \(report.runs) runs, \(report.steps) steps, \(report.incompleteRuns) incomplete, "
        + "\(report.coverage[.commitMigration] ?? 0) commits")
  }

  @Test(
    "after MADV_DONTNEED a later read sees zero, and the device faults again after invalidation")
  func zapThenReadZeroAndDeviceRefault() throws {
    let family = try Catalog.family("v4.20")
    var zeroRead = false
    var deviceRefault = false
    for seed in 0..<2000 where !(zeroRead && deviceRefault) {
      var rng = SplitMix64.stream(seed: 0, index: UInt64(seed))
      let scenario = family.space.randomScenario(&rng, swarm: true)
      let model = family.instantiate(scenario)
      let r = try model.run(
        .scheduler(RandomScheduler(rng: rng)), options: RunOptions(record: true))
      #expect(r.violation == nil)
      var zapped = false
      var deviceDropped = false
      var before = model.abstraction(model.initialState())
      for e in r.trace {
        defer { before = e.abstract }
        guard let t = e.outcome.transition else { continue }
        if t.action == .zap { zapped = true }
        if zapped, t.action == .read, t.value == 0, e.abstract.populated { zeroRead = true }
        if t.action == .dropTranslations, before[.device] == .page, e.abstract[.device] == .none {
          deviceDropped = true
        }
        if deviceDropped, t.action == .fillTranslation, t.agent == .device { deviceRefault = true }
      }
    }
    #expect(zeroRead, "no run read zero after MADV_DONTNEED")
    #expect(deviceRefault, "no run showed the device faulting again after an invalidation")
  }
}
