import THPSpec

// do_huge_pmd_numa_page (huge_memory.c, v6.12), numa_migrate_check (memory.c),
// migrate_misplaced_folio_prepare (migrate.c), pmd_migration_entry_wait (migrate.c) and
// migration_entry_wait_on_locked (filemap.c).
//
// No page lock, no caller pin, no mm_tlb_flush_pending test, no TLB flush and no notifier call
// in the fault path: the folio is isolated while the ptl is held, and the only extra reference
// is the isolation's. `writable` (pmd_write / can_change_pmd_writable, decided under the ptl) is
// read from what the model knows of the page (an exclusive anonymous folio): `out_map` makes the
// PMD writable (proofs-notes/Linux6_12.md).

extension Linux6_12 {
  func fault(_ label: L, _ w: inout World, _ c: Ctx, choice: Int, _ fx: inout Fx) {
    let a = c.a
    let page = w.actors[a].pageFrame
    switch label {
    // vmf->ptl = pmd_lock(); old_pmd = pmdp_get(vmf->pmd);
    // if (unlikely(!pmd_same(old_pmd, vmf->orig_pmd))) { spin_unlock(vmf->ptl); return 0; }
    case .numaLock:
      w.pmd_lock(c, &fx)
      go(&w, c, .numaSame)
    case .numaSame:
      if w.pmd_same(c, &fx) {
        w.actors[a].page = UInt8(w.actors[a].orig.frame)
        go(&w, c, .numaCheck)
      } else {
        go(&w, c, .numaUnlockOut)
      }

    // pmd = pmd_modify(old_pmd, vm_page_prot); writable = ...; folio = vm_normal_folio_pmd();
    // target_nid = numa_migrate_check(): under the ptl; its folio_xchg_last_cpupid only feeds
    // the decision, which the choice covers. NUMA_NO_NODE → out_map.
    case .numaCheck:
      misplaced(&w, c, choice: choice, page, &fx)
      go(&w, c, choice == 1 ? .numaOutMap : .prepBalanced)

    // migrate_misplaced_folio_prepare(), "Must be called with the PTL still held": an anon
    // folio has no mapcount test; migrate_balanced_pgdat (a choice); folio_isolate_lru;
    // NR_ISOLATED_ANON. Any failure: TNF_MIGRATE_FAIL, goto out_map (the ptl still held).
    case .prepBalanced:
      if choice == 0 {
        fx.named(.migrateBalanced)
        go(&w, c, .prepClearLRU)
      } else {
        fx.named(.migrateNotBalanced)
        go(&w, c, .numaOutMap)
      }
    // folio_isolate_lru: folio_test_clear_lru(), then folio_get() (two atomic operations on the
    // folio; the ptl excludes nothing here, the mapping's reference keeps the count above 0).
    case .prepClearLRU:
      w.touch(page, &fx)
      let onLRU = w.updateFrame(page, Location.lru(page)) { fr -> Bool in
        guard fr.flags.contains(.lru) else { return false }
        fr.flags.remove(.lru)
        return true
      }
      if onLRU {
        fx.named(.clearLRU, page)
        fx.transition = w.migration(.beginMigration, of: page, actors: c.actorCount)
        w.markHistory(page, .isolated)
        w.actors[a].flags.insert(.isolated)
        go(&w, c, .prepGet)
      } else {
        fx.named(.clearLRUFailed, page)
        go(&w, c, .numaOutMap)
      }
    case .prepGet:
      fx.named(.folioGet, page)
      w.getPage(page, &fx)
      go(&w, c, .prepAccount)
    case .prepAccount:
      w.nr_isolated(1, page: page, c, &fx)
      go(&w, c, .numaUnlockMigrate)
    // "The folio is isolated and isolation code holds a folio reference."
    // spin_unlock(vmf->ptl); writable = false; migrate_misplaced_folio(folio, vma, target_nid);
    case .numaUnlockMigrate:
      w.spin_unlock(c, &fx)
      go(&w, c, .umFreedCheck)

    // out_map: pmd = pmd_modify(pmdp_get(vmf->pmd), vm_page_prot); pmd_mkyoung; set_pmd_at.
    // The re-read is under the ptl held since pmd_same compared the PMD with orig_pmd: no writer
    // can have come between (every PMD writer holds the ptl, and the MMU sets no bit in a
    // protnone entry), so it reads orig_pmd. No flush: a permission upgrade.
    case .numaOutMap:
      // writable: pmd_write is false of a protnone value (6.2+), but can_change_pmd_writable
      // is true of an exclusive anonymous page, so pmd_mkwrite.
      w.set_pmd_at(w.actors[a].orig.with(.present).mkyoung().mkwrite(), c, &fx, .outMapSet)
      fx.transition = .plain(.clearHinting)
      go(&w, c, .numaUnlockOut)
    case .numaUnlockOut:
      w.spin_unlock(c, &fx)
      w.faultReturns(c, self)

    // migrate_misplaced_folio() failed: TNF_MIGRATE_FAIL; vmf->ptl = pmd_lock();
    // if (unlikely(!pmd_same(pmdp_get(vmf->pmd), vmf->orig_pmd))) { spin_unlock; return 0; }
    case .numaFailLock:
      w.pmd_lock(c, &fx)
      go(&w, c, .numaFailSame)
    case .numaFailSame:
      go(&w, c, w.pmd_same(c, &fx) ? .numaOutMap : .numaUnlockOut)

    // pmd_migration_entry_wait: ptl = pmd_lock(); if (!is_pmd_migration_entry(*pmd)) unlock;
    // migration_entry_wait_on_locked(pmd_to_swp_entry(*pmd), ptl) (the second read is under
    // the same hold: the same value).
    case .mweLock:
      w.pmd_lock(c, &fx)
      go(&w, c, .mweCheck)
    case .mweCheck:
      w.validated(a)
      let pmd = w.pmd
      if pmd.kind == .migration {
        fx.named(.migrationEntryWait, pmd.frame)
        w.actors[a].page = UInt8(pmd.frame)
        go(&w, c, features.contains(.waitQueuesUnderPTL) ? .mweQueue : .mweUnlockWait)
      } else {
        fx.named(.waitNotMigrationEntry)
        go(&w, c, .mweUnlock)
      }
    // spin_lock_irq(&q->lock); folio_set_waiters(folio);
    // if (!folio_trylock_flag(folio, PG_locked, wait)) __add_wait_queue_entry_tail(q, wait);
    // spin_unlock_irq(&q->lock): two operations on the folio's flags word under the wait-queue
    // lock, which the waker (folio_unlock → folio_wake_bit) takes too: one step. "If a
    // migration entry exists for the page the migration path must hold a valid reference to
    // the page, and it must take the ptl to remove the migration entry. So the page is valid
    // until the ptl is dropped." No reference is taken.
    case .mweQueue:
      let underPTL = w.holdsPTL(a)
      if !underPTL { fx.rules.insert(.sleepWithoutReference) }
      if w.queueOnPageLock(page, &fx) {
        fx.named(.waitQueued, page)
        w.actors[a].flags.insert(.sleeping)
      } else {
        fx.named(.waitNotQueued, page)
      }
      if underPTL {
        go(&w, c, .mweUnlockWait)
      } else if w.actors[a].flags.contains(.sleeping) {
        go(&w, c, .mweWoken)
      } else {
        w.faultReturns(c, self)
      }
    // spin_unlock(ptl); then sleep until woken. With the defence reverted the ptl goes first and
    // the folio is queued on after it (the order before ffa65753c431, without its reference).
    case .mweUnlockWait:
      w.spin_unlock(c, &fx)
      if !features.contains(.waitQueuesUnderPTL) {
        go(&w, c, .mweQueue)
      } else if w.actors[a].flags.contains(.sleeping) {
        go(&w, c, .mweWoken)
      } else {
        w.faultReturns(c, self)
      }
    // Woken by folio_unlock (folio_wake_bit); the waiter only touches its own wait entry and
    // the hashed wait queue, never the folio. The fault returns and the access is retried.
    case .mweWoken:
      fx.named(.waitWoken, page)
      w.actors[a].flags.remove(.sleeping)
      w.faultReturns(c, self)
    case .mweUnlock:
      w.spin_unlock(c, &fx)
      w.faultReturns(c, self)
    default: break
    }
  }
}
