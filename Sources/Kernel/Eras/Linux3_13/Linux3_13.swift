import THPSpec

/// The v3.13 code: `do_huge_pmd_numa_page` with the page
/// lock held until the marker is cleared (`3f926ab945b6`), `migrate_misplaced_transhuge_page`
/// that always returns with the page unlocked and the marker cleared, the `pmd_numa` scanner,
/// `follow_page`/`follow_trans_huge_pmd`, x86 fast GUP and `zap_huge_pmd`. There is no
/// `->invalidate_range` before v3.19, so no device.
///
/// Two states of the code:
/// - `.rc1` (`v3.13-rc1`): the before-image of `2b4847e73004`'s diff. A fault that lost the
///   `trylock_page` race and finds the page misplaced sleeps in `lock_page` (with a reference);
///   one that finds it well placed waits in `wait_on_page_locked` without one. The migrator
///   re-checks only `pmd_same` (no `page_count`), clears the PMD with `pmdp_clear_flush` before
///   `set_pmd_at`, adds the new rmap after it, and its `out_dropref` restores the PMD with no
///   ptl and no `pmd_same`. No `pmd_trans_migrating` wait, no `tlb_flush_pending`, no notifier
///   range in the migrator; the scanner clears the PMD (`pmdp_get_and_clear`) before writing
///   the `pmd_mknuma` value. `follow_trans_huge_pmd` has no FOLL_NUMA test.
/// - `.release` (`v3.13`): `2b4847e73004`, the rest of the Dec 2013 series (`f714f4f20e59`,
///   `5a6dac3ec5f5`, `eb4489f69f22`, `de466bd628e8`, `20841405940e`) and `b0943d61b8fa`.
struct Linux3_13: Era {
  /// Which kernel state of this era.
  enum Variant: Sendable, Hashable { case rc1, release }
  let variant: Variant
  /// 16af97dc5a89 (v4.13) backported, for the tests' mutants: `tlb_flush_pending` a counter
  /// (`inc`/`dec`) rather than v3.13's flag (`set`/`clear`).
  let flushPendingCounter: Bool

  init(variant: Variant, flushPendingCounter: Bool = false) {
    self.variant = variant
    self.flushPendingCounter = flushPendingCounter
  }

  var hasDevice: Bool { false }
  var isRelease: Bool { variant == .release }

  /// The era's labels, one per atomic step, named after their code point.
  enum L: UInt16 {
    // do_huge_pmd_numa_page
    case numaLock = 128
    case numaSame, numaTransMigrating, tmUnlock, tmReread
    case numaTrylock, numaMisplaced, waitUnlock, waitSleep, waitWoken
    case numaClear, numaClearUnlockPage, numaUnlockOut
    case numaGetPage, numaUnlockForAV, numaLockPage, numaAnonVma, numaRelock, numaSameAgain
    case numaRaceUnlockPage, numaRacePutPage, numaUnlockThenAV, numaAVUnlock, numaUnlockMigrate
    // migrate_misplaced_transhuge_page and numamigrate_isolate_page
    case migRatelimit, migAlloc, migBalanced, migIsolate, migPageCount, migIsoPutbackLRU
    case migIsoPutbackPut, migIsoAccount, migIsoPutPin, migIsoFailPutNew, migFlushPending
    case migFlush, migCopy, migNotifierStart, migLock, migSame, migCount2
    case migFailUnlock, migFailNotifierEnd, migFailUnlockNew, migFailPutNew, migDrainLRU
    case migDrainPut, migFailGetPage, migFailPutbackLRU, migFailPutbackPut, migFailUncount
    case migRmapNew, migClear, migClearFlush, migSetPmd, migPostFlush, migRecount
    case migRollbackSet, migRollbackFlush, migRollbackRmap
    case migUnlockPtl, migNotifierEnd, migUnlockNew, migUnlockOld, migPutOld1, migPutOld2
    case migUncount
    case migOutDropLock, migOutDropSame, migOutDropSet, migOutDropUnlock, migOutUnlock, migOutPut
  }

