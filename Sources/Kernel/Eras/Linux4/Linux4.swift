import THPSpec

/// The v4.x code: `do_huge_pmd_numa_page` with
/// `migrate_misplaced_transhuge_page`, the protnone scanner with `pmdp_invalidate`, generic GUP
/// and `zap_huge_pmd`. v4.14 and v4.20 differ only by the 2018 fixes and the rate limit, so both
/// are this code with different ``Features``; each seed fix can be taken out of v4.20 alone.
struct Linux4: Era {
  /// The fixes and code differences this build of the v4.x code carries.
  struct Features: OptionSet, Sendable, Hashable {
    let rawValue: UInt16
    /// `3f926ab945b6` (seed 000): the page lock is held until the marker is cleared; a failed
    /// migration clears the marker itself (no `check_same` in the caller).
    static let lockedHintClear = Features(rawValue: 1 << 0)
    /// `3c226c637b69` (seed 001): both wait sites take a reference before sleeping.
    static let waiterReference = Features(rawValue: 1 << 1)
    /// `04fa5d6a6547`/`340ef3902cf2` (seed 002): `page_count != 3` in `numamigrate_isolate_page`.
    static let pageCountCheck = Features(rawValue: 1 << 2)
    /// `2b4847e73004` (seed 003): the locked FOLL_NUMA test in `follow_trans_huge_pmd` and fast
    /// GUP's protnone bail-out.
    static let follNumaLocked = Features(rawValue: 1 << 3)
    /// `7066f0f933a1` (seed 004): `mmu_notifier_invalidate_range` in the fault path's
    /// flush-pending branch; no notifier range in the migrator.
    static let faultPathInvalidate = Features(rawValue: 1 << 4)
    /// `d7c3393413fe`: no `pmdp_huge_clear_flush_notify` before the new `set_pmd_at`.
    static let noClearBeforeSet = Features(rawValue: 1 << 5)
    /// Until 4.19: `numamigrate_update_ratelimit` at the top of the migrator.
    static let ratelimit = Features(rawValue: 1 << 6)
    /// v4.16+ (d52605d7cb30): `pmdp_invalidate` is one atomic exchange.
    static let atomicInvalidate = Features(rawValue: 1 << 7)
    /// v4.13 (Will Deacon, "mm/migrate.c: stabilise page count when migrating transparent
    /// hugepages"): `page_ref_freeze(page, 2)` before the switch. Without it (the v3.13–v4.12
    /// code, kept for the tests' mutants): `page_count(page) != 2` before the switch and again
    /// after it, where a changed count writes the old PMD back.
    static let refFreeze = Features(rawValue: 1 << 8)
    /// A mutant for the tests, never a kernel of this era: FOLL_FORCE honours NUMA hinting as
    /// FOLL_NUMA GUP does.
    static let forceHonoursNuma = Features(rawValue: 1 << 9)

    /// v4.14: after the 2017 fixes, before the 2018 ones.
    static let v4_14: Features = [
      .lockedHintClear, .waiterReference, .pageCountCheck, .follNumaLocked, .ratelimit,
      .refFreeze,
    ]
    /// v4.20: all five seed fixes and `d7c3393413fe`.
    static let v4_20: Features = [
      .lockedHintClear, .waiterReference, .pageCountCheck, .follNumaLocked,
      .faultPathInvalidate, .noClearBeforeSet, .atomicInvalidate, .refFreeze,
    ]
  }

  let features: Features
  var hasDevice: Bool { true }

  /// The era's labels, one per atomic step, named after their code point.
  enum L: UInt16 {
    // do_huge_pmd_numa_page
    case numaLock = 128
    case numaSame, numaTransMigrating, numaTrylock, numaMisplaced
    case waitGetRef, waitUnlock, waitSleep, waitWoken, waitPut
    case numaEarlyUnlockPage, numaClear, numaClearUnlockPage, numaUnlockOut
    case numaGetPage, numaUnlockForAV, numaAnonVma, numaRelock, numaSameAgain
    case numaRaceUnlockPage, numaRacePutPage, numaUnlockThenAV, numaAVUnlock
    case numaFlushPending, numaFlush, numaInvalidate, numaUnlockMigrate
    case checkSameLock, checkSame, checkSameClear
    // migrate_misplaced_transhuge_page and numamigrate_isolate_page
    case migRatelimit, migAlloc, migBalanced, migIsolate, migPageCount, migIsoPutbackLRU
    case migIsoPutbackPut, migIsoAccount, migIsoPutPin, migIsoFailPutNew, migCopy
    case migNotifierStart, migLock, migSame, migFreeze
    case migFailUnlock, migFailNotifierEnd, migFailUnlockNew, migFailPutNew, migFailGetPage
    case migFailPutbackLRU, migFailPutbackPut, migFailUncount
    case migClear, migClearFlush, migClearInvalidate
    case migRecount, migRollbackSet, migRollbackFlush, migRollbackInvalidate, migRollbackRmap
    case migSetPmd, migUnfreeze, migUnlockPtl, migNotifierEnd, migGetNew, migPutbackNewLRU
    case migPutbackNewPut, migUnlockNew, migUnlockOld, migPutOld1, migPutOld2, migUncount
    case migOutFailLock, migOutFailSame, migOutFailSet, migOutFailUnlock, migOutUnlock, migOutPut
  }

  var numaFaultEntry: UInt16 { L.numaLock.rawValue }

  func entry(for role: Role) -> UInt16 { commonEntry(for: role) }

  /// MADV_DONTNEED is the one ``Zap`` procedure, with v4.13's TLB batching.
  var zap: ZapOptions {
    ZapOptions(
      notifierSteps: true, invalidateRange: true, migrationEntries: false, oldClearName: false,
      tlbBatching: true)
  }

  /// `__handle_mm_fault` of v4.x: `pmd_none(*pmd)`, then `orig_pmd = *pmd`.
  var faultEntry: FaultOptions { FaultOptions() }

  /// A huge page goes on the LRU at once (compound pages drain the pagevec, v4.8+).
  var anon: AnonOptions { AnonOptions(pagevec: false) }

  /// page_idle, its `PageLRU` re-test under `zone_lru_lock`.
  var walker: WalkerOptions { WalkerOptions(kind: .pageIdle, lruLockRecheck: true) }

  /// `do_huge_pmd_wp_page` locks the page for `reuse_swap_page` (ba3c4ce6def4, v4.14).
  var writeFaultLocksPage: Bool { true }

  /// The scanner and GUP are the shared v4.0+ procedures (``ProtNone``); `pmdp_invalidate` is
  /// atomic from v4.16 (d52605d7cb30), so in v4.20 and not in v4.14.
  var protNone: ProtNoneOptions? {
    ProtNoneOptions(
      migrationEntries: false, follNumaLocked: features.contains(.follNumaLocked),
      pinWhileIsolatedRule: true, atomicInvalidate: features.contains(.atomicInvalidate),
      grabBeforeTouch: false, forceHonoursNuma: features.contains(.forceHonoursNuma))
  }

  func wait(_ pc: UInt16, _ w: World, _ c: Ctx) -> Wait {
    switch L(rawValue: pc) {
    case .numaLock, .numaRelock, .checkSameLock, .migLock, .migOutFailLock:
      .ptl
    case .numaFlush, .migClearFlush: .ipi
    case .waitWoken: .pageUnlocked
    default: .nothing
    }
  }

  func choices(_ pc: UInt16, _ w: World, _ c: Ctx) -> Int {
    switch L(rawValue: pc) {
    case .numaMisplaced, .migBalanced, .migRatelimit: 2
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
