/// The kernel-named steps of every model: each is one atomic step at a code point, printed in
/// diagrams and counted for coverage. Operands (frames, values) travel in the outcome's detail.
enum KStep: UInt16, CaseIterable, Sendable {
  // User access and the MMU.
  case write, read, walkFill, walkNuma, walkNone, walkInvalid, walkMigration, gaveUp
  // Locks.
  case pmdLock, spinUnlock, pmdLockHuge, pmdLockNotHuge
  // PMD reads and writes.
  case pmdSame, pmdSameChanged, pmdNone, pmdNotNone, setPmdAt, pmdpClearFlush
  case pmdpHugeClearFlushNotify, pmdpInvalidate, setPmdMigrationEntry, removeMigrationPmd
  // Page lock and waits.
  case pmdTransMigrating, pmdNotTransMigrating, trylockPage, trylockPageFailed, lockPage
  case unlockPage, waitOnPageLocked, waitOnPageLockedSleeps, wokenUp
  // References.
  case getPage, getPageUnlessZero, getPageUnlessZeroFailed, putPage, putPageFrees
  case pageRefFreeze, pageRefFreezeFailed, pageRefUnfreeze, pageCount2, pageCountNot2
  case pageCount3, pageCountNot3, pageMapcountOK
  // NUMA policy and placement choices.
  case mpolMisplacedLocal, mpolMisplacedRemote, ratelimitOK, ratelimited
  case allocPagesNode, allocPagesNodeFailed, migrateBalanced, migrateNotBalanced
  case isolateLruPage, isolateLruPageFailed, putbackLruPage, isolatedInc, isolatedDec
  case migratePageCopy, pageLockAnonVmaRead, pageUnlockAnonVmaRead
  // TLB and notifiers.
  case mmTlbFlushPending, mmTlbFlushNotPending, flushTlbRange, flushPmdTlbRange
  case mmuNotifierInvalidateRange, invalidateRangeStart, invalidateRangeEnd
  case incTlbFlushPending, decTlbFlushPending, changePmdRangeNone, changeHugePmdSkip
  // Faults on empty or odd PMDs.
  case allocHugepage, allocHugepageFailed
  // GUP.
  case followPmdNone, followPmdNuma, followPmdHuge, followTransHugePmdNuma
  case followTransHugePmdGet, dmaWrite, unpin, localIrqDisable, localIrqEnable
  case gupPmdBail, gupPmdHuge, gupSpeculative, gupSpeculativeFailed, gupRecheck, gupRecheckFailed
  case gupGetPage
  // MADV_DONTNEED.
  case zapPmdNone, zapHugePmd, tlbFinishMmu, zapMigrationEntry
  case followMigration, followLockedMigration, migrationEntrySkip, downgradeMigrationEntry
  case zapPmdRangeHuge, zapGetAndClear, invalidateRangeEndNoListener
  // v5.14 generic migration.
  case tryToMigrate, migrationEntryWait, migrateExpectedCount, migrateUnexpectedCount
  // handle_mm_fault's PMD part and do_pmd_numa_page.
  case walkNotPresent, hmmPmdNone, hmmPmdNotNone, hmmOrigPmd, hmmTableNuma, hmmNotTableNuma
  case dpnRead, dpnSetPmd, dpnMap, dpnMapHuge, dpnWalksHugePage, dpnWalkNothing, bugOnPmdNuma
  // The LRU and its per-CPU pagevecs; pmdp_set_access_flags.
  case lruCacheAddPagevec, lruCacheAdd, pagevecLRUAdd, pagevecRelease, pagevecReleaseFrees
  case pmdpSetAccessFlags
  // MADV_DONTNEED's walk and TLB gather.
  case zapIsSwapPmd, zapNotSwapPmd, zapPmdSkipped, tlbFlushNested, tlbFlushNotNested
  // change_pmd_range's unlocked tests; follow_trans_huge_pmd's touch.
  case changePmdRangeHuge, changePmdRangeNotHuge, pmdNoneOrClearBadNotNone, pmdBad, pmdNotBad
  case pmdClearBad, changePmdRangeSwap, changePmdRangeNotSwap, changePteRangeUnstable
  case followTransHugePmd, touchPmd
  // The v3.8–v3.13 scanner and GUP.
  case changeHugePmdSkipNuma, changeHugePmdMark, changeHugePmdGetAndClear, setTlbFlushPending
  case clearTlbFlushPending, scanDone, followNotHugeLocked, gupPmdNumaBail, gupHugePmdNotPresent
  // PMD writes named after their code point.
  case clearPmdnumaSet, outDroprefSet, outFailSet, outMapSet, rollbackSet, anonSetPmd
  case faultDone
  // The PFN walker (page_idle, memory hot-remove) and the write-protect fault.
  case walkWriteProtected, hmmWriteProtect, wpReuse, pageIdleLRU, pageIdleNotLRU
  case lruRecheckLocked, lruRecheck, lruRecheckFailed, idleMapped, idleNotMapped
  case walkerPmdHuge, walkerNotFound, walkerFound, pmdpClearYoungNotify, pmdNotYoung
  case followTransHugePmdReadOnly, followTransHugePmdForce, recountNot2, recount2
  case pageRemoveRmapNew, hrGet, hrGetFailed, hrIsolate, hrIsolateFailed, followTransHugePmdMarked

