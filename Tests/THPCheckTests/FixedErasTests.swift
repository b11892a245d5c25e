import THPEngine
import THPKernel
import THPSpec
import Testing

/// v4.20 and v5.14, with all five seed fixes, exercise what the protocol is about under the
/// default budget: every spec action taken, migrations committed and abandoned, waits, device
/// invalidations — a model in which migration never commits must not pass for one that
/// refines the spec. (Their findings are their catalogues: ``HistoryTests``.)
@Suite("The fixed eras exercise the protocol", .tags(.property), .budget(minimum: 5_000))
struct FixedErasTests {
  @Test("every spec action taken, every protocol path exercised", arguments: ["v4.20", "v5.14"])
  func exercised(_ model: String) throws {
    let report = try Support.check(model)
    #expect(report.incompleteRuns * 100 <= report.runs, "\(report.incompleteRuns) incomplete runs")
    for action in ActionName.allCases {
      #expect((report.coverage[action] ?? 0) > 0, "spec action \(action.rawValue) never taken")
    }
    let steps = report.stepCoverage
    #expect((report.coverage[.commitMigration] ?? 0) > 0)
    // A migration is abandoned because of an extra reference.
    #expect(
      (steps["page_ref_freeze(2): failed"] ?? 0) + (steps["page_count != 3"] ?? 0)
        + (steps["migrate_page_move_mapping: count != expected, -EAGAIN"] ?? 0) > 0)
    // A fault waits for a migration in flight, then retries.
    #expect(
      (steps["wait_on_page_locked: sleeps"] ?? 0) + (steps["put_and_wait_on_page_locked: queued"] ?? 0)
        > 0)
    // A hinting fault makes the PMD accessible without migrating.
    #expect((steps["mpol_misplaced == -1"] ?? 0) > 0)
    // The device is invalidated (the scanner's ->invalidate_range or the fault path's notifier).
    #expect((steps["mmu_notifier_invalidate_range"] ?? 0) > 0)
    print(
      "\(model): \(report.runs) runs, \(report.steps) steps, \(report.incompleteRuns) incomplete, "
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
