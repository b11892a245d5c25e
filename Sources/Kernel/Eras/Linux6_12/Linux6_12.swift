import THPSpec

/// The v6.12 (LTS) code: folios, no page lock in the NUMA fault path, the folio isolated while
/// the ptl is held (`migrate_misplaced_folio_prepare`), generic migration in two phases
/// (`migrate_pages_batch`: unmap with a PMD migration entry, then move: the reference check,
/// the copy, the freeze, `remove_migration_pmd`), waiters queued on the folio while the ptl is
/// still held (`migration_entry_wait_on_locked`), the scanner's mmu_gather with its one
/// deferred flush, and the secondary MMU invalidated from the arch TLB flush itself
/// (`mmu_notifier_arch_invalidate_secondary_tlbs` at the end of x86 `flush_tlb_mm_range`).
///
/// Every procedure of this era is its own (labels from 128): the fault entry, the anonymous
/// fault and `huge_pmd_set_accessed` are the shared ones; the scanner, GUP and MADV_DONTNEED
/// read the PMD the way 6.12 does, not the way the v4.0+ procedures of ``ProtNone`` and
/// ``Zap`` do.
///
/// Read at: huge_memory.c and mprotect.c of v6.12, migrate.c of the v6.12-rc1 mm tree,
/// memory.c and gup.c of 6.13 copies whose PMD paths are 6.12's (proofs-notes/Linux6_12.md).
struct Linux6_12: Era {
  /// The defences of this era that a revert switch can take out, one line each.
  struct Features: OptionSet, Sendable, Hashable {
    let rawValue: UInt8
    /// `__migrate_folio`: `if (folio_ref_count(src) != expected_count) return -EAGAIN;` before
    /// the copy (added by 060913999d7a, v6.12-rc1).
    static let precopyRefCheck = Features(rawValue: 1 << 0)
    /// `migration_entry_wait_on_locked` drops the ptl only after `folio_set_waiters` and the
    /// enqueue (the order ffa65753c431 relies on, v5.17).
    static let waitQueuesUnderPTL = Features(rawValue: 1 << 1)
    /// x86 `flush_tlb_mm_range` ends with `mmu_notifier_arch_invalidate_secondary_tlbs()`
    /// (added by 6bbd42e2df8f, v6.6).
    static let secondaryInFlush = Features(rawValue: 1 << 2)

    /// v6.12 as released.
    static let v6_12: Features = [.precopyRefCheck, .waitQueuesUnderPTL, .secondaryInFlush]
  }

  let features: Features

  init(features: Features) { self.features = features }

  var hasDevice: Bool { true }

  /// The era's labels, one per atomic step, named after their code point.
  enum L: UInt16 {
    // do_huge_pmd_numa_page, numa_migrate_check, migrate_misplaced_folio_prepare
    case numaLock = 128
    case numaSame, numaCheck, prepBalanced, prepClearLRU, prepGet, prepAccount
    case numaOutMap, numaUnlockOut, numaUnlockMigrate, numaFailLock, numaFailSame
    // pmd_migration_entry_wait → migration_entry_wait_on_locked
    case mweLock, mweCheck, mweQueue, mweUnlockWait, mweWoken, mweUnlock
    // migrate_pages_batch, unmap phase: migrate_folio_unmap
    case umFreedCheck, umFreedUncount, umFreedPut, umAlloc, umTrylock, umMapped
    // try_to_migrate → try_to_migrate_one → set_pmd_migration_entry
    case ttmWalkRead, ttmLock, ttmCheck, ttmInvalidate, ttmFlush, ttmSecondary, ttmSetEntry
    case ttmPut, ttmUnlock, umStillMapped, umRetry
    // move phase: migrate_folio_move → move_to_new_folio → __migrate_folio
    case mvRefCheck, mvCopy, mvFreeze, mvUnfreeze, mvAddLRU
    // remove_migration_ptes → remove_migration_pte → remove_migration_pmd
    case rmWalkRead, rmLock, rmSyncLock, rmSyncUnlock, rmCheck, rmGet, rmSetPmd, rmUnlock
    // the tail of migrate_folio_move, and its retry passes
    case mvUnlockNew, mvPutNew, mvUnlockOld, mvDoneUncount, mvDonePut, mvRetry
    // migrate_folio_undo_src / migrate_folio_undo_dst
    case undoUnlockOld, undoUnlockNew, undoPutNew
    // migrate_misplaced_folio: putback_movable_pages
    case mmfUncount, mmfAddLRU, mmfPut
    // task_numa_work → change_prot_numa → change_protection → change_pmd_range → change_huge_pmd
    case scGather, scPmdNone, scRead, scLock, scLockedCheck, scDowngrade, scInvalidate, scSetPmd
    case scUnlock, scPteRange, scFlush, scSecondary, scNested, scNestedFlush, scNestedSecondary
    case scDec
    // get_user_pages(FOLL_WRITE) → follow_pmd_mask → follow_huge_pmd
    case gsRead, gsLock, gsLockedCheck, gsGrab, gsTouch, gsUnlock, gsUnlockFault
    // get_user_pages_fast(FOLL_WRITE) → gup_fast_pmd_range → gup_fast_pmd_leaf
    case gfIrqOff, gfRead, gfGrab, gfRecheck, gfPut, gfBail, gfIrqOn
    // MADV_DONTNEED: zap_page_range_single → zap_pmd_range → zap_huge_pmd, tlb_finish_mmu
    case zGather, zIsSwap, zTransHuge, zLock, zLockedCheck, zClear, zUnlock, zUnlockFall, zPmdNone
    case zPteRange, zFlush, zSecondary, zNested, zNestedFlush, zNestedSecondary, zFree, zDec
  }

