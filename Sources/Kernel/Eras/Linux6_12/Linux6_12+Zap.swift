import THPSpec

// MADV_DONTNEED: madvise_dontneed_single_vma → zap_page_range_single → unmap_single_vma →
// unmap_page_range → zap_pmd_range → zap_huge_pmd (memory.c, huge_memory.c, v6.12), then
// tlb_finish_mmu.
//
// tlb_gather_mmu raises tlb_flush_pending; the notifier range around the walk reaches no
// ->arch_invalidate_secondary_tlbs device (not steps); zap_pmd_range tests *pmd three times
// without the ptl (is_swap_pmd, pmd_trans_huge; pmd_devmap is false for every value an anonymous
// THP's PMD takes) and, since 6.5, retries a PMD that zap_pte_range could not map (the PMD turned
// huge or into a migration entry between the tests); zap_huge_pmd clears under the ptl and only
// records the range; tlb_end_vma flushes it (the CPUs, then the secondary MMU) before the
// notifier range ends; tlb_finish_mmu frees the batched folio after that flush.

extension Linux6_12 {
  func zap(_ label: L, _ w: inout World, _ c: Ctx, _ fx: inout Fx) {
    let a = c.a
    /// The PMD loop is over: tlb_end_vma flushes if zap_huge_pmd recorded the range.
    func walkDone() {
      go(&w, c, w.actors[a].orig.isNone ? .zNested : .zFlush)
    }
    /// tlb_finish_mmu after its optional forced flush: tlb_flush_mmu_free, then the decrement.
    func finish() {
      go(&w, c, w.actors[a].page != noFrame ? .zFree : .zDec)
    }
    switch label {
    // tlb_gather_mmu: inc_tlb_flush_pending(mm).
    case .zGather:
      fx.named(.incTlbFlushPending)
      w.updateFlushPending { $0 += 1 }
      w.actors[a].orig = .none
      go(&w, c, .zIsSwap)

    // zap_pmd_range: if (is_swap_pmd(*pmd) || pmd_trans_huge(*pmd) || pmd_devmap(*pmd)) →
    // zap_huge_pmd (the whole PMD: no split).
    case .zIsSwap:
      let pmd = w.pmd
      if pmd.kind == .migration {
        fx.named(.zapIsSwapPmd, pmd.frame)
        go(&w, c, .zLock)
      } else {
        fx.named(.zapNotSwapPmd, pmd.isNone ? -1 : pmd.frame)
        go(&w, c, .zTransHuge)
      }
    case .zTransHuge:
      let pmd = w.pmd
      // pmd_trans_huge: present, protnone and invalidated huge PMDs (_PAGE_PSE kept).
      if pmd.kind == .present || pmd.kind == .hinting || pmd.kind == .invalid {
        fx.named(.zapPmdRangeHuge, pmd.frame)
        go(&w, c, .zLock)
      } else {
        fx.named(.zNotHuge, pmd.isNone ? -1 : pmd.frame)
        go(&w, c, .zPmdNone)
      }
    // zap_huge_pmd: ptl = __pmd_trans_huge_lock(pmd, vma).
    case .zLock:
      w.pmd_lock(c, &fx, .pmdLockHuge)
      go(&w, c, .zLockedCheck)
    case .zLockedCheck:
      w.validated(a)
      let pmd = w.pmd
      if pmd.mapsFrame {
        fx.named(.pmdSame, pmd.frame)
        go(&w, c, .zClear)
      } else {
        // Not huge any more: __pmd_trans_huge_lock unlocks and returns NULL, zap_huge_pmd
        // returns 0 and zap_pmd_range falls through to its pmd_none test.
        fx.named(.pmdLockNotHuge)
        go(&w, c, .zUnlockFall)
      }
    // orig_pmd = pmdp_huge_get_and_clear_full() (an xchg; no flush); tlb_remove_pmd_tlb_entry
    // records the range. A present PMD: folio_remove_rmap_pmd (the mapcount is the PMD's),
    // flush_needed; a migration entry: no rmap, no reference (the migrator removed both),
    // flush_needed = 0. zap_deposited_table, MM_ANONPAGES.
    case .zClear:
      let old = w.exchangePMD(.none)
      w.checkPMDWriteRules(by: a, &fx)
      let f = old.frame
      fx.named(old.kind == .migration ? .zapMigrationEntry : .zapHugePmd, f)
      w.touch(f, &fx)
      w.markHistory(f, .zapped)
      w.actors[a].orig = old
      if old.kind != .migration { w.actors[a].page = UInt8(f) }
      fx.transition = .plain(.zap)
      go(&w, c, .zUnlock)
    // spin_unlock(ptl); if (flush_needed) tlb_remove_page_size(): the mapping's reference now
    // belongs to the gather. The PMD is done.
    case .zUnlock:
      w.spin_unlock(c, &fx)
      walkDone()
    case .zUnlockFall:
      w.spin_unlock(c, &fx)
      go(&w, c, .zPmdNone)
    // if (pmd_none(*pmd)) { addr = next; continue; }: the range is empty; MADV_DONTNEED is
    // judged against it as it is.
    case .zPmdNone:
      let pmd = w.pmd
      if pmd.isNone {
        fx.named(.zapPmdNone)
        fx.transition = .plain(.zap)
        walkDone()
      } else {
        fx.named(.zPmdNotNone, pmd.frame)
        go(&w, c, .zPteRange)
      }
    // addr = zap_pte_range(): pte_offset_map_lock() reads the PMD (pmdp_get_lockless in
    // __pte_offset_map) and maps no table for an empty, huge or migration-entry PMD: return
    // addr; if (addr != next) pmd--: the same PMD again.
    case .zPteRange:
      let pmd = w.pmd
      fx.named(.zPteRangeAgain, pmd.isNone ? -1 : pmd.frame)
      go(&w, c, .zIsSwap)

    // tlb_end_vma → tlb_flush_mmu_tlbonly → tlb_flush → flush_tlb_mm_range: the CPUs, then the
    // secondary MMU. Then mmu_notifier_invalidate_range_end (nothing for the device).
    case .zFlush:
      flush_tlb_mm_range(&w, c, &fx)
      go(&w, c, secondaryInFlush ? .zSecondary : .zNested)
    case .zSecondary:
      invalidate_secondary_tlbs(&w, c, &fx)
      go(&w, c, .zNested)
    // tlb_finish_mmu: mm_tlb_flush_nested(mm) → a forced full flush.
    case .zNested:
      let nested = w.flushPending > 1
      fx.named(nested ? .tlbFlushNested : .tlbFlushNotNested)
      if nested {
        go(&w, c, .zNestedFlush)
      } else {
        finish()
      }
    case .zNestedFlush:
      flush_tlb_mm_range(&w, c, &fx)
      if secondaryInFlush {
        go(&w, c, .zNestedSecondary)
      } else {
        finish()
      }
    case .zNestedSecondary:
      invalidate_secondary_tlbs(&w, c, &fx)
      finish()
    // tlb_flush_mmu → tlb_flush_mmu_free: the batched folio's reference (the mapping's), after
    // the flush: normally the free.
    case .zFree:
      let f = w.actors[a].pageFrame
      fx.named(w.peekFrame(f).refcount == 1 ? .folioPutFrees : .zFree, f)
      w.putPage(f, &fx)
      w.actors[a].page = noFrame
      go(&w, c, .zDec)
    // dec_tlb_flush_pending(mm).
    case .zDec:
      fx.named(.decTlbFlushPending)
      w.updateFlushPending { $0 -= 1 }
      w.actors[a].orig = .none
      w.opDone(c)
    default: break
    }
  }
}
