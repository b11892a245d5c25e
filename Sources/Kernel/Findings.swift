import THPEngine
import THPSpec

/// The findings catalogue: per model, the stories its model is known to show, each with its
/// kernel evidence and a witness scenario on which exhaustive exploration reproduces it
/// (proofs-notes/findings.md tells each story).
extension Catalog {
  /// The stories of `model` with `reverted` fixes taken out: a model's own catalogue; for a
  /// revert (of v4.20, or a switch of v6.12), its seed's story (which it must show) and the
  /// model's own (which it must show only when their witness is the seed's scenario).
  public static func catalogue(model: String, reverting reverted: [String]) -> [KnownStory] {
    guard let fixID = reverted.first else { return findings[model] ?? [] }
    guard let fix = reverts.first(where: { $0.id == fixID && $0.model == model }),
      let stories = seedStories[fixID]
    else {
      return []
    }
    let base = (findings[fix.model] ?? []).map { entry in
      var e = entry
      e.required = entry.witness == fix.scenario
      return e
    }
    return stories + base
  }
}

/// The stories, each written once, with the evidence shared by every era that shows it.
enum Stories {
  /// A step of a story.
  static func s(_ actor: String, _ step: String) -> StoryStep { StoryStep(actor, step) }
  /// The step at which the run fails (a story's last).
  static func h(_ actor: String, _ step: String) -> StoryStep {
    StoryStep(actor, step, atHarm: true)
  }
  /// Any actor (the migrating task, or a GUP user whose fault migrates).
  static let any = StoryStep.anyActor

  /// A catalogue entry.
  static func entry(
    _ id: String, _ kind: ViolationKind, _ steps: [StoryStep], witness: String,
    _ evidence: String
  ) -> KnownStory {
    KnownStory(id: id, story: Story(kind, steps), evidence: evidence, witness: witness)
  }

  // MARK: Seed fixes

  static let e002 =
    "04fa5d6a6547 mm: migrate: check page_count of THP before migrating (v3.8; seed 002)"
  static let e003 =
    "2b4847e73004 mm: numa: serialise parallel get_user_page against THP migration (v3.13; seed 003)"
  static let e000 =
    "3f926ab945b6 mm: Close races between THP migration and PMD numa clearing (v3.13-rc1; seed 000)"
  static let e001 = "3c226c637b69 mm: numa: avoid waiting on freed migrated pages (v4.12; seed 001)"
  static let e004 =
    "7066f0f933a1 mm: thp: fix mmu_notifier in migrate_misplaced_transhuge_page() (v4.20; seed 004)"

  /// Seed 002: a pin taken before the migration; its DMA lands in the old page after the copy.
  static func pinnedPageMigrated(_ gup: String, witness: String) -> KnownStory {
    entry(
      "seed-002-\(gup)", .lostWrite,
      [s(gup, "[pin]"), s(any, "isolate_lru_page"), s(any, "migrate_page_copy"), s(gup, "DMA write")],
      witness: witness, e002)
  }

  /// Seed 003: a GUP pin taken after the page was isolated (no FOLL_NUMA test under the ptl);
  /// its DMA lands in the old page.
  static func pinAfterIsolation(_ gup: String = "gup-slow", witness: String) -> KnownStory {
    entry(
      "seed-003-\(gup)", .lostWrite,
      [s(any, "isolate_lru_page"), s(gup, "[pin]"), s(gup, "DMA write")], witness: witness, e003)
  }

  /// x86 fast GUP read the PMD before the scanner armed it and takes its reference once the
  /// page is isolated (a plain atomic_add, no re-check of the PMD); its DMA lands in the old page
  /// and it unpins before the migrator's last count check.
  static func fastPinAfterIsolation(witness: String) -> KnownStory {
    entry(
      "fast-gup-pin-after-isolation", .lostWrite,
      [
        s("gup-fast", "gup_pmd_range: huge"), s(any, "isolate_lru_page"),
        s("gup-fast", "gup_huge_pmd: get_page"), s("gup-fast", "DMA write"),
      ], witness: witness,
      "not closed by 2b4847e73004, whose page_count re-checks miss a pin dropped before them;"
        + " closed when x86 moved to the generic get_user_pages_fast (e585513b76f7, v4.13), whose"
        + " speculative reference re-checks the PMD; no report of this race found (searched"
        + " linux-mm for gup_huge_pmd and THP migration, 2013–2017)")
  }