  /// Era-specific step names (codes 1256..<1400).
  enum S: UInt16 {
    case folioGet = 1256
    case folioPut, folioPutFrees, folioTrylock, folioTrylockFailed, folioUnlock
    case clearLRU, clearLRUFailed
    case waitNotMigrationEntry, waitQueued, waitNotQueued, waitWoken
    case unmapFreed, unmapReferenced, allocDst, allocDstFailed
    case folioMapped, folioNotMapped, folioStillMapped
    case vmaWalkTransHuge, vmaWalkMigrationEntry, vmaWalkNone, vmaWalkNotFound, vmaWalkFound,
      vmaWalkMigrationFound
    case flushTlbMmRange, secondaryTlbs
    case refCountOK, refCountExtra, mcCopy, refFreeze, refFreezeFailed, refUnfreeze
    case addLRUDst, putbackAddLRU
    case unmapPassRetry, movePassRetry, batchExhausted
    case scPmdNone, scPmdNotNone, scHuge, scNotHuge, scPteRangeAgain, scInvalidateAD
    case gsNone, gsNotPresent, gsHuge, gsNotWritable, gsFollow, gsGrab
    case gfIrqSave, gfBail, gfHuge, gfTryGrab, gfTryGrabFailed, gfRecheck, gfRecheckFailed
    case gfPut, gfIrqRestore
    case zNotHuge, zPmdNotNone, zPteRangeAgain, zFree

