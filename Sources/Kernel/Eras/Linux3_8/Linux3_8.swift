import THPSpec

/// The v3.8 family (reference §1.a, seed 002): `do_huge_pmd_numa_page` with a sleeping
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
  enum L: UInt8 {
    // do_huge_pmd_numa_page
    case numaLock = 64
    case numaSame, numaGetPage, numaMisplaced, numaLocalPut
    case numaUnlockForLock, numaLockPage, numaRelock, numaSameAgain
    case numaRaceUnlockPage, numaRacePutPage, numaUnlockMigrate
    case checkSameLock, checkSame, checkSameUnlockPage
    case numaClear, numaClearUnlockPage, numaUnlockOut
    // migrate_misplaced_transhuge_page and numamigrate_isolate_page
    case migMapcount, migRatelimit, migAlloc, migBalanced, migIsolate, migIsoDropPin
    case migPageCount3, migIsoPutback, migIsoAccount, migIsoPutPin
    case migPageCount2, migV1PutNew, migV1Putback, migIsoFailPutNew
    case migCopy, migLock, migSame
    case migFailUnlock, migFailUnlockNew, migFailPutNew, migFailUnlockOld, migFailPutback
    case migFailUncount
    case migRmapNew, migSetPmd, migUnlockPtl, migUnlockNew, migUnlockOld, migPutOld1, migPutOld2
    case migUncount, migOutUnlock, migOutPut
    // change_prot_numa → change_protection_range → change_huge_pmd
    case scanCheck, scanLock, scanCheckHuge, scanClear, scanSetPmd, scanUnlock, scanFlush
    // get_user_pages (FOLL_WRITE | FOLL_TOUCH | FOLL_NUMA) and x86 get_user_pages_fast
    case gupFollow, gupLock, gupFollowLocked, gupGet, gupUnlock, gupUnlockFault
    case gupfIrqOff, gupfRead, gupfGet, gupfBail, gupfIrqOn
  }

  /// Era-specific step names (codes 1000..<1080).
  enum S: UInt16, CaseIterable {
    case scanHuge = 1000
    case scanGetAndClear, addNewAnonRmap
    case followNuma, followTouch, followNotHuge, fastNotPresent, isolateDropPin

    var text: String {
      switch self {
      case .scanHuge: "change_pmd_range: pmd_trans_huge"
      case .scanGetAndClear: "change_huge_pmd: pmdp_get_and_clear"
      case .addNewAnonRmap: "page_add_new_anon_rmap (new page onto the LRU)"
      case .followNuma: "follow_page: FOLL_NUMA && pmd_numa → fault"
      case .followTouch: "follow_trans_huge_pmd: FOLL_TOUCH set_pmd_at(young, dirty)"
      case .followNotHuge: "follow_page: not pmd_trans_huge under the ptl → fault"
      case .fastNotPresent: "gup_huge_pmd: not present → slow GUP"
      case .isolateDropPin: "numamigrate_isolate_page: put_page (caller's pin)"
      }
    }
  }

  var numaFaultEntry: UInt8 { L.numaLock.rawValue }

  /// MADV_DONTNEED is the one ``Zap`` procedure; this model leaves out the notifier calls,
  /// which nothing listens to before v3.19.
  var zap: ZapOptions {
    ZapOptions(
      notifierSteps: false, invalidateRange: false, migrationEntries: false, oldClearName: true)
  }

  func entry(for role: Role) -> UInt8 {
    switch role {
    case .scanner: L.scanCheck.rawValue
    case .gupSlow: L.gupFollow.rawValue
    case .gupFast: L.gupfIrqOff.rawValue
    case .madvise: zap.entry
    default: Shared.access.rawValue
    }
  }

  func wait(_ pc: UInt8, _ w: World, _ c: Ctx) -> Wait {
    switch L(rawValue: pc) {
    case .numaLock, .numaRelock, .checkSameLock, .migLock, .scanLock, .gupLock: .ptl
    case .numaLockPage: .pageUnlocked
    case .scanFlush: .ipi
    default: .nothing
    }
  }

  func choices(_ pc: UInt8, _ w: World, _ c: Ctx) -> Int {
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
    case L.migMapcount.rawValue..<L.scanCheck.rawValue: migrate(label, &w, c, choice: choice, &fx)
    case L.scanCheck.rawValue..<L.gupFollow.rawValue: scan(label, &w, c, &fx)
    default: gup(label, &w, c, &fx)
    }
  }

  func go(_ w: inout World, _ c: Ctx, _ l: L) { w.go(c.a, l.rawValue) }

}