  /// Whether a scheduler should consider switching after this step: lock releases, copies and
  /// reference drops, where another CPU's code typically slips in.
  var isPreemptionPoint: Bool {
    switch self {
    case .spinUnlock, .unlockPage, .migratePageCopy, .putPage, .putPageFrees, .pageRefFreeze,
      .localIrqEnable, .incTlbFlushPending, .invalidateRangeStart:
      true
    default: false
    }
  }

  /// The text diagrams print.
  var text: String {
    switch self {
    case .write: "write"
    case .read: "read"
    case .walkFill: "page walk: fill translation"
    case .walkNuma: "page walk: protnone → do_huge_pmd_numa_page"
    case .walkNone: "page walk: pmd_none → do_huge_pmd_anonymous_page"
    case .walkInvalid: "page walk: not present → huge_pmd_set_accessed"
    case .walkMigration: "page walk: migration entry → pmd_migration_entry_wait"
    case .gaveUp: "out of fault retries"
    case .pmdLock: "pmd_lock"
    case .spinUnlock: "spin_unlock(ptl)"
    case .pmdLockHuge: "__pmd_trans_huge_lock"
    case .pmdLockNotHuge: "__pmd_trans_huge_lock: not huge"
    case .pmdSame: "pmd_same"
    case .pmdSameChanged: "pmd_same: changed"
    case .pmdNone: "pmd_none"
    case .pmdNotNone: "pmd_none: populated meanwhile"
    case .setPmdAt: "set_pmd_at"
    case .pmdpClearFlush: "pmdp_clear_flush"
    case .pmdpHugeClearFlushNotify: "pmdp_huge_clear_flush_notify"
    case .pmdpInvalidate: "pmdp_invalidate"
    case .setPmdMigrationEntry: "set_pmd_migration_entry"
    case .removeMigrationPmd: "remove_migration_pmd"
    case .pmdTransMigrating: "pmd_trans_migrating"
    case .pmdNotTransMigrating: "pmd_trans_migrating: no"
    case .trylockPage: "trylock_page"
    case .trylockPageFailed: "trylock_page: failed"
    case .lockPage: "lock_page"
    case .unlockPage: "unlock_page"
    case .waitOnPageLocked: "wait_on_page_locked"
    case .waitOnPageLockedSleeps: "wait_on_page_locked: sleeps"
    case .wokenUp: "woken: page unlocked"
    case .getPage: "get_page"
    case .getPageUnlessZero: "get_page_unless_zero"
    case .getPageUnlessZeroFailed: "get_page_unless_zero: failed"
    case .putPage: "put_page"
    case .putPageFrees: "put_page: frees"
    case .pageRefFreeze: "page_ref_freeze(2)"
    case .pageRefFreezeFailed: "page_ref_freeze(2): failed"
    case .pageRefUnfreeze: "page_ref_unfreeze(2)"
    case .pageCount2: "page_count == 2"
    case .pageCountNot2: "page_count != 2"
    case .pageCount3: "page_count == 3"
    case .pageCountNot3: "page_count != 3"
    case .pageMapcountOK: "page_mapcount == 1"
    case .mpolMisplacedLocal: "mpol_misplaced == -1"
    case .mpolMisplacedRemote: "mpol_misplaced"
    case .ratelimitOK: "numamigrate_update_ratelimit"
    case .ratelimited: "numamigrate_update_ratelimit: limited"
    case .allocPagesNode: "alloc_pages_node"
    case .allocPagesNodeFailed: "alloc_pages_node: failed"
    case .migrateBalanced: "migrate_balanced_pgdat"
    case .migrateNotBalanced: "migrate_balanced_pgdat: not balanced"
    case .isolateLruPage: "isolate_lru_page"
    case .isolateLruPageFailed: "isolate_lru_page: failed"
    case .putbackLruPage: "putback_lru_page"
    case .isolatedInc: "NR_ISOLATED_ANON += 512"
    case .isolatedDec: "NR_ISOLATED_ANON -= 512"
    case .migratePageCopy: "migrate_page_copy"
    case .pageLockAnonVmaRead: "page_lock_anon_vma_read"
    case .pageUnlockAnonVmaRead: "page_unlock_anon_vma_read"
    case .mmTlbFlushPending: "mm_tlb_flush_pending: yes"
    case .mmTlbFlushNotPending: "mm_tlb_flush_pending: no"
    case .flushTlbRange: "flush_tlb_range"
    case .flushPmdTlbRange: "flush_pmd_tlb_range"
    case .mmuNotifierInvalidateRange: "mmu_notifier_invalidate_range"
    case .invalidateRangeStart: "mmu_notifier_invalidate_range_start"
    case .invalidateRangeEnd: "mmu_notifier_invalidate_range_end → ->invalidate_range"
    case .incTlbFlushPending: "inc_tlb_flush_pending"
    case .decTlbFlushPending: "dec_tlb_flush_pending"
    case .changePmdRangeNone: "change_pmd_range: pmd_none, skip"
    case .changeHugePmdSkip: "change_huge_pmd: already protnone"
    case .allocHugepage: "alloc_hugepage_vma"
    case .allocHugepageFailed: "alloc_hugepage_vma: failed (fallback)"
    case .followPmdNone: "follow_page: pmd_none → fault"
    case .followPmdNuma: "follow_page: FOLL_NUMA && protnone → fault"
    case .followPmdHuge: "follow_page: pmd_trans_huge"
    case .followTransHugePmdNuma: "follow_trans_huge_pmd: FOLL_NUMA && protnone → fault"
    case .followTransHugePmdGet: "follow_trans_huge_pmd: get_page"
    case .dmaWrite: "DMA write"
    case .unpin: "put_page (unpin)"
    case .localIrqDisable: "local_irq_disable"
    case .localIrqEnable: "local_irq_enable"
    case .gupPmdBail: "gup_pmd_range: bail to slow GUP"
    case .gupPmdHuge: "gup_pmd_range: huge"
    case .gupSpeculative: "page_cache_add_speculative"
    case .gupSpeculativeFailed: "page_cache_add_speculative: failed"
    case .gupRecheck: "pmd re-check"
    case .gupRecheckFailed: "pmd re-check: changed, put_page"
    case .gupGetPage: "gup_huge_pmd: get_page"
    case .zapPmdNone: "zap_pmd_range: pmd_none, nothing to zap"
    case .zapHugePmd: "zap_huge_pmd: pmdp_huge_get_and_clear_full"
    case .tlbFinishMmu: "tlb_finish_mmu: flush_tlb_range"
    case .zapMigrationEntry: "zap_huge_pmd: migration entry cleared (no page to free)"
    case .zapPmdRangeHuge: "zap_pmd_range: pmd_trans_huge"
    case .zapGetAndClear: "zap_huge_pmd: pmdp_get_and_clear"
    case .invalidateRangeEndNoListener: "mmu_notifier_invalidate_range_end"
    case .followMigration: "follow_pmd_mask: migration entry → fault"
    case .followLockedMigration: "follow_pmd_mask: !pmd_present → fault"
    case .migrationEntrySkip: "change_huge_pmd: read migration entry, skip"
    case .downgradeMigrationEntry: "change_huge_pmd: write migration entry → read, set_pmd_at"
    case .tryToMigrate: "try_to_migrate"
    case .migrationEntryWait: "pmd_migration_entry_wait"
    case .migrateExpectedCount: "migrate_page_move_mapping: count ok"
    case .migrateUnexpectedCount: "migrate_page_move_mapping: count != expected, -EAGAIN"
    case .walkNotPresent: "page walk: not present → handle_mm_fault"
    case .hmmPmdNone: "__handle_mm_fault: pmd_none → do_huge_pmd_anonymous_page"
    case .hmmPmdNotNone: "__handle_mm_fault: pmd_none: no"
    case .hmmOrigPmd: "__handle_mm_fault: orig_pmd = *pmd"
    case .hmmTableNuma: "__handle_mm_fault: pmd_numa(*pmd) → do_pmd_numa_page"
    case .hmmNotTableNuma: "__handle_mm_fault: not a huge PMD → PTE fault, retry"
    case .dpnRead: "do_pmd_numa_page: pmd = *pmdp"
    case .dpnSetPmd: "do_pmd_numa_page: set_pmd_at(pmd_mknonnuma)"
    case .dpnMap: "do_pmd_numa_page: pte_offset_map_lock"
    case .dpnMapHuge: "do_pmd_numa_page: pte_offset_map_lock: the PMD is huge, its page taken for a page table"
    case .dpnWalksHugePage: "do_pmd_numa_page: set_pte_at(pte_mknonnuma) into the THP's data"
    case .dpnWalkNothing: "do_pmd_numa_page: no word of the THP's data looks like a NUMA PTE"
    case .bugOnPmdNuma: "__handle_mm_fault: BUG_ON(pmd_numa(*pmd))"
    case .lruCacheAddPagevec: "lru_cache_add: into this CPU's pagevec, get_page"
    case .lruCacheAdd: "lru_cache_add: SetPageLRU"
    case .pagevecLRUAdd: "lru_add_drain: SetPageLRU"
    case .pagevecRelease: "lru_add_drain: put_page (the pagevec's reference)"
    case .pagevecReleaseFrees: "lru_add_drain: put_page (the pagevec's reference): frees"
    case .pmdpSetAccessFlags: "pmdp_set_access_flags"
    case .zapIsSwapPmd: "zap_pmd_range: is_swap_pmd"
    case .zapNotSwapPmd: "zap_pmd_range: is_swap_pmd: no"
    case .zapPmdSkipped: "zap_pmd_range: not huge, not none: skipped"
    case .tlbFlushNested: "tlb_finish_mmu: mm_tlb_flush_nested: yes"
    case .tlbFlushNotNested: "tlb_finish_mmu: mm_tlb_flush_nested: no"
    case .changePmdRangeHuge: "change_pmd_range: pmd_trans_huge"
    case .changePmdRangeNotHuge: "change_pmd_range: pmd_trans_huge: no"
    case .pmdNoneOrClearBadNotNone: "pmd_none_or_clear_bad: pmd_none: no"
    case .pmdBad: "pmd_none_or_clear_bad: pmd_bad"
    case .pmdNotBad: "pmd_none_or_clear_bad: pmd_bad: no"
    case .pmdClearBad: "pmd_clear_bad: pmd_clear (no ptl)"
    case .changePmdRangeSwap: "change_pmd_range: is_swap_pmd"
    case .changePmdRangeNotSwap: "change_pmd_range: is_swap_pmd: no"
    case .changePteRangeUnstable: "change_pte_range: pmd_trans_unstable, skip"
    case .followTransHugePmd: "follow_trans_huge_pmd: pmd_page"
    case .touchPmd: "touch_pmd"
    case .changeHugePmdSkipNuma: "change_huge_pmd: already pmd_numa"
    case .changeHugePmdMark: "change_huge_pmd: huge, to mark"
    case .changeHugePmdGetAndClear: "change_huge_pmd: pmdp_get_and_clear"
    case .setTlbFlushPending: "set_tlb_flush_pending"
    case .clearTlbFlushPending: "clear_tlb_flush_pending"
    case .scanDone: "change_protection: done"
    case .followNotHugeLocked: "follow_page: not pmd_trans_huge under the ptl → fault"
    case .gupPmdNumaBail: "gup_pmd_range: pmd_numa → slow GUP"
    case .gupHugePmdNotPresent: "gup_huge_pmd: not present → slow GUP"
    case .clearPmdnumaSet: "clear_pmdnuma: set_pmd_at"
    case .outDroprefSet: "out_dropref: set_pmd_at"
    case .outFailSet: "out_fail: set_pmd_at"
    case .outMapSet: "out_map: set_pmd_at"
    case .rollbackSet: "set_pmd_at(orig_entry): roll back"
    case .anonSetPmd: "do_huge_pmd_anonymous_page: set_pmd_at"
    case .faultDone: "fault returns"
    case .walkWriteProtected: "page walk: store to a read-only PMD → handle_mm_fault"
    case .hmmWriteProtect: "__handle_mm_fault: !pmd_write → do_huge_pmd_wp_page"
    case .wpReuse: "do_huge_pmd_wp_page: reuse: pmdp_set_access_flags(mkwrite)"
    case .pageIdleLRU: "page_idle_get_page: PageLRU"
    case .pageIdleNotLRU: "page_idle_get_page: !PageLRU"
    case .lruRecheckLocked: "page_idle_get_page: PageLRU under zone_lru_lock"
    case .lruRecheck: "page_idle_get_page: PageLRU again"
    case .lruRecheckFailed: "page_idle_get_page: !PageLRU now"
    case .idleMapped: "page_idle_clear_pte_refs: page_mapped"
    case .idleNotMapped: "page_idle_clear_pte_refs: !page_mapped"
    case .walkerPmdHuge: "page_vma_mapped_walk: pmd_trans_huge"
    case .walkerNotFound: "page_vma_mapped_walk: not found"
    case .walkerFound: "page_vma_mapped_walk: pmd_page == page"
    case .pmdpClearYoungNotify: "pmdp_clear_young_notify: young cleared"
    case .pmdNotYoung: "pmdp_clear_young_notify: not young"
    case .followTransHugePmdReadOnly: "follow_trans_huge_pmd: FOLL_WRITE && !pmd_write → fault"
    case .followTransHugePmdForce: "follow_trans_huge_pmd: NUMA-marked, FOLL_FORCE: pmd_page"
    case .recountNot2: "page_count != 2 after set_pmd_at: roll back"
    case .recount2: "page_count == 2 after set_pmd_at"
    case .pageRemoveRmapNew: "page_remove_rmap(new_page)"
    case .hrGet: "do_migrate_range: get_page_unless_zero"
    case .hrGetFailed: "do_migrate_range: get_page_unless_zero failed"
    case .hrIsolate: "do_migrate_range: isolate_lru_page"
    case .hrIsolateFailed: "do_migrate_range: isolate_lru_page failed"
    case .followTransHugePmdMarked: "follow_trans_huge_pmd: NUMA-marked, no FOLL_NUMA test: pmd_page"
    }
  }
}
