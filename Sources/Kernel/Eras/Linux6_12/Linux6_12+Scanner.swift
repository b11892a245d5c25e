import THPSpec

// task_numa_work → change_prot_numa (mempolicy.c) → change_protection → change_protection_range
// → change_p4d_range → change_pud_range → change_pmd_range → change_huge_pmd (mprotect.c,
// huge_memory.c, v6.12).
//
// change_prot_numa gathers with an mmu_gather (tlb_gather_mmu: inc_tlb_flush_pending); the
// notifier range is started lazily at the PUD level and ended after the PUD loop (nothing for a
// device that only has ->arch_invalidate_secondary_tlbs: not steps); change_huge_pmd invalidates
// with pmdp_invalidate_ad, which flushes nothing on x86, and only records the range in the
// gather; the one flush is tlb_end_vma's (flush_tlb_mm_range: the CPUs, then the secondary
// MMU), after every ptl is released; tlb_finish_mmu flushes everything again if another gather
// is pending (mm_tlb_flush_nested) and lowers tlb_flush_pending.

extension Linux6_12 {
  func scan(_ label: L, _ w: inout World, _ c: Ctx, _ fx: inout Fx) {
    let a = c.a
    /// The PMD loop is over: tlb_end_vma flushes if change_huge_pmd recorded a range.
    func walkDone() {
      go(&w, c, w.actors[a].flags.contains(.changed) ? .scFlush : .scNested)
    }
    switch label {
    // tlb_gather_mmu(&tlb, vma->vm_mm): inc_tlb_flush_pending(mm).
    case .scGather:
      fx.named(.incTlbFlushPending)
      w.updateFlushPending { $0 += 1 }
      go(&w, c, .scPmdNone)

    // change_pmd_range, per PMD: again: if (pmd_none(*pmd)) goto next;
    case .scPmdNone:
      let pmd = w.pmd
      if pmd.isNone {
        fx.named(.scPmdNone)
        walkDone()
      } else {
        fx.named(.scPmdNotNone, pmd.frame)
        go(&w, c, .scRead)
      }
    // _pmd = pmdp_get_lockless(pmd);
    // if (is_swap_pmd(_pmd) || pmd_trans_huge(_pmd) || pmd_devmap(_pmd)) → change_huge_pmd()
    // (the range is the whole PMD, no uffd-wp: no split). Else change_pte_range().
    case .scRead:
      let pmd = w.pmd
      if pmd.mapsFrame {
        fx.named(.scHuge, pmd.frame)
        go(&w, c, .scLock)
      } else {
        fx.named(.scNotHuge)
        go(&w, c, .scPteRange)
      }
    // change_huge_pmd: ptl = __pmd_trans_huge_lock(pmd, vma): pmd_lock, then is_swap_pmd(*pmd)
    // || pmd_trans_huge(*pmd) || pmd_devmap(*pmd) under the lock, else unlock and return 0.
    case .scLock:
      w.pmd_lock(c, &fx, .pmdLockHuge)
      go(&w, c, .scLockedCheck)
    // Under the ptl: __pmd_trans_huge_lock's test, then change_huge_pmd's (is_swap_pmd,
    // is_writable_migration_entry, is_huge_zero_pmd, pmd_protnone, pmd_folio): several reads of
    // a value only the MMU's accessed/dirty updates can change, which none of them looks at.
    // NUMA_BALANCING_NORMAL mode: no top-tier skip, no access-time update.
    case .scLockedCheck:
      w.validated(a)
      let pmd = w.pmd
      w.actors[a].stash = pmd
      switch pmd.kind {
      case .none:
        fx.named(.pmdLockNotHuge)
        go(&w, c, .scUnlock)
      case .migration:
        // A writable migration entry loses its write permission; a readable one is left
        // (newpmd = *pmd; pmd_same: no store).
        if pmd.write {
          fx.named(.pmdSame, pmd.frame)
          go(&w, c, .scDowngrade)
        } else {
          fx.named(.migrationEntrySkip, pmd.frame)
          go(&w, c, .scUnlock)
        }
      case .hinting:
        fx.named(.changeHugePmdSkip, pmd.frame)
        go(&w, c, .scUnlock)
      case .present, .invalid:
        fx.named(.pmdSame, pmd.frame)
        go(&w, c, .scInvalidate)
      }
    // make_readable_exclusive_migration_entry(swp_offset(entry)) (young and dirty live in the
    // offset and stay); set_pmd_at(): still a migration entry, ret = 1, no flush recorded.
    case .scDowngrade:
      let entry = PMD(raw: w.actors[a].stash.raw).wrprotect()
      w.set_pmd_at(entry, c, &fx, .downgradeMigrationEntry)
      go(&w, c, .scUnlock)
    // oldpmd = pmdp_invalidate_ad(vma, addr, pmd): pmdp_establish(pmd_mkinvalid(*pmdp)), one
    // xchg that returns the old value with the bits the MMU set; "No flush is necessary" on
    // x86. "It's critical to not clear pmd intermittently to avoid race with MADV_DONTNEED."
    case .scInvalidate:
      let old = w.exchangePMD(w.peekPMD.with(.invalid))
      w.checkPMDWriteRules(by: a, &fx)
      w.actors[a].stash = old
      fx.named(.scInvalidateAD, old.frame)
      w.actors[a].flags.insert(.holdsClearedPMD)
      go(&w, c, .scSetPmd)
    // entry = pmd_modify(oldpmd, PAGE_NONE) (RW cleared, young and dirty kept);
    // set_pmd_at(); huge_pmd_needs_flush → tlb_flush_pmd_range(tlb, addr, HPAGE_PMD_SIZE): the
    // range is recorded in the gather (cleared_pmds), nothing flushed.
    case .scSetPmd:
      let entry = w.actors[a].stash.with(.hinting).wrprotect()
      w.set_pmd_at(entry, c, &fx)
      w.actors[a].flags.remove(.holdsClearedPMD)
      w.actors[a].flags.insert(.changed)
      fx.transition = .plain(.armHinting)
      go(&w, c, .scUnlock)
    // unlock: spin_unlock(ptl). change_huge_pmd returned 0 (the PMD was not huge under the lock)
    // → change_pte_range; else goto next.
    case .scUnlock:
      w.spin_unlock(c, &fx)
      if w.actors[a].stash.isNone {
        go(&w, c, .scPteRange)
      } else {
        walkDone()
      }
    // change_pte_range: pte = pte_offset_map_lock(): __pte_offset_map reads the PMD
    // (pmdp_get_lockless) and maps no table for an empty, huge or migration-entry PMD (every
    // value this PMD takes): return -EAGAIN → goto again (the same PMD, from pmd_none).
    case .scPteRange:
      let pmd = w.pmd
      fx.named(.scPteRangeAgain, pmd.isNone ? -1 : pmd.frame)
      w.actors[a].stash = .none
      go(&w, c, .scPmdNone)

    // tlb_end_vma → tlb_flush_mmu_tlbonly (cleared_pmds) → tlb_flush → flush_tlb_mm_range:
    // the CPUs, then mmu_notifier_arch_invalidate_secondary_tlbs; the range is reset.
    case .scFlush:
      flush_tlb_mm_range(&w, c, &fx)
      go(&w, c, secondaryInFlush ? .scSecondary : .scNested)
    case .scSecondary:
      invalidate_secondary_tlbs(&w, c, &fx)
      go(&w, c, .scNested)
    // tlb_finish_mmu: if (mm_tlb_flush_nested(mm)) { fullmm; freed_tables = 1 } → a full flush.
    case .scNested:
      let nested = w.flushPending > 1
      fx.named(nested ? .tlbFlushNested : .tlbFlushNotNested)
      go(&w, c, nested ? .scNestedFlush : .scDec)
    case .scNestedFlush:
      flush_tlb_mm_range(&w, c, &fx)
      go(&w, c, secondaryInFlush ? .scNestedSecondary : .scDec)
    case .scNestedSecondary:
      invalidate_secondary_tlbs(&w, c, &fx)
      go(&w, c, .scDec)
    // dec_tlb_flush_pending(mm).
    case .scDec:
      fx.named(.decTlbFlushPending)
      w.updateFlushPending { $0 -= 1 }
      w.actors[a].flags.remove(.changed)
      w.actors[a].stash = .none
      w.opDone(c)
    default: break
    }
  }
}
