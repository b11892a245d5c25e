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
      (steps["wait_on_page_locked: sleeps"] ?? 0)
        + (steps["put_and_wait_on_page_locked: queued"] ?? 0)
        > 0)
    // A hinting fault makes the PMD accessible without migrating.
    #expect((steps["mpol_misplaced == -1"] ?? 0) > 0)
    // The device is invalidated (the scanner's ->invalidate_range or the fault path's notifier).
    #expect((steps["mmu_notifier_invalidate_range"] ?? 0) > 0)
    print(
      "\(model): \(report.runs) runs, \(report.steps) steps, \(report.incompleteRuns) incomplete, "
        + "\(report.coverage[.commitMigration] ?? 0) commits")
  }

  /// v6.12 names its steps after its own code; the same paths, plus the ones only it has.
  @Test("v6.12: every spec action taken, every protocol path exercised")
  func exercisedV6_12() throws {
    let report = try Support.check("v6.12")
    #expect(report.incompleteRuns * 100 <= report.runs, "\(report.incompleteRuns) incomplete runs")
    for action in ActionName.allCases {
      #expect((report.coverage[action] ?? 0) > 0, "spec action \(action.rawValue) never taken")
    }
    let steps = report.stepCoverage
    for step in [
      // The fault decides not to migrate, or cannot isolate, and maps the PMD again.
      "mpol_misplaced == -1", "folio_isolate_lru: not on the LRU (-EAGAIN)", "out_map: set_pmd_at",
      // The unmap: the migration entry, the flush and the secondary MMU, before any check.
      "set_pmd_migration_entry", "flush_tlb_mm_range",
      "mmu_notifier_arch_invalidate_secondary_tlbs",
      // The move: an extra reference seen before the copy, and a retried move pass with the
      // entry still installed; the freeze; the commit and an undo.
      "__migrate_folio: extra reference, -EAGAIN",
      "migrate_pages_batch: -EAGAIN, another move pass",
      "folio_ref_freeze(1)", "remove_migration_pmd",
      "migrate_pages_batch: -EAGAIN, passes exhausted",
      // MADV_DONTNEED dropped the mapping first: "freed under us".
      "migrate_folio_unmap: folio_ref_count == 1 (freed under us)",
      // A fault waits on the migration entry, queued under the ptl, and is woken.
      "migration_entry_wait_on_locked: folio_set_waiters, queued",
      "migration_entry_wait_on_locked: woken",
      // The scanner's one flush, after the loop; a nested gather's forced flush.
      "tlb_finish_mmu: mm_tlb_flush_nested: yes",
      // MADV_DONTNEED clears a migration entry; a PMD it could not map is retried.
      "zap_huge_pmd: migration entry cleared (no page to free)",
      // FOLL_WRITE GUP faults on a protnone PMD; fast GUP's re-check sees a change.
      "follow_huge_pmd: FOLL_WRITE, !can_follow_write_pmd → fault",
      "gup_fast_pmd_leaf: pmd changed",
    ] {
      #expect((steps[step] ?? 0) > 0, "v6.12: \(step) never taken")
    }
    print(
      "v6.12: \(report.runs) runs, \(report.steps) steps, \(report.incompleteRuns) incomplete, "
        + "\(report.coverage[.commitMigration] ?? 0) commits")
    for (step, n) in steps.sorted(by: { $0.value < $1.value }) where n < 50 {
      print("v6.12 rare step: \(n) \(step)")
    }
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