  /// Seed 000: a fault that does not hold the page lock makes the PMD accessible while another
  /// task copies; a write reaches the old page and the scanner re-arms the PMD to the very value
  /// the migrator checks.
  static func hintClearedDuringCopy(witness: String) -> KnownStory {
    entry(
      "seed-000-aba", .lostWrite,
      [
        s("task A", "clear_pmdnuma: set_pmd_at"), s("scanner", "[armHinting]"),
        s(any, "[commitMigration]"),
      ], witness: witness, e000)
  }

  /// Seed 001: a fault waits on the page lock without a reference; the migration frees the page.
  static func waiterOnFreedPage(_ step: String, witness: String) -> KnownStory {
    let sleeps = step == "woken"
    return entry(
      sleeps ? "seed-001-woken" : "seed-001-wait", .useAfterFree,
      sleeps
        ? [s(any, "wait_on_page_locked: sleeps"), s(any, "woken")]
        : [s(any, "wait_on_page_locked")],
      witness: witness, e001)
  }

  /// Seed 004: the device, whose translation only `->invalidate_range` removes, writes the old
  /// page after the copy.
  static func deviceAfterCopy(witness: String) -> KnownStory {
    entry(
      "seed-004-device", .lostWrite, [s(any, "migrate_page_copy"), s("device", "write")],
      witness: witness, e004)
  }

  // MARK: Stories no seed is about

  static let eTLB =
    "20841405940e mm: fix TLB flush race between migration, and change_protection_range (v3.13):"
    + " the scanner's flush comes after its whole walk, so a CPU keeps its translation of the old"
    + " page until then; the fix flushes before the copy when a flush is pending"

  /// A CPU writes the old page through a translation the scanner's deferred flush has not yet
  /// removed, after the copy.
  static func staleTLB(_ kind: ViolationKind, witness: String) -> KnownStory {
    let steps: [StoryStep]
    switch kind {
    case .useAfterFree: steps = [s(any, "migrate_page_copy"), s("task A", "")]
    case .staleRead: steps = [s(any, "migrate_page_copy"), s("task A", "read")]
    default: steps = [s(any, "migrate_page_copy"), s("task A", "write")]
    }
    return entry("stale-tlb-\(kind.rawValue)", kind, steps, witness: witness, eTLB)
  }

  /// v3.8: the migrator's failure paths drop the caller's reference while it still holds the
  /// page lock; MADV_DONTNEED (mmap_sem for read) drops the mapping's, and the page is freed
  /// locked.
  static func lockedPageFreed(witness: String) -> KnownStory {
    entry(
      "put-page-before-unlock", .kernelBug,
      [s(any, "lock_page"), s("madvise", "zap_huge_pmd")], witness: witness,
      "340ef3902cf2 mm: numa: cleanup flow of transhuge page migration (v3.9): Hugh Dickins, in"
        + " seed 002's thread: \"if the pmd is not the same, then can we be sure that the put_page"
        + " does not free the page?\"; the reply relied on mmap_sem excluding munmap, which"
        + " MADV_DONTNEED does not")
  }

  /// v3.8/v3.9: fast GUP read a present PMD before the scanner armed it; the migration frees the
  /// old page with no TLB-flush IPI in between (which interrupts off would hold off), and the
  /// reference lands on a freed page.
  static func fastGUPOnFreedPage(witness: String) -> KnownStory {
    entry(
      "fast-gup-freed-page", .kernelBug,
      [s("gup-fast", "gup_pmd_range: huge"), h("gup-fast", "gup_huge_pmd: get_page")],
      witness: witness,
      "closed by 3f926ab945b6 (v3.13-rc1), whose pmdp_clear_flush sends a TLB-flush IPI that a"
        + " fast GUP with interrupts off holds off until it has its reference; no report of this"
        + " race found (searched linux-mm for get_user_pages_fast with THP migration, 2012–2013)")
  }

  static let eClearBad =
    "8b272b3cbbb5 mm, numa: fix bad pmd by atomically check for pmd_trans_huge when marking page"
    + " tables prot_numa (v5.6; reached 4.14.y in March 2020): change_pmd_range's unlocked"
    + " pmd_trans_huge then pmd_none_or_clear_bad reads; \"expected data was all zeros\""

