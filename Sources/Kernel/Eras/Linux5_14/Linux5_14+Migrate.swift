import THPSpec

// migrate_misplaced_page and numamigrate_isolate_page @ 662aeea7536d, and the generic THP
// migration they call: migrate_pages(MIGRATE_ASYNC, MR_NUMA_MISPLACED) → unmap_and_move →
// __unmap_and_move → try_to_migrate / move_to_new_page / remove_migration_ptes. Entered without the ptl, holding the caller's pin from numa_migrate_prep.
//
// The retry passes of migrate_pages (up to 10 on -EAGAIN) are modelled as a bounded choice:
// at most one more pass after a failed one.

extension Linux5_14 {
  func migrate(_ label: L, _ w: inout World, _ c: Ctx, choice: Int, _ fx: inout Fx) {
    let a = c.a
    let page = w.actors[a].pageFrame
    let new = w.actors[a].newFrame
    switch label {
    // numamigrate_isolate_page: a THP mapped by several processes is not migrated (one
    // process here: always fine); migrate_balanced_pgdat; isolate_lru_page.
    case .mmpMapcount:
      fx.named(.totalMapcount, page)
      w.touch(page, &fx)
      go(&w, c, .mmpBalanced)
    case .mmpBalanced:
      if choice == 0 {
        fx.named(.migrateBalanced)
        go(&w, c, .mmpIsolate)
      } else {
        fx.named(.migrateNotBalanced)
        go(&w, c, .mmpOutPut)
      }
    case .mmpIsolate:
      // Another frame's migration may still be in flight: one MADV_DONTNEED discarded (the
      // range was populated again since), or one that committed and has not yet dropped
      // the old page. That frame is no longer the page, but the abstraction's one
      // "migrating" bit is still set, so this isolation is a stutter (see proofs-notes).
      if w.isolate_lru_page(page, c, &fx) {
        w.actors[a].flags.insert(.isolated)
        go(&w, c, .mmpAccount)
      } else {
        go(&w, c, .mmpOutPut)
      }
    case .mmpAccount:
      w.nr_isolated(1, page: page, c, &fx)
      go(&w, c, .mmpPutPin)
    // "Isolating the page has taken another reference": drop the caller's pin.
    case .mmpPutPin:
      w.put_page(page, c, &fx)
      go(&w, c, .umFreedCheck)
    // Not isolated: out: put_page(page); return 0;
    case .mmpOutPut:
      w.put_page(page, c, &fx)
      endMigrate(&w, c)
      go(&w, c, .numaFailLock)

    // unmap_and_move: if (page_count(page) == 1) the page was freed under us: done (success).
    case .umFreedCheck:
      if w.pageCount(page, &fx) == 1 {
        fx.named(.freedUnderUs, page)
        w.actors[a].flags.insert(.migrated)
        go(&w, c, .umSuccessUncount)
      } else {
        fx.named(.stillReferenced, page)
        go(&w, c, .umAlloc)
      }
    // newpage = get_new_page() = alloc_misplaced_dst_page_thp; NULL → -ENOMEM: migrate_pages
    // stops (a THP is not split for MR_NUMA_MISPLACED), the page is still on the list.
    case .umAlloc:
      if choice == 0, let f = w.allocFrame(node: w.actors[a].target, limit: c.frameLimit) {
        fx.named(.allocPagesNode, f)
        w.actors[a].newPage = UInt8(f)
        go(&w, c, .umTrylock)
      } else {
        fx.named(.allocPagesNodeFailed)
        go(&w, c, .mmpFailUncount)
      }
    // __unmap_and_move: if (!trylock_page(page)) MIGRATE_ASYNC → rc = -EAGAIN.
    case .umTrylock:
      go(&w, c, w.trylock_page(page, c, &fx) ? .umTrylockNew : .umPutNew)
    // anon_vma = page_get_anon_vma(page) (a reference, not the lock: not modelled);
    // trylock_page(newpage): private, always succeeds.
    case .umTrylockNew:
      fx.named(.trylockPage, new)
      w.touch(new, &fx)
      w.preparePrivate(new) { $0.flags.insert(.locked) }
      go(&w, c, .umMapped)
    case .umMapped:
      if mapped(w, page) {
        fx.named(.tryToMigrate, page)
        w.actors[a].flags.insert(Linux5_14.pageWasMapped)
        go(&w, c, .ttmStart)
      } else {
        fx.named(.pageNotMapped, page)
        go(&w, c, .umMoveMapping)
      }

    // try_to_migrate_one: mmu_notifier_invalidate_range_start (nothing for a device that only
    // has ->invalidate_range), then page_vma_mapped_walk takes the PMD lock.
    case .ttmStart:
      fx.named(.invalidateRangeStart)
      go(&w, c, .ttmWalkRead)
    case .ttmWalkRead:
      // The walk's unlocked read: pmd_trans_huge (an invalidated PMD keeps _PAGE_PSE) or a
      // migration entry takes the lock; an empty PMD is not found.
      if w.pmd.isNone {
        fx.named(.pvmwNotFound, page)
        go(&w, c, .ttmEnd)
      } else {
        fx.named(.pvmwTransHuge, w.pmd.frame)
        go(&w, c, .ttmLock)
      }
    case .ttmLock:
      w.pmd_lock(c, &fx)
      go(&w, c, .ttmCheck)
    case .ttmCheck:
      w.validated(a)
      let pmd = w.pmd
      if (pmd.kind == .present || pmd.kind == .hinting) && pmd.frame == page {
        fx.named(.pvmwFound, page)
        go(&w, c, .ttmInvalidate)
      } else {
        fx.named(.pvmwNotFound, page)
        go(&w, c, .ttmUnlock)
      }
    // set_pmd_migration_entry: pmdval = pmdp_invalidate(): not present, then the TLB flush.
    case .ttmInvalidate:
      w.clear_pmd_locked(to: { $0.with(.invalid) }, c, &fx, .pmdpInvalidate, frame: page)
      go(&w, c, .ttmFlush)
    case .ttmFlush:
      w.flush_tlb_range(c, &fx, .flushPmdTlbRange)
      go(&w, c, .ttmSetEntry)
    // entry = make_migration_entry(page, pmd_write(pmdval)); set_pmd_at(): a write entry when
    // the invalidated value was writable (a protnone value keeps the saved write bit).
    case .ttmSetEntry:
      let entry = PMD(
        .migration, frame: page, young: false, dirty: false, write: w.actors[a].stash.write)
      fx.named(.setPmdMigrationEntry, page)
      fx.value = entry.raw
      let wasHinting = w.actors[a].stash.kind == .hinting
      w.writePMD(entry, by: a, &fx)
      w.actors[a].flags.remove(.holdsClearedPMD)
      // Over a protnone PMD the entry only stands in for the hinting marker; over a PMD a
      // failed fault made accessible again meanwhile, it makes the page inaccessible anew.
      fx.transition = wasHinting ? nil : .plain(.armHinting)
      go(&w, c, .ttmRemoveRmap)
    case .ttmRemoveRmap:
      fx.named(.pageRemoveRmap, page)
      w.touch(page, &fx)
      go(&w, c, .ttmPutPage)
    // put_page(page): the mapping's reference.
    case .ttmPutPage:
      fx.named(.putPage, page)
      w.putPage(page, &fx)
      go(&w, c, .ttmUnlock)
    case .ttmUnlock:
      // page_vma_mapped_walk_done / not_found: spin_unlock(ptl).
      w.spin_unlock(c, &fx)
      go(&w, c, .ttmEnd)
    // mmu_notifier_invalidate_range_end → ->invalidate_range: the device is invalidated
    // before the reference check and the copy.
    case .ttmEnd:
      w.invalidate_secondary(c, &fx, .invalidateRangeEnd)
      go(&w, c, .umMoveMapping)

    // if (!page_mapped(page)) rc = move_to_new_page(): migrate_page_move_mapping for an
    // anonymous page: page_count(page) != 1 (only the isolation reference) → -EAGAIN.
    case .umMoveMapping:
      if !mapped(w, page) && w.pageCount(page, &fx) == 1 {
        fx.named(.migrateExpectedCount, page)
        go(&w, c, .umCopy)
      } else {
        fx.named(.migrateUnexpectedCount, page)
        go(&w, c, w.actors[a].flags.contains(Linux5_14.pageWasMapped) ? .rmWalkRead : .umUnlockNew)
      }
    // migrate_page_copy: copy_huge_page + migrate_page_states. rc = MIGRATEPAGE_SUCCESS.
    case .umCopy:
      fx.named(.migratePageCopy, page, new)
      w.copyPage(from: page, to: new, &fx)
      w.actors[a].flags.insert(.migrated)
      go(&w, c, w.actors[a].flags.contains(Linux5_14.pageWasMapped) ? .rmWalkRead : .umUnlockNew)

    // remove_migration_ptes(page, rc == SUCCESS ? newpage : page): the rmap walk looks for a
    // migration entry of the old page (PVMW_MIGRATION) under the PMD lock.
    case .rmWalkRead:
      if w.pmd.kind == .migration {
        fx.named(.pvmwMigrationEntry, w.pmd.frame)
        go(&w, c, .rmLock)
      } else {
        fx.named(.pvmwNotFound, page)
        go(&w, c, .umUnlockNew)
      }
    case .rmLock:
      w.pmd_lock(c, &fx)
      go(&w, c, .rmCheck)
    case .rmCheck:
      w.validated(a)
      let pmd = w.pmd
      if pmd.kind == .migration && pmd.frame == page {
        w.actors[a].stash = pmd
        fx.named(.pvmwMigrationFound, page)
        go(&w, c, .rmGetPage)
      } else {
        fx.named(.pvmwNotFound, page)
        go(&w, c, .rmUnlock)
      }
    // remove_migration_pmd: get_page(new) (the new mapping's reference) ...
    case .rmGetPage:
      let target = remapTarget(w, c)
      fx.named(.getPage, target)
      w.getPage(target, &fx)
      go(&w, c, .rmAddRmap)
    case .rmAddRmap:
      let target = remapTarget(w, c)
      fx.named(.pageAddAnonRmap, target)
      w.touch(target, &fx)
      go(&w, c, .rmSetPmd)
    // ... pmde = pmd_mkold(mk_huge_pmd(new)); if (is_writable_migration_entry(entry))
    // pmde = maybe_pmd_mkwrite(pmde); set_pmd_at(): the commit. On failure the old page is
    // mapped back the same way: an abandoned migration that makes the PMD accessible.
    case .rmSetPmd:
      let target = remapTarget(w, c)
      let value = PMD(
        .present, frame: target, young: false, dirty: false, write: w.actors[a].stash.write)
      w.set_pmd_at(value, c, &fx, .removeMigrationPmd)
      if w.actors[a].flags.contains(.migrated) {
        fx.transition = .commit(toNode: w.peekFrame(target).node)
      } else {
        fx.transition = .plain(.clearHinting)
      }
      go(&w, c, .rmUnlock)
    case .rmUnlock:
      w.spin_unlock(c, &fx)
      go(&w, c, .umUnlockNew)

    // out_unlock_both: unlock_page(newpage); out_unlock: put_anon_vma; unlock_page(page)
    // (wakes pmd_migration_entry_wait's waiters).
    case .umUnlockNew:
      w.unlock_page(new, c, &fx)
      go(&w, c, .umUnlockOld)
    case .umUnlockOld:
      w.unlock_page(page, c, &fx)
      w.actors[a].flags.remove(Linux5_14.pageWasMapped)
      go(&w, c, w.actors[a].flags.contains(.migrated) ? .umPutbackNewLRU : .umPutNew)
    // out: if (rc == MIGRATEPAGE_SUCCESS) putback_lru_page(newpage): lru_cache_add, then
    // put_page drops the allocation's reference (the mapping's stays, unless MADV_DONTNEED left
    // nothing to map).
    case .umPutbackNewLRU:
      w.lru_cache_add(new, c, &fx, ending: false)
      go(&w, c, .umPutbackNewPut)
    case .umPutbackNewPut:
      w.put_page(new, c, &fx)
      w.actors[a].newPage = noFrame
      go(&w, c, .umSuccessUncount)
    // unmap_and_move, success: list_del; NR_ISOLATED_ANON -= nr; put_page(page) (the
    // isolation reference: the old THP is freed, unless a waiter still holds one).
    case .umSuccessUncount:
      w.nr_isolated(-1, page: page, c, &fx)
      go(&w, c, .umSuccessPut)
    case .umSuccessPut:
      w.markHistory(page, .isolated, false)
      fx.named(w.peekFrame(page).refcount == 1 ? .putPageFrees : .putPage, page)
      w.putPage(page, &fx)
      // A stutter: the migration ended at the commit (remove_migration_pmd of the new page).
      // migrate_pages returns 0: migrate_misplaced_page returns 1; the fault is done.
      endMigrate(&w, c)
      w.faultReturns(c, self)
    // unmap_and_move, failure: put_page(newpage) frees it; -EAGAIN keeps the page on the list.
    case .umPutNew:
      w.put_page(new, c, &fx)
      w.actors[a].newPage = noFrame
      go(&w, c, .umRetry)
    case .umRetry:
      if choice == 0 && !w.actors[a].flags.contains(Linux5_14.retried) {
        fx.named(.retryPass, page)
        w.actors[a].flags.insert(Linux5_14.retried)
        go(&w, c, .umFreedCheck)
      } else {
        fx.named(.passesExhausted, page)
        go(&w, c, .mmpFailUncount)
      }

    // migrate_misplaced_page: if (nr_remaining && !list_empty): list_del; NR_ISOLATED_ANON -=
    // nr; putback_lru_page(page); return 0.
    case .mmpFailUncount:
      w.nr_isolated(-1, page: page, c, &fx)
      go(&w, c, .mmpFailPutbackLRU)
    case .mmpFailPutbackLRU:
      w.lru_cache_add(page, c, &fx)
      go(&w, c, .mmpFailPutbackPut)
    case .mmpFailPutbackPut:
      w.put_page(page, c, &fx)
      endMigrate(&w, c)
      go(&w, c, .numaFailLock)
    default: break
    }
  }

  /// `page_mapped(page)`: the PMD, or a value cleared inside someone's locked section, still
  /// maps the frame (a migration entry does not: its rmap was removed).
  func mapped(_ w: World, _ f: Int) -> Bool {
    for i in 0..<Int(w.actorCount) where w.actors[i].flags.contains(.holdsClearedPMD) {
      return w.actors[i].stash.frame == f && w.actors[i].stash.mapsFrame
    }
    let pmd = w.peekPMD
    return pmd.frame == f && (pmd.kind == .present || pmd.kind == .hinting || pmd.kind == .invalid)
  }

  /// The frame `remove_migration_ptes` maps: the new one after a successful copy, else the old.
  func remapTarget(_ w: World, _ c: Ctx) -> Int {
    w.actors[c.a].flags.contains(.migrated) ? w.actors[c.a].newFrame : w.actors[c.a].pageFrame
  }

  /// Leaving migrate_misplaced_page: the era-private flags go.
  func endMigrate(_ w: inout World, _ c: Ctx) {
    w.actors[c.a].flags.subtract([Linux5_14.pageWasMapped, Linux5_14.retried, .isolated])
  }
}