    var text: String {
      switch self {
      case .folioGet: "folio_get"
      case .folioPut: "folio_put"
      case .folioPutFrees: "folio_put: frees"
      case .folioTrylock: "folio_trylock"
      case .folioTrylockFailed: "folio_trylock: failed (-EAGAIN)"
      case .folioUnlock: "folio_unlock"
      case .clearLRU: "folio_isolate_lru: folio_test_clear_lru"
      case .clearLRUFailed: "folio_isolate_lru: not on the LRU (-EAGAIN)"
      case .waitNotMigrationEntry: "pmd_migration_entry_wait: not a migration entry"
      case .waitQueued: "migration_entry_wait_on_locked: folio_set_waiters, queued"
      case .waitNotQueued: "migration_entry_wait_on_locked: folio unlocked, not queued"
      case .waitWoken: "migration_entry_wait_on_locked: woken"
      case .unmapFreed: "migrate_folio_unmap: folio_ref_count == 1 (freed under us)"
      case .unmapReferenced: "migrate_folio_unmap: folio_ref_count > 1"
      case .allocDst: "alloc_misplaced_dst_folio"
      case .allocDstFailed: "alloc_misplaced_dst_folio: failed (-ENOMEM)"
      case .folioMapped: "migrate_folio_unmap: folio_mapped → try_to_migrate"
      case .folioNotMapped: "migrate_folio_unmap: !folio_mapped → MIGRATEPAGE_UNMAP"
      case .folioStillMapped: "migrate_folio_unmap: still folio_mapped, -EAGAIN"
      case .vmaWalkTransHuge: "page_vma_mapped_walk: pmd_trans_huge → pmd_lock"
      case .vmaWalkMigrationEntry: "page_vma_mapped_walk: migration entry → pmd_lock"
      case .vmaWalkNone: "page_vma_mapped_walk: pmd_none, PVMW_SYNC → pmd_lock"
      case .vmaWalkNotFound: "page_vma_mapped_walk: not found"
      case .vmaWalkFound: "page_vma_mapped_walk: the PMD maps the folio"
      case .vmaWalkMigrationFound: "page_vma_mapped_walk: migration entry of the folio"
      case .flushTlbMmRange: "flush_tlb_mm_range"
      case .secondaryTlbs: "mmu_notifier_arch_invalidate_secondary_tlbs"
      case .refCountOK: "__migrate_folio: folio_ref_count == 1"
      case .refCountExtra: "__migrate_folio: extra reference, -EAGAIN"
      case .mcCopy: "folio_mc_copy"
      case .refFreeze: "folio_ref_freeze(1)"
      case .refFreezeFailed: "folio_ref_freeze(1): failed, -EAGAIN"
      case .refUnfreeze: "folio_ref_unfreeze(1)"
      case .addLRUDst: "folio_add_lru(dst)"
      case .putbackAddLRU: "folio_putback_lru: folio_add_lru"
      case .unmapPassRetry: "migrate_pages_batch: -EAGAIN, another unmap pass"
      case .movePassRetry: "migrate_pages_batch: -EAGAIN, another move pass"
      case .batchExhausted: "migrate_pages_batch: -EAGAIN, passes exhausted"
      case .scPmdNone: "change_pmd_range: pmd_none"
      case .scPmdNotNone: "change_pmd_range: pmd_none: no"
      case .scHuge: "change_pmd_range: pmdp_get_lockless: huge or swap"
      case .scNotHuge: "change_pmd_range: pmdp_get_lockless: not huge"
      case .scPteRangeAgain: "change_pte_range: pte_offset_map_lock: no table, -EAGAIN, again"
      case .scInvalidateAD: "change_huge_pmd: pmdp_invalidate_ad"
      case .gsNone: "follow_pmd_mask: pmd_none → fault"
      case .gsNotPresent: "follow_pmd_mask: !pmd_present → fault"
      case .gsHuge: "follow_pmd_mask: pmd_leaf → pmd_lock"
      case .gsNotWritable: "follow_huge_pmd: FOLL_WRITE, !can_follow_write_pmd → fault"
      case .gsFollow: "follow_huge_pmd: pmd_page"
      case .gsGrab: "follow_huge_pmd: try_grab_folio"
      case .gfIrqSave: "gup_fast: local_irq_save"
      case .gfBail: "gup_fast_pmd_range: not present or protnone → slow GUP"
      case .gfHuge: "gup_fast_pmd_range: pmd_leaf"
      case .gfTryGrab: "try_grab_folio_fast"
      case .gfTryGrabFailed: "try_grab_folio_fast: failed"
      case .gfRecheck: "gup_fast_pmd_leaf: pmd re-check"
      case .gfRecheckFailed: "gup_fast_pmd_leaf: pmd changed"
      case .gfPut: "gup_put_folio"
      case .gfIrqRestore: "gup_fast: local_irq_restore"
      case .zNotHuge: "zap_pmd_range: pmd_trans_huge: no"
      case .zPmdNotNone: "zap_pmd_range: pmd_none: no"
      case .zPteRangeAgain: "zap_pte_range: pte_offset_map_lock: no table, retry the PMD"
      case .zFree: "tlb_finish_mmu: tlb_flush_mmu_free"
      }
    }

    /// Steps where a scheduler should consider switching: releases, copies, reference drops.
    var yields: Bool {
      switch self {
      case .folioPut, .folioPutFrees, .folioUnlock, .mcCopy, .refFreeze, .gfIrqRestore, .gfPut:
        true
      default: false
      }
    }
  }

  /// `PAGE_WAS_MAPPED` in `old_page_state` (an era-private actor flag).
  static let pageWasMapped = ActorState.Flags(rawValue: 1 << 13)
  /// The current phase of `migrate_pages_batch` has used its one modelled retry pass.
  static let retried = ActorState.Flags(rawValue: 1 << 14)
  /// `migrate_pages_batch` is in its move phase (the folio is on `unmap_folios`).
  static let moving = ActorState.Flags(rawValue: 1 << 15)

  var numaFaultEntry: UInt16 { L.numaLock.rawValue }
  var migrationWaitEntry: UInt16 { L.mweLock.rawValue }

  func entry(for role: Role) -> UInt16 {
    switch role {
    case .scanner, .scanner2: L.scGather.rawValue
    case .walker: walker.entry
    case .gupSlow: L.gsRead.rawValue
    case .gupFast: L.gfIrqOff.rawValue
    case .madvise: L.zGather.rawValue
    case .taskA, .taskB, .device: Shared.access.rawValue
    }
  }

  /// MADV_DONTNEED is this era's own procedure (Linux6_12+Zap.swift): 6.12 retries a PMD that
  /// `zap_pte_range` could not map and flushes (CPU and secondary MMU) at `tlb_end_vma`, before
  /// the notifier range ends. The options of the shared ``Zap`` procedure are never read.
  var zap: ZapOptions {
    ZapOptions(
      notifierSteps: false, invalidateRange: false, migrationEntries: true, oldClearName: false,
      tlbBatching: true)
  }