  /// change_pmd_range's unlocked reads: the PMD becomes huge between `pmd_trans_huge` and
  /// `pmd_none_or_clear_bad`, which clears it as "bad" with no lock.
  static func clearBad(_ kind: ViolationKind, witness: String, _ evidence: String = eClearBad)
    -> KnownStory
  {
    entry(
      "pmd-clear-bad-\(kind.rawValue)", kind, [s(any, "pmd_clear_bad")], witness: witness,
      evidence)
  }

  static let eClearBadMigration =
    "latent until 670ddd8cdcbd1 mm/mprotect: delete pmd_none_or_clear_bad_unless_trans_huge()"
    + " (v6.5) removed the code; reported by Harry Yoo, Sept 2025, \"Fixing bad pmd due to a race"
    + " condition between change_prot_numa() and THP migration in pre-6.5 kernels\" (Fixes:"
    + " 84c3fc4e9c56): is_swap_pmd() reads the PMD before the migration entry appears,"
    + " pmd_read_atomic() after, and pmd_bad() is true for a migration entry"

  /// MADV_DONTNEED's unlocked test sees a PMD the scanner or the migrator has cleared for a
  /// moment under the ptl: it skips the range, which keeps its data.
  static func zapTransientNone(_ by: String, witness: String) -> KnownStory {
    let clear: StoryStep
    let evidence: String
    switch by {
    case "scanner":
      clear = s(any, "change_huge_pmd: pmdp_get_and_clear")
      evidence =
        "5a6dac3ec5f5 mm: numa: do not clear PMD during PTE update scan (v3.13); the same skip"
        + " through the migrator's clear lasted until d7c3393413fe"
    case "pmdp_clear_flush":
      clear = s(any, "pmdp_clear_flush")
      evidence =
        "d7c3393413fe mm: thp: fix MADV_DONTNEED vs migrate_misplaced_transhuge_page race"
        + " condition (v4.20); the clear came with 3f926ab945b6"
    default:
      clear = s(any, "pmdp_huge_clear_flush_notify")
      evidence =
        "d7c3393413fe mm: thp: fix MADV_DONTNEED vs migrate_misplaced_transhuge_page race"
        + " condition (v4.20)"
    }
    return entry(
      "zap-transient-none-\(by)", .zapIgnored, [clear, s("madvise", "zap_pmd_range: pmd_none")],
      witness: witness, evidence)
  }

  /// v3.8/v3.9: handle_mm_fault's third read of the PMD finds a huge NUMA PMD where its second
  /// found none (zapped, refaulted and re-armed in between): do_pmd_numa_page makes it accessible
  /// without the page lock and walks the THP's data as a page table.
  static func pmdNumaPageOnHuge(_ kind: ViolationKind = .lostWrite, witness: String) -> KnownStory {
    entry(
      "do-pmd-numa-page-on-huge-\(kind.rawValue)", kind, [s(any, "do_pmd_numa_page: set_pte_at")],
      witness: witness,
      "latent until 0f19c17929c9 mm: numa: Do not batch handle PMD pages (v3.13-rc1) removed"
        + " do_pmd_numa_page; no report of this path found (searched linux-mm for"
        + " do_pmd_numa_page with THP, 2012–2013)")
  }

  /// v3.8-pagecount-v1: after a failed page_count check the page goes back to the LRU but
  /// NR_ISOLATED_ANON stays raised.
  static func isolatedCountLeaks(witness: String) -> KnownStory {
    entry(
      "seed-002-nr-isolated-leak", .accountingLeak,
      [s(any, "page_count != 2"), s(any, "lru_cache_add")], witness: witness,
      "04fa5d6a6547 as merged, with \"mm: migrate: can leave nr_isolated_anon elevated, correct"
        + " it\" folded in (v3.8; seed 002, Hugh Dickins: \"NR_ISOLATED_ANON is not restored on"
        + " this path, so that would leak\")")
  }

  static let eOutDropref =
    "2b4847e73004 mm: numa: serialise parallel get_user_page against THP migration (v3.13):"
    + " out_dropref now takes the ptl and checks pmd_same before clearing pmd_numa; 3f926ab945b6"
    + " had written the PMD there with neither"

