import THPSpec

/// The v3.8 family: `do_huge_pmd_numa_page` with a sleeping
/// `lock_page` and `migrate_misplaced_transhuge_page` as `b32967ff101a` introduced them, the
/// `pmd_numa` scanner that clears the PMD with `pmdp_get_and_clear` and flushes the TLB once
/// after its walk, `follow_page`'s unlocked FOLL_NUMA test, x86 fast GUP and `zap_huge_pmd`.
/// No secondary MMU with `->invalidate_range` exists yet, and nothing in the fault or the
/// migration path flushes a TLB.
struct Linux3_8: Era {
  /// Which kernel state of this era.
  enum Variant: Sendable, Hashable {
    /// v3.8-rc1, `b32967ff101a`: no page-count check.
    case rc1
    /// `b32967ff101a` + the first posting of `04fa5d6a6547`: `page_count != 2` after the
    /// isolation, whose failure path puts the page back but keeps NR_ISOLATED_ANON raised.
    case pagecountV1
    /// v3.9, `340ef3902cf2`: `page_count != 3` inside `numamigrate_isolate_page` before the
    /// counter; the migrator always unlocks the page; `check_same` in the caller.
    case v3_9
  }

  let variant: Variant
  var hasDevice: Bool { false }

  /// The era's labels, one per atomic step, named after their code point.
  enum L: UInt16 {
    // do_huge_pmd_numa_page
    case numaLock = 128
    case numaSame, numaGetPage, numaMisplaced, numaLocalPut
    case numaUnlockForLock, numaLockPage, numaRelock, numaSameAgain
    case numaRaceUnlockPage, numaRacePutPage, numaUnlockMigrate
    case checkSameLock, checkSame, checkSameUnlockPage
    case numaClear, numaClearUnlockPage, numaUnlockOut
    // migrate_misplaced_transhuge_page and numamigrate_isolate_page
    case migMapcount, migRatelimit, migAlloc, migBalanced, migIsolate, migIsoDropPin
    case migPageCount3, migIsoPutbackLRU, migIsoPutbackPut, migIsoAccount, migIsoPutPin
    case migPageCount2, migV1PutNew, migV1PutbackLRU, migV1PutbackPut, migIsoFailPutNew
    case migCopy, migLock, migSame
    case migFailUnlock, migFailUnlockNew, migFailPutNew, migFailUnlockOld, migFailPutbackLRU
    case migFailPutbackPut, migFailUncount
    case migRmapNew, migSetPmd, migUnlockPtl, migUnlockNew, migUnlockOld, migPutOld1, migPutOld2
    case migUncount, migOutUnlock, migOutPut
  }

  /// Era-specific step names (codes 1000..<1080).
  enum S: UInt16, CaseIterable {
    case addNewAnonRmap = 1000
    case isolateDropPin

    var text: String {
      switch self {
      case .addNewAnonRmap: "page_add_new_anon_rmap: lru_cache_add into this CPU's pagevec"
      case .isolateDropPin: "numamigrate_isolate_page: put_page (caller's pin)"
      }
    }
  }

  var numaFaultEntry: UInt16 { L.numaLock.rawValue }

  /// MADV_DONTNEED is the one ``Zap`` procedure; this model leaves out the notifier calls,
  /// which nothing listens to before v3.19.
  var zap: ZapOptions {
    ZapOptions(
      notifierSteps: false, invalidateRange: false, migrationEntries: false, oldClearName: true,
      tlbBatching: false)
  }

  /// `handle_mm_fault` of v3.8: a PMD that is not huge at its second read is tested again
  /// with `pmd_numa(*pmd)` for `do_pmd_numa_page`; `huge_pmd_set_accessed` arrived after
  /// v3.8-rc1.
  var faultEntry: FaultOptions { FaultOptions(tableNuma: true, setAccessed: variant != .rc1) }

  /// `page_add_new_anon_rmap` leaves a new page in this CPU's LRU pagevec.
  var anon: AnonOptions { AnonOptions(pagevec: true) }

  /// No page_idle yet (v4.3): the PFN walker is memory hot-remove's `do_migrate_range`.
  var walker: WalkerOptions { WalkerOptions(kind: .hotRemove) }

  /// The scanner and GUP are the v3.8–v3.13 procedures (``PMDNuma``): no notifier steps, no
  /// flush-pending flag, the PMD cleared before it is marked and re-marked when marked already,
  /// no locked FOLL_NUMA test, an unconditional FOLL_TOUCH store.
  var pmdNuma: PMDNumaOptions? {
    PMDNumaOptions(
      notifierSteps: false, flushPendingFlag: false, clearBeforeMark: true, skipMarked: false,
      follNumaLocked: false, touchIfChanged: false)
  }

  func entry(for role: Role) -> UInt16 { commonEntry(for: role) }

  func wait(_ pc: UInt16, _ w: World, _ c: Ctx) -> Wait {
    switch L(rawValue: pc) {
    case .numaLock, .numaRelock, .checkSameLock, .migLock: .ptl
    case .numaLockPage: .pageUnlocked
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

  func stepText(_ code: UInt16) -> String? { S(rawValue: code)?.text }

  func step(_ w: inout World, _ c: Ctx, choice: Int, _ fx: inout Fx) {
    guard let label = L(rawValue: w.pc(c.a)) else { return }
    switch label.rawValue {
    case L.numaLock.rawValue..<L.migMapcount.rawValue: fault(label, &w, c, choice: choice, &fx)
    default: migrate(label, &w, c, choice: choice, &fx)
    }
  }

  func go(_ w: inout World, _ c: Ctx, _ l: L) { w.go(c.a, l.rawValue) }

}
