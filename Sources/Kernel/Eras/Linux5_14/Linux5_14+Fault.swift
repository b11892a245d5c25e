import THPSpec

// do_huge_pmd_numa_page @ c5b5a3dd2c1f and pmd_migration_entry_wait, v5.14.
// No page lock, no anon_vma lock, no pmd_trans_migrating test: a fault that finds a migration
// entry never gets here (the walk sends it to pmd_migration_entry_wait).

extension Linux5_14 {
  func fault(_ label: L, _ w: inout World, _ c: Ctx, choice: Int, _ fx: inout Fx) {
    let a = c.a
    let page = w.actors[a].pageFrame
    switch label {
    // vmf->ptl = pmd_lock(); if (!pmd_same(oldpmd, *vmf->pmd)) { spin_unlock; goto out; }
    case .numaLock:
      w.pmd_lock(c, &fx)
      go(&w, c, .numaSame)
    case .numaSame:
      if w.pmd_same(c, &fx) {
        w.actors[a].page = UInt8(w.actors[a].orig.frame)
        go(&w, c, .numaFlushPending)
      } else {
        go(&w, c, .numaUnlockOut)
      }

    // Still in 5.14 (removed later by Huang Ying): under the ptl, if (mm_tlb_flush_pending)
    // { flush_tlb_range(); mmu_notifier_invalidate_range(); }
    case .numaFlushPending:
      let pending = w.flushPending > 0
      fx.named(pending ? .mmTlbFlushPending : .mmTlbFlushNotPending)
      go(&w, c, pending ? .numaFlush : .numaPrepGet)
    case .numaFlush:
      w.flush_tlb_range(c, &fx)
      go(&w, c, .numaInvalidate)
    case .numaInvalidate:
      w.invalidate_secondary(c, &fx, .mmuNotifierInvalidateRange)
      go(&w, c, .numaPrepGet)

    // page = vm_normal_page_pmd(pmd_modify(oldpmd)); target_nid = numa_migrate_prep(): it
    // takes the caller's pin (get_page) and asks mpol_misplaced.
    case .numaPrepGet:
      w.get_page(page, c, &fx)
      go(&w, c, .numaMisplaced)
    case .numaMisplaced:
      misplaced(&w, c, choice: choice, page, &fx)
      go(&w, c, choice == 1 ? .numaNoNodePut : .numaUnlockMigrate)
    // if (target_nid == NUMA_NO_NODE) { put_page(page); goto out_map; }
    case .numaNoNodePut:
      w.put_page(page, c, &fx)
      go(&w, c, .numaOutMap)
    // out_map: pmd_modify(oldpmd, vm_page_prot), pmd_mkyoung, (pmd_mkwrite), set_pmd_at.
    // No page lock in 5.14: the v3.13–v5.13 rule that only its holder clears the marker is gone.
    case .numaOutMap:
      w.set_pmd_at(w.actors[a].orig.with(.present).mkyoung(), c, &fx, .outMapSet)
      fx.transition = .plain(.clearHinting)
      go(&w, c, .numaUnlockOut)
    case .numaUnlockOut:
      w.spin_unlock(c, &fx)
      w.faultReturns(c, self)
    // spin_unlock(vmf->ptl); migrated = migrate_misplaced_page(page, vma, target_nid);
    case .numaUnlockMigrate:
      w.spin_unlock(c, &fx)
      go(&w, c, .mmpMapcount)

    // Migration failed: vmf->ptl = pmd_lock(); if (!pmd_same(oldpmd, *vmf->pmd)) goto out
    // (unlocking); else goto out_map.
    case .numaFailLock:
      w.pmd_lock(c, &fx)
      go(&w, c, .numaFailSame)
    case .numaFailSame:
      go(&w, c, w.pmd_same(c, &fx) ? .numaOutMap : .numaUnlockOut)

    // pmd_migration_entry_wait: ptl = pmd_lock(); if (!is_pmd_migration_entry(*pmd)) unlock;
    case .mweLock:
      w.pmd_lock(c, &fx)
      go(&w, c, .mweCheck)
    case .mweCheck:
      w.validated(a)
      let pmd = w.pmd
      if pmd.kind == .migration {
        fx.named(.migrationEntryWait, pmd.frame)
        w.actors[a].page = UInt8(pmd.frame)
        go(&w, c, .mweGetRef)
      } else {
        fx.named(.notMigrationEntry)
        go(&w, c, .mweUnlock)
      }
    // page = migration_entry_to_page(); if (!get_page_unless_zero(page)) goto unlock;
    case .mweGetRef:
      go(&w, c, w.get_page_unless_zero(page, c, &fx) ? .mweUnlockWait : .mweUnlock)
    case .mweUnlockWait:
      w.spin_unlock(c, &fx)
      go(&w, c, .mweQueue)
    // put_and_wait_on_page_locked(): SetPageWaiters and queue (woken at once if the page is
    // already unlocked), then put_page while queued. From then on it never touches the page:
    // not a use after free, and not a sleep without a reference (the design of 9a1ea439b16b).
    case .mweQueue:
      fx.named(.putAndWaitQueued, page)
      if w.queueOnPageLock(page, &fx) { w.actors[a].flags.insert(.sleeping) }
      go(&w, c, .mweDropRef)
    case .mweDropRef:
      fx.named(.putAndWaitPut, page)
      w.putPage(page, &fx)
      w.actors[a].flags.remove(.holdsRef)
      if w.actors[a].flags.contains(.sleeping) {
        go(&w, c, .mweWoken)
      } else {
        w.faultReturns(c, self)
      }
    case .mweWoken:
      // Woken by unlock_page; the fault returns and the access is retried.
      fx.named(.wokenUp, page)
      w.actors[a].flags.remove(.sleeping)
      w.faultReturns(c, self)
    case .mweUnlock:
      w.spin_unlock(c, &fx)
      w.faultReturns(c, self)
    default: break
    }
  }
}