  /// Era-specific step names (codes 1080..<1160).
  enum S: UInt16 {
    case notifierEnd = 1080
    case pageAddNewAnonRmap, waitMigrateHugePage, waitMigrateHugePageNone

    var text: String {
      switch self {
      case .notifierEnd: "mmu_notifier_invalidate_range_end"
      case .pageAddNewAnonRmap: "page_add_new_anon_rmap(new_page): into this CPU's pagevec"
      case .waitMigrateHugePage: "wait_migrate_huge_page: pmd_page(*pmd)"
      case .waitMigrateHugePageNone: "wait_migrate_huge_page: pmd_none, nothing to wait on"
      }
    }
  }

  func stepText(_ code: UInt16) -> String? { S(rawValue: code)?.text }

  var numaFaultEntry: UInt16 { L.numaLock.rawValue }

  /// MADV_DONTNEED is the one ``Zap`` procedure (no `->invalidate_range` listener before v3.19).
  var zap: ZapOptions {
    ZapOptions(
      notifierSteps: true, invalidateRange: false, migrationEntries: false, oldClearName: true,
      tlbBatching: false)
  }

  /// `__handle_mm_fault` of v3.13: `BUG_ON(pmd_numa(*pmd))` after a PMD that was not huge.
  var faultEntry: FaultOptions { FaultOptions(bugOnNuma: true) }

  /// `page_add_new_anon_rmap` leaves a new page in this CPU's LRU pagevec; a huge-page fallback
  /// falls through to the `BUG_ON`.
  var anon: AnonOptions { AnonOptions(pagevec: true, fallbackBugOn: true) }

  /// No page_idle yet (v4.3): the PFN walker is memory hot-remove's `do_migrate_range`.
  var walker: WalkerOptions { WalkerOptions(kind: .hotRemove) }

  /// The scanner and GUP are the v3.8–v3.13 procedures (``PMDNuma``): with the notifier
  /// steps; v3.13 adds the flush-pending flag, marks without clearing (`5a6dac3ec5f5`) and tests
  /// FOLL_NUMA under the ptl (`2b4847e73004`).
  var pmdNuma: PMDNumaOptions? {
    PMDNumaOptions(
      notifierSteps: true, flushPendingFlag: isRelease, clearBeforeMark: !isRelease,
      skipMarked: true, follNumaLocked: isRelease, touchIfChanged: true,
      flushPendingCounter: flushPendingCounter)
  }

  func entry(for role: Role) -> UInt16 { commonEntry(for: role) }

  func wait(_ pc: UInt16, _ w: World, _ c: Ctx) -> Wait {
    switch L(rawValue: pc) {
    case .numaLock, .numaRelock, .migLock, .migOutDropLock: .ptl
    case .migFlush, .migClearFlush, .migPostFlush, .migRollbackFlush: .ipi
    case .waitWoken, .numaLockPage: .pageUnlocked
    default: .nothing
    }
  }

  func choices(_ pc: UInt16, _ w: World, _ c: Ctx) -> Int {
    switch L(rawValue: pc) {
    case .numaMisplaced:
      // v3.13 waits whatever the target when the trylock failed: the outcome changes nothing.
      isRelease && !w.actors[c.a].flags.contains(.pageLocked) ? 1 : 2
    case .migBalanced, .migRatelimit: 2
    case .migAlloc: w.canAllocate(limit: c.frameLimit) ? 2 : 1
    default: 1
    }
  }

  func step(_ w: inout World, _ c: Ctx, choice: Int, _ fx: inout Fx) {
    guard let label = L(rawValue: w.pc(c.a)) else { return }
    switch label.rawValue {
    case L.numaLock.rawValue..<L.migRatelimit.rawValue: fault(label, &w, c, choice: choice, &fx)
    default: migrate(label, &w, c, choice: choice, &fx)
    }
  }

  func go(_ w: inout World, _ c: Ctx, _ l: L) { w.go(c.a, l.rawValue) }
}
