import THPSpec

/// The v3.13 code (reference §1.b, §2 seeds 000 and 003): `do_huge_pmd_numa_page` with the page
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

  init(variant: Variant) { self.variant = variant }

  var hasDevice: Bool { false }
  var isRelease: Bool { variant == .release }

  /// The era's labels, one per atomic step, named after their code point.
  enum L: UInt8 {
    // do_huge_pmd_numa_page
    case numaLock = 64
    case numaSame, numaTransMigrating, tmUnlock, tmReread
    case numaTrylock, numaMisplaced, waitUnlock, waitSleep, waitWoken
    case numaClear, numaClearUnlockPage, numaUnlockOut
    case numaGetPage, numaUnlockForAV, numaLockPage, numaAnonVma, numaRelock, numaSameAgain
    case numaRaceUnlockPage, numaRacePutPage, numaUnlockThenAV, numaAVUnlock, numaUnlockMigrate
    // migrate_misplaced_transhuge_page and numamigrate_isolate_page
    case migRatelimit, migAlloc, migBalanced, migIsolate, migPageCount, migIsoPutback
    case migIsoAccount, migIsoPutPin, migIsoFailPutNew, migFlushPending, migFlush
    case migCopy, migNotifierStart, migLock, migSame, migCount2
    case migFailUnlock, migFailNotifierEnd, migFailUnlockNew, migFailPutNew, migFailGetPage
    case migFailPutback, migFailUncount
    case migRmapNew, migClear, migClearFlush, migSetPmd, migPostFlush, migRecount
    case migRollbackSet, migRollbackFlush, migRollbackRmap
    case migUnlockPtl, migNotifierEnd, migUnlockNew, migUnlockOld, migPutOld1, migPutOld2
    case migUncount, migDrain
    case migOutDropLock, migOutDropSame, migOutDropSet, migOutDropUnlock, migOutUnlock, migOutPut
    // task_numa_work → change_protection → change_huge_pmd
    case scanNotifierStart, scanSetPending, scanCheck, scanLock, scanCheckHuge, scanClear
    case scanSetPmd, scanUnlock, scanFlush, scanClearPending, scanNotifierEnd
    // get_user_pages (FOLL_WRITE | FOLL_NUMA | FOLL_TOUCH | FOLL_GET), x86 get_user_pages_fast
    case gupFollow, gupLock, gupFollowLocked, gupUnlock, gupUnlockFault
    case gupfIrqOff, gupfRead, gupfGet, gupfBail, gupfIrqOn
  }

  /// Era-specific step names (codes 1080..<1160).
  enum S: UInt16 {
    case setTlbFlushPending = 1080
    case clearTlbFlushPending, notifierEnd
    case changeHugePmdSkipNuma, changeHugePmdGetAndClear, changeHugePmdMark
    case followPmdNuma, followTransHugePmdNuma, gupPmdNumaBail, gupHugePmdNotPresent
    case pageAddNewAnonRmap, pageRemoveRmapNew, waitMigrateHugePage, waitMigrateHugePageNone
    case pageCountNot2After, pageCount2After, pagevecDrain
    case changePmdRangeHuge

    var text: String {
      switch self {
      case .setTlbFlushPending: "set_tlb_flush_pending"
      case .clearTlbFlushPending: "clear_tlb_flush_pending"
      case .notifierEnd: "mmu_notifier_invalidate_range_end"
      case .changeHugePmdSkipNuma: "change_huge_pmd: already pmd_numa"
      case .changeHugePmdGetAndClear: "change_huge_pmd: pmdp_get_and_clear"
      case .changeHugePmdMark: "change_huge_pmd: huge, not pmd_numa"
      case .followPmdNuma: "follow_page: FOLL_NUMA && pmd_numa → fault"
      case .followTransHugePmdNuma: "follow_trans_huge_pmd: FOLL_NUMA && pmd_numa → fault"
      case .gupPmdNumaBail: "gup_pmd_range: pmd_numa → slow GUP"
      case .gupHugePmdNotPresent: "gup_huge_pmd: not present → slow GUP"
      case .pageAddNewAnonRmap: "page_add_new_anon_rmap(new_page)"
      case .pageRemoveRmapNew: "page_remove_rmap(new_page)"
      case .waitMigrateHugePage: "wait_migrate_huge_page: pmd_page(*pmd)"
      case .waitMigrateHugePageNone: "wait_migrate_huge_page: pmd_none, nothing to wait on"
      case .pageCountNot2After: "page_count != 2 after set_pmd_at: roll back"
      case .pageCount2After: "page_count == 2 after set_pmd_at"
      case .pagevecDrain: "lru_add_drain: the pagevec drops its reference"
      case .changePmdRangeHuge: "change_pmd_range: pmd_trans_huge"
      }
    }
  }

  func stepText(_ code: UInt16) -> String? { S(rawValue: code)?.text }

  var numaFaultEntry: UInt8 { L.numaLock.rawValue }

  /// MADV_DONTNEED is the one ``Zap`` procedure (no `->invalidate_range` listener before v3.19).
  var zap: ZapOptions {
    ZapOptions(
      notifierSteps: true, invalidateRange: false, migrationEntries: false, oldClearName: true)
  }

  func entry(for role: Role) -> UInt8 {
    switch role {
    case .scanner: L.scanNotifierStart.rawValue
    case .gupSlow: L.gupFollow.rawValue
    case .gupFast: L.gupfIrqOff.rawValue
    case .madvise: zap.entry
    default: Shared.access.rawValue
    }
  }

  func wait(_ pc: UInt8, _ w: World, _ c: Ctx) -> Wait {
    switch L(rawValue: pc) {
    case .numaLock, .numaRelock, .migLock, .migOutDropLock, .scanLock, .gupLock: .ptl
    case .migFlush, .migClearFlush, .migPostFlush, .migRollbackFlush, .scanFlush: .ipi
    case .waitWoken, .numaLockPage: .pageUnlocked
    default: .nothing
    }
  }

  func choices(_ pc: UInt8, _ w: World, _ c: Ctx) -> Int {
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
    case L.migRatelimit.rawValue..<L.scanNotifierStart.rawValue:
      migrate(label, &w, c, choice: choice, &fx)
    case L.scanNotifierStart.rawValue..<L.gupFollow.rawValue: scan(label, &w, c, &fx)
    default: gup(label, &w, c, &fx)
    }
  }

  func go(_ w: inout World, _ c: Ctx, _ l: L) { w.go(c.a, l.rawValue) }
}