  /// v3.13-rc1: out_dropref writes the PMD with no ptl and no pmd_same: it can map a page again
  /// after MADV_DONTNEED discarded (and freed) it, or over a new page.
  static func outDroprefUnguarded(_ kind: ViolationKind, witness: String) -> KnownStory {
    entry(
      "out-dropref-unguarded-\(kind.rawValue)", kind, [s(any, "out_dropref: set_pmd_at")],
      witness: witness, eOutDropref)
  }

  /// v3.13: a huge-page fault that falls back (or a fault that found no huge PMD) reads the PMD
  /// a third time in `BUG_ON(pmd_numa(*pmd))`, and finds it populated and armed meanwhile.
  static func bugOnPmdNuma(witness: String) -> KnownStory {
    entry(
      "bug-on-pmd-numa", .kernelBug, [s(any, "__handle_mm_fault: BUG_ON")], witness: witness,
      "107437febd49 mm/numa: Remove BUG_ON() in __handle_mm_fault() (2014, to stable 3.13.y):"
        + " \"a pmd can be instantiated and turned into a numa one while __handle_mm_fault() is"
        + " examining the value of old_pmd\"")
  }

  /// v3.13–v5.13: a FOLL_FORCE GUP (ptrace, /proc/pid/mem) has no FOLL_NUMA, so it follows a
  /// NUMA-marked PMD whose page is being migrated (x86's savedwrite is the write bit, so
  /// `pmd_write` passes); it pins after the page-count check, writes after the copy and unpins
  /// before the reference freeze: the new page is installed without the write.
  static func forcePinDuringMigration(witness: String) -> KnownStory {
    entry(
      "foll-force-pin-during-migration", .lostWrite,
      [
        s("gup-slow", "follow_trans_huge_pmd: NUMA-marked, FOLL_FORCE"), s("gup-slow", "DMA write"),
        s(any, "[commitMigration]"),
      ],
      witness: witness,
      "not found upstream (searched linux-mm and the kernel history for FOLL_FORCE with"
        + " FOLL_NUMA, protnone and THP migration, 2013–2023); latent from 2b4847e73004 (v3.13),"
        + " which serialised only FOLL_NUMA GUP against the migration, until c5b5a3dd2c1f (v5.14)"
        + " unmapped the page with a migration entry before its count check; in 6.x a protnone"
        + " PMD has no write bit (savedwrite removed, v6.2) and can_follow_write_pmd refuses"
        + " FOLL_FORCE on a VM_WRITE mapping, so such a pin faults")
  }

  /// v3.13–v4.12: the migrator installs the new PMD, then finds `page_count(page) != 2` — a
  /// speculative reference (a PFN walker's `get_page_unless_zero`) or a fast GUP pin taken
  /// meanwhile — and writes the old PMD back: the migration is undone after it was committed,
  /// and a write made through the new PMD in between is lost with the new page.
  static func rollbackAfterCommit(_ kind: ViolationKind, witness: String) -> KnownStory {
    entry(
      "rollback-after-commit-\(kind.rawValue)", kind,
      [s(any, "page_count != 2 after set_pmd_at"), s(any, "set_pmd_at(orig_entry): roll back")],
      witness: witness,
      "Will Deacon, \"mm/migrate.c: stabilise page count when migrating transparent hugepages\""
        + " (v4.13-rc1; posted to linux-mm June 2017): \"there is a small window where the new"
        + " (possibly writable) pmd is installed and the underlying page could be written by"
        + " userspace. Restoring the old pmd could therefore result in loss of data\"; the fix"
        + " freezes the count with page_ref_freeze before the switch (commit id not in the"
        + " stored sources)")
  }

  /// v3.13–v4.12: `tlb_flush_pending` is a flag, and two threads of the mm scan at once: the
  /// first scanner clears it at the end of its pass while the second has marked the PMD and
  /// not yet flushed, so the migrator sees no flush pending, copies the page while a CPU still
  /// holds a writable translation, and that CPU's write is lost.
  static func flushPendingClearedByOtherScanner(witness: String) -> KnownStory {
    entry(
      "flush-pending-cleared-by-other-scanner", .lostWrite,
      [s("scanner 2", "set_tlb_flush_pending"), s("scanner", "clear_tlb_flush_pending"),
        s(any, "mm_tlb_flush_pending: no"), s(any, "migrate_page_copy")],
      witness: witness,
      "16af97dc5a89 mm: migrate: prevent racy access to tlb_flush_pending (v4.13, Nadav Amit,"
        + " Fixes: 20841405940e): \"tlb_flush_pending might be cleared while one of the threads"
        + " still changes PTEs and batches TLB flushes ... The result of this race was data"
        + " corruption\"; the flag became a counter")
  }