  /// `__handle_mm_fault`: `pmd_none(*vmf.pmd)`, then `vmf.orig_pmd = pmdp_get_lockless()`, whose
  /// migration entry goes to `pmd_migration_entry_wait`.
  var faultEntry: FaultOptions { FaultOptions(migrationEntries: true) }

  /// `folio_add_lru_vma`: a large folio goes on the LRU at once.
  var anon: AnonOptions { AnonOptions(pagevec: false) }

  /// page_idle (`page_idle_get_folio`: `folio_test_lru`, `folio_try_get`, then the folio and
  /// `folio_test_lru` re-checked without a lock); a migration entry is not found.
  var walker: WalkerOptions { WalkerOptions(kind: .pageIdle) }

  func wait(_ pc: UInt16, _ w: World, _ c: Ctx) -> Wait {
    switch L(rawValue: pc) {
    case .numaLock, .numaFailLock, .mweLock, .ttmLock, .rmLock, .rmSyncLock, .scLock, .gsLock,
      .zLock:
      .ptl
    case .ttmFlush, .scFlush, .scNestedFlush, .zFlush, .zNestedFlush: .ipi
    case .mweWoken: .pageUnlocked
    default: .nothing
    }
  }

  func choices(_ pc: UInt16, _ w: World, _ c: Ctx) -> Int {
    switch L(rawValue: pc) {
    case .numaCheck, .prepBalanced: 2
    case .umAlloc: w.canAllocate(limit: c.frameLimit) ? 2 : 1
    case .umRetry, .mvRetry: w.actors[c.a].flags.contains(Linux6_12.retried) ? 1 : 2
    default: 1
    }
  }

  func stepText(_ code: UInt16) -> String? { S(rawValue: code)?.text }

  func step(_ w: inout World, _ c: Ctx, choice: Int, _ fx: inout Fx) {
    guard let label = L(rawValue: w.pc(c.a)) else { return }
    switch label.rawValue {
    case L.numaLock.rawValue..<L.umFreedCheck.rawValue: fault(label, &w, c, choice: choice, &fx)
    case L.umFreedCheck.rawValue..<L.scGather.rawValue: migrate(label, &w, c, choice: choice, &fx)
    case L.scGather.rawValue..<L.gsRead.rawValue: scan(label, &w, c, &fx)
    case L.gsRead.rawValue..<L.zGather.rawValue: gup(label, &w, c, &fx)
    default: zap(label, &w, c, &fx)
    }
  }

  func go(_ w: inout World, _ c: Ctx, _ l: L) { w.go(c.a, l.rawValue) }

  // MARK: Steps every procedure of the era uses

  /// `folio_put` of a reference the actor holds (or took over), named after its outcome.
  func folio_put(_ f: Int, _ w: inout World, _ c: Ctx, _ fx: inout Fx) {
    fx.named(w.peekFrame(f).refcount == 1 ? .folioPutFrees : .folioPut, f)
    w.putPage(f, &fx)
  }

  /// `folio_unlock`: clears PG_locked and wakes the waiters queued on the folio.
  func folio_unlock(_ f: Int, _ w: inout World, _ c: Ctx, _ fx: inout Fx) {
    fx.named(.folioUnlock, f)
    w.unlockPage(f, &fx)
  }

  /// x86 `flush_tlb_mm_range`'s CPU part: the flush IPIs, acknowledged by every CPU (a CPU with
  /// interrupts off holds it up). Its last line, the secondary-MMU invalidation, is the next step.
  func flush_tlb_mm_range(_ w: inout World, _ c: Ctx, _ fx: inout Fx) {
    fx.named(.flushTlbMmRange)
    w.flushCPUTLBs()
    fx.transition = .drop(.cpus)
  }

  /// `mmu_notifier_arch_invalidate_secondary_tlbs(mm, start, end)` at the end of
  /// `flush_tlb_mm_range` (6bbd42e2df8f): the device's TLB drops its translation.
  func invalidate_secondary_tlbs(_ w: inout World, _ c: Ctx, _ fx: inout Fx) {
    fx.named(.secondaryTlbs)
    w.invalidateDevice()
    fx.transition = .drop(AgentSet(.device))
  }

  /// Whether `flush_tlb_mm_range` has its secondary-MMU line (a revert switch can take it out).
  var secondaryInFlush: Bool { features.contains(.secondaryInFlush) }
}

extension Fx {
  /// Names the step after a v6.12 code point.
  mutating func named(_ s: Linux6_12.S, _ a: Int = -1, _ b: Int = -1) {
    named(era: s.rawValue, a, b)
    if s.yields { yields = true }
  }
}