  /// v4.14–v5.13: after `spin_unlock(ptl)` the new page's only reference is its mapping's while
  /// it is still PG_locked; MADV_DONTNEED zaps the new PMD and the last reference goes with
  /// PG_locked set.
  static func newPageFreedLocked(witness: String) -> KnownStory {
    entry(
      "new-page-freed-locked", .kernelBug,
      [s(any, "set_pmd_at(P"), s("madvise", "zap_huge_pmd")], witness: witness,
      "not found upstream (searched linux-mm and the kernel history for the window between"
        + " spin_unlock(ptl) and unlock_page(new_page) in migrate_misplaced_transhuge_page, and"
        + " for Bad page state reports naming it); latent until c5b5a3dd2c1f (v5.14) removed"
        + " migrate_misplaced_transhuge_page")
  }

  /// v5.14: MADV_DONTNEED reads the PMD (`is_swap_pmd`), the migration installs its entry,
  /// the next read (`pmd_trans_huge`) finds an entry and the PMD is skipped as not present;
  /// the migration then maps the new page with the old data.
  static func zapSkipsMigrationEntry(witness: String) -> KnownStory {
    entry(
      "zap-skips-migration-entry", .zapIgnored,
      [s("madvise", "zap_pmd_range: is_swap_pmd: no"), s(any, "set_pmd_migration_entry"),
        s("madvise", "zap_pmd_range: not huge, not none: skipped")],
      witness: witness,
      "not found upstream (searched for zap_pmd_range with PMD migration entries and NUMA"
        + " migration, 2021–2025); latent until 3db82b9374ca mm/memory: allow"
        + " pte_offset_map[_lock]() to fail (v6.5), after which zap_pmd_range retries a PMD that"
        + " zap_pte_range cannot map (the v6.12 model)")
  }
}

/// The stories of v6.12's revert switches: each seed's race, told with 6.12's step names, shown
/// once the one line that closes it today is taken out.
enum V6Stories {
  static func s(_ actor: String, _ step: String) -> StoryStep { StoryStep(actor, step) }
  static let any = StoryStep.anyActor

  static let ePrecopy =
    "the line 060913999d7a (mm: migrate: support poisoned recover from migrate folio, v6.12-rc1)"
    + " added when it moved folio_mc_copy before __folio_migrate_mapping's folio_ref_freeze,"
    + " calling it \"a small optimization\"; without it a FOLL_GET reference taken before the"
    + " unmap and dropped during the copy escapes the freeze (the race of seed 002, 04fa5d6a6547,"
    + " and of seed 003, 2b4847e73004)"
  static let eWait =
    "ffa65753c431 mm/migrate.c: rework migration_entry_wait() to not take a pageref (v5.17):"
    + " \"the page is valid until the ptl is dropped\"; queueing after the unlock, without the"
    + " reference it replaced, waits on a folio the migration may have freed (the race of seed"
    + " 001, 3c226c637b69)"
  static let eSecondary =
    "the line 6bbd42e2df8f mmu_notifiers: call invalidate_range() when invalidating TLBs (v6.6)"
    + " added to x86 flush_tlb_mm_range; without it no flush reaches a device that only has"
    + " ->arch_invalidate_secondary_tlbs, and it writes the old folio after the copy (the race of"
    + " seed 004, 7066f0f933a1)"

  /// Seed 002 today: a FOLL_GET pin taken before the isolation; its DMA write lands in the old
  /// folio after the copy, and the pin is dropped before the freeze.
  static func pinnedFolioCopied(_ gup: String, witness: String) -> KnownStory {
    Stories.entry(
      "seed-002-\(gup)", .lostWrite,
      [
        s(gup, "[pin]"), s(any, "folio_isolate_lru: folio_test_clear_lru"), s(any, "folio_mc_copy"),
        s(gup, "DMA write"),
      ], witness: witness, ePrecopy)
  }

  /// Seed 003 today: the pin is taken after the isolation (the PMD made present again by a fault
  /// that could not isolate), its DMA write after the copy.
  static func pinAfterIsolation(_ gup: String, witness: String) -> KnownStory {
    Stories.entry(
      "seed-003-\(gup)", .lostWrite,
      [
        s(any, "folio_isolate_lru: folio_test_clear_lru"), s(gup, "[pin]"), s(any, "folio_mc_copy"),
        s(gup, "DMA write"),
      ], witness: witness, ePrecopy)
  }

  /// Seed 001 today: a fault finds the migration entry, drops the ptl, and queues on a folio the
  /// migration has freed meanwhile.
  static func waiterOnFreedFolio(witness: String) -> KnownStory {
    Stories.entry(
      "seed-001-wait", .useAfterFree,
      [s(any, "pmd_migration_entry_wait"), s(any, "migration_entry_wait_on_locked")],
      witness: witness, eWait)
  }

  /// Seed 004 today: the device writes the old folio after the copy, through a translation no
  /// flush invalidated.
  static func deviceAfterCopy(_ kind: ViolationKind, witness: String) -> KnownStory {
    Stories.entry(
      kind == .lostWrite ? "seed-004-device" : "seed-004-device-\(kind.rawValue)", kind,
      [s(any, "folio_mc_copy"), s("device", "write")], witness: witness, eSecondary)
  }
}

extension Catalog {
  /// Each model's own catalogue.
  static let findings: [String: [KnownStory]] = {
    typealias S = Stories
    let v38: [KnownStory] = [
      S.hintClearedDuringCopy(witness: "Aw,Bw,Saa"),
      S.fastPinAfterIsolation(witness: "Sa,Gp,Fp"),
      S.pinAfterIsolation(witness: "Aw,Sa,Gp"),
      S.pinAfterIsolation("gup-fast", witness: "Saa,Gp,Fp"),
      S.staleTLB(.lostWrite, witness: "Aw,Sa,Gp"),
      S.staleTLB(.useAfterFree, witness: "Aw,Sa,Gp"),
      S.staleTLB(.staleRead, witness: "Awr,Sa,Gp,Mz"),
      S.fastGUPOnFreedPage(witness: "Sa,Gp,Fp"),
      S.clearBad(.lostWrite, witness: "Aw,Sa,Mz"),
      S.clearBad(.refinement, witness: "Ar,Sa,Mz"),
      S.zapTransientNone("scanner", witness: "Ar,Sa,Mz"),
      S.pmdNumaPageOnHuge(witness: "Aw,Bw,Saa"),
      S.pmdNumaPageOnHuge(.useAfterFree, witness: "Saa,Gp,Mz"),
    ]
    return [
      "v3.8-rc1": v38 + [
        S.pinnedPageMigrated("gup-slow", witness: "Aw,Sa,Gp"),
        S.pinnedPageMigrated("gup-fast", witness: "Aw,Sa,Fp"),
        S.lockedPageFreed(witness: "Ar,Sa,Mz"),
      ],
      "v3.8-pagecount-v1": [
        S.isolatedCountLeaks(witness: "Aw,Sa,Gp"), S.lockedPageFreed(witness: "Ar,Sa,Mz"),
      ] + v38,
      "v3.9": v38,
      "v3.13-rc1": [
        S.fastPinAfterIsolation(witness: "Sa,Gp,Fp"),
        S.pinAfterIsolation(witness: "Aw,Sa,Gp"),
        S.pinAfterIsolation("gup-fast", witness: "Saa,Gp,Fp"),
        S.staleTLB(.lostWrite, witness: "Aw,Bw,Sa,Mz"),
        S.waiterOnFreedPage("woken", witness: "Aw,Bw,Sa"),
        S.waiterOnFreedPage("wait", witness: "Aw,Bw,Sa"),
        S.outDroprefUnguarded(.useAfterFree, witness: "Ar,Sa,Gp,Mz"),
        S.outDroprefUnguarded(.lostWrite, witness: "Aw,Sa,Gp,Mz"),
        S.outDroprefUnguarded(.kernelBug, witness: "Ar,Sa,Gp,Mz"),
        S.outDroprefUnguarded(.zapIgnored, witness: "Ar,Sa,Mz"),
        S.outDroprefUnguarded(.refinement, witness: "Aw,Sa,Gp,Mz"),
        S.outDroprefUnguarded(.accountingLeak, witness: "Ar,Sa,Fp,Mz"),
        S.bugOnPmdNuma(witness: "Aw,Bw,Saa"),
        S.clearBad(.lostWrite, witness: "Aw,Bw,Saa"),
        S.clearBad(.refinement, witness: "Ar,Sa,Mz"),
        S.zapTransientNone("scanner", witness: "Ar,Sa,Mz"),
      ],
      "v3.13": [
        S.forcePinDuringMigration(witness: "Aw,Sa,Gf"),
        S.rollbackAfterCommit(.lostWrite, witness: "Aw,Bw,Sa,Wr"),
        S.rollbackAfterCommit(.refinement, witness: "Aw,Sa,Wr"),
        S.fastPinAfterIsolation(witness: "Sa,Gp,Fp"),
        S.waiterOnFreedPage("woken", witness: "Aw,Bw,Sa"),
        S.waiterOnFreedPage("wait", witness: "Aw,Bw,Sa"),
        S.bugOnPmdNuma(witness: "Aw,Bw,Saa"),
        S.clearBad(.lostWrite, witness: "Aw,Bw,Saa"),
        S.clearBad(.refinement, witness: "Ar,Sa,Mz"),
        S.zapTransientNone("pmdp_clear_flush", witness: "Ar,Sa,Mz"),
        S.flushPendingClearedByOtherScanner(witness: "Aw,Bw,Sa,Ta"),
      ],
      "v4.14": [
        S.forcePinDuringMigration(witness: "Aw,Sa,Gf"),
        S.deviceAfterCopy(witness: "Aw,Sa,Dw"),
        S.clearBad(.lostWrite, witness: "Aw,Bw,Saa"),
        S.clearBad(.refinement, witness: "Ar,Sa,Mz"),
        S.zapTransientNone("pmdp_huge_clear_flush_notify", witness: "Ar,Sa,Mz"),
        S.newPageFreedLocked(witness: "Ar,Sa,Mz"),
      ],
      "v4.20": [
        S.forcePinDuringMigration(witness: "Aw,Sa,Gf"),
        S.clearBad(.lostWrite, witness: "Aw,Sa,Mz"),
        S.clearBad(.refinement, witness: "Ar,Sa,Mz"),
        S.newPageFreedLocked(witness: "Ar,Sa,Mz"),
      ],
      "v5.14": [
        S.clearBad(.lostWrite, witness: "Aw,Bw,Saa", S.eClearBadMigration),
        S.clearBad(.refinement, witness: "Aw,Bw,Saa", S.eClearBadMigration),
        S.zapSkipsMigrationEntry(witness: "Ar,Sa,Mz"),
      ],
    ]
  }()

  /// Each seed fix's story (with its variants), as its revert from v4.20 must show it on the
  /// seed's scenario.
  static let seedStories: [String: [KnownStory]] = [
    "3f926ab945b6": [Stories.hintClearedDuringCopy(witness: "Aw,Bw,Saa")],
    "3c226c637b69": [
      Stories.waiterOnFreedPage("woken", witness: "Aw,Bw,Sa"),
      Stories.waiterOnFreedPage("wait", witness: "Aw,Bw,Sa"),
    ],
    "04fa5d6a6547": [Stories.pinnedPageMigrated("gup-slow", witness: "Aw,Sa,Gp")],
    "2b4847e73004": [Stories.pinAfterIsolation(witness: "Aw,Sa,Gp")],
    "7066f0f933a1": [Stories.deviceAfterCopy(witness: "Aw,Sa,Dw")],
    // v6.12's switches.
    "no-precopy-refcount-check": [
      V6Stories.pinnedFolioCopied("gup-slow", witness: "Aw,Sa,Gp"),
      V6Stories.pinAfterIsolation("gup-slow", witness: "Aw,Sa,Gp"),
      V6Stories.pinnedFolioCopied("gup-fast", witness: "Aw,Sa,Fp"),
      V6Stories.pinAfterIsolation("gup-fast", witness: "Aw,Sa,Fp"),
    ],
    "wait-unlocks-ptl-first": [V6Stories.waiterOnFreedFolio(witness: "Aw,Bw,Sa")],
    "no-secondary-tlb-flush": [
      V6Stories.deviceAfterCopy(.lostWrite, witness: "Aw,Sa,Dw"),
      V6Stories.deviceAfterCopy(.useAfterFree, witness: "Aw,Sa,Dw"),
    ],
  ]
}
