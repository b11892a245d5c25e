import THPSpec

// migrate_misplaced_folio → migrate_pages(MIGRATE_ASYNC, MR_NUMA_MISPLACED) → migrate_pages_batch
// (migrate.c, v6.12-rc1 mm tree): an unmap phase (migrate_folio_unmap → try_to_migrate →
// try_to_migrate_one → set_pmd_migration_entry), then a move phase (migrate_folio_move →
// move_to_new_folio → migrate_folio → __migrate_folio: the reference check, folio_mc_copy, the
// freeze in __folio_migrate_mapping; then remove_migration_ptes → remove_migration_pmd), then
// the undo of what is left (migrate_folio_undo_src/_dst), then putback_movable_pages.
//
// Entered without the ptl, holding the isolation reference. Each phase retries -EAGAIN up to 10
// passes; the model allows one more pass per phase (a choice), as the v5.14 model does for its
// one phase. Between move passes the migration entry stays installed and both folios locked.

extension Linux6_12 {
  func migrate(_ label: L, _ w: inout World, _ c: Ctx, choice: Int, _ fx: inout Fx) {
    let a = c.a
    let page = w.actors[a].pageFrame
    let new = w.actors[a].newFrame
    switch label {
    // migrate_folio_unmap: if (folio_ref_count(src) == 1) { "Folio was freed from under us. So
    // we are done." folio_clear_active/unevictable; list_del; migrate_folio_done(); SUCCESS }
    case .umFreedCheck:
      if w.pageCount(page, &fx) == 1 {
        fx.named(.unmapFreed, page)
        go(&w, c, .umFreedUncount)
      } else {
        fx.named(.unmapReferenced, page)
        go(&w, c, .umAlloc)
      }
    // migrate_folio_done: NR_ISOLATED_ANON -= nr; folio_put(src).
    case .umFreedUncount:
      w.nr_isolated(-1, page: page, c, &fx)
      go(&w, c, .umFreedPut)
    case .umFreedPut:
      // A stutter: MADV_DONTNEED discarded the frame, so it is not the page.
      w.markHistory(page, .isolated, false)
      folio_put(page, &w, c, &fx)
      // Counted as migrated: migrate_misplaced_folio returns 0, TNF_MIGRATED.
      endMigrate(&w, c)
      w.faultReturns(c, self)

    // dst = get_new_folio() = alloc_misplaced_dst_folio(): __folio_alloc_node(__GFP_THISNODE |
    // GFP_TRANSHUGE_LIGHT, order 9, nid). NULL → -ENOMEM: no split for MR_NUMA_MISPLACED, the
    // batch ends, the folio stays on the list and is put back.
    case .umAlloc:
      if choice == 0, let f = w.allocFrame(node: w.actors[a].target, limit: c.frameLimit) {
        fx.named(.allocDst, f)
        w.actors[a].newPage = UInt8(f)
        go(&w, c, .umTrylock)
      } else {
        fx.named(.allocDstFailed)
        go(&w, c, .mmfUncount)
      }
    // if (!folio_trylock(src)) MIGRATE_ASYNC → goto out (-EAGAIN). Then folio_get_anon_vma (a
    // reference on the anon_vma, not on the folio: not modelled) and folio_trylock(dst), a
    // folio nobody else can reach yet (a private write, part of this step).
    case .umTrylock:
      if w.trylockPage(page, &fx) {
        fx.named(.folioTrylock, page)
        w.actors[a].flags.insert(.pageLocked)
        w.preparePrivate(new) { $0.flags.insert(.locked) }
        go(&w, c, .umMapped)
      } else {
        fx.named(.folioTrylockFailed, page)
        // migrate_folio_undo_dst(dst, false): folio_put(dst) only.
        go(&w, c, .undoPutNew)
      }
    // } else if (folio_mapped(src)) { try_to_migrate(src, TTU_BATCH_FLUSH); PAGE_WAS_MAPPED }
    // The mapcount is derived from the PMD (one mapping): its read is a read of the PMD.
    case .umMapped:
      if folioMapped(&w, page) {
        fx.named(.folioMapped, page)
        w.actors[a].flags.insert(Linux6_12.pageWasMapped)
        go(&w, c, .ttmWalkRead)
      } else {
        fx.named(.folioNotMapped, page)
        go(&w, c, .umStillMapped)
      }

    // try_to_migrate_one: mmu_notifier_invalidate_range_start (nothing for a device that only
    // has ->arch_invalidate_secondary_tlbs: not a step), then page_vma_mapped_walk (flags 0):
    // pmde = pmdp_get_lockless(); pmd_trans_huge (an invalidated or protnone PMD keeps
    // _PAGE_PSE) or a migration entry takes the ptl; !pmd_present without PVMW_SYNC: not found.
    case .ttmWalkRead:
      let pmd = w.pmd
      if pmd.isNone {
        fx.named(.vmaWalkNotFound, page)
        go(&w, c, .umStillMapped)
      } else {
        fx.named(pmd.kind == .migration ? .vmaWalkMigrationEntry : .vmaWalkTransHuge, pmd.frame)
        go(&w, c, .ttmLock)
      }
    case .ttmLock:
      w.pmd_lock(c, &fx)
      go(&w, c, .ttmCheck)
    // pmde = *pvmw->pmd: !pmd_present (a migration entry, none) without PVMW_MIGRATION: not
    // found; pmd_trans_huge: check_pmd(pmd_pfn) (then try_to_migrate_one reads pmd_pfn once
    // more for the subpage, under the same hold).
    case .ttmCheck:
      w.validated(a)
      let pmd = w.pmd
      if (pmd.kind == .present || pmd.kind == .hinting) && pmd.frame == page {
        fx.named(.vmaWalkFound, page)
        go(&w, c, .ttmInvalidate)
      } else {
        fx.named(.vmaWalkNotFound, page)
        go(&w, c, .ttmUnlock)
      }
    // set_pmd_migration_entry: flush_cache_range (nothing on x86); pmdval = pmdp_invalidate():
    // pmdp_establish(pmd_mkinvalid(*pmdp)), one xchg that returns the old value with every bit
    // the MMU set, then flush_pmd_tlb_range → flush_tlb_mm_range.
    case .ttmInvalidate:
      w.clear_pmd_locked(to: { $0.with(.invalid) }, c, &fx, .pmdpInvalidate, frame: page)
      go(&w, c, .ttmFlush)
    case .ttmFlush:
      flush_tlb_mm_range(&w, c, &fx)
      go(&w, c, secondaryInFlush ? .ttmSecondary : .ttmSetEntry)
    case .ttmSecondary:
      invalidate_secondary_tlbs(&w, c, &fx)
      go(&w, c, .ttmSetEntry)
    // anon_exclusive && folio_try_share_anon_rmap_pmd(): fails only on a FOLL_PIN pin, which the
    // model's GUP users (FOLL_GET) never take: not a step. folio_mark_dirty; entry =
    // pmd_write(pmdval) ? writable : readable-exclusive migration entry, young and dirty as
    // pmdval; set_pmd_at(). Over a protnone PMD the entry only stands in for the hinting marker;
    // over a present one (a failed fault's out_map, or a remap, made it accessible again) it
    // makes the page inaccessible anew. folio_remove_rmap_pmd: the mapcount is the PMD's.
    case .ttmSetEntry:
      let old = w.actors[a].stash
      let entry = PMD(
        .migration, frame: page, young: old.young, dirty: old.dirty, write: old.write)
      w.set_pmd_at(entry, c, &fx, .setPmdMigrationEntry)
      w.actors[a].flags.remove(.holdsClearedPMD)
      fx.transition = old.kind == .hinting ? nil : .plain(.armHinting)
      go(&w, c, .ttmPut)
    // folio_put(folio): the mapping's reference.
    case .ttmPut:
      folio_put(page, &w, c, &fx)
      go(&w, c, .ttmUnlock)
    // page_vma_mapped_walk_done (or not_found): spin_unlock(ptl);
    // mmu_notifier_invalidate_range_end (nothing for the device: not a step).
    case .ttmUnlock:
      w.spin_unlock(c, &fx)
      go(&w, c, .umStillMapped)
    // if (!folio_mapped(src)) { __migrate_folio_record(); return MIGRATEPAGE_UNMAP; }
    // else goto out: -EAGAIN, migrate_folio_undo_src (remove_migration_ptes if PAGE_WAS_MAPPED,
    // folio_unlock) and migrate_folio_undo_dst (folio_unlock, folio_put), retried next pass.
    case .umStillMapped:
      if folioMapped(&w, page) {
        fx.named(.folioStillMapped, page)
        go(
          &w, c, w.actors[a].flags.contains(Linux6_12.pageWasMapped) ? .rmWalkRead : .undoUnlockOld)
      } else {
        fx.named(.folioNotMapped, page)
        // try_to_unmap_flush(): nothing is pending for a PMD (its flush was synchronous).
        w.actors[a].flags.remove(Linux6_12.retried)
        w.actors[a].flags.insert(Linux6_12.moving)
        go(&w, c, moveStart)
      }
    case .umRetry:
      if choice == 0 && !w.actors[a].flags.contains(Linux6_12.retried) {
        fx.named(.unmapPassRetry, page)
        w.actors[a].flags.insert(Linux6_12.retried)
        w.actors[a].flags.remove(Linux6_12.pageWasMapped)
        go(&w, c, .umFreedCheck)
      } else {
        fx.named(.batchExhausted, page)
        go(&w, c, .mmfUncount)
      }

    // __migrate_folio: expected_count = folio_expected_refs(NULL, src) = 1 (the isolation's).
    // "Check whether src does not have extra refs before we do more work":
    // if (folio_ref_count(src) != expected_count) return -EAGAIN;
    case .mvRefCheck:
      if w.pageCount(page, &fx) == 1 {
        fx.named(.refCountOK, page)
        go(&w, c, .mvCopy)
      } else {
        fx.named(.refCountExtra, page)
        go(&w, c, .mvRetry)
      }
    // rc = folio_mc_copy(dst, src): the 2 MB copy, before the freeze.
    case .mvCopy:
      fx.named(.mcCopy, page, new)
      w.copyPage(from: page, to: new, &fx)
      go(&w, c, .mvFreeze)
    // __folio_migrate_mapping(NULL, dst, src, 1), a large rmappable folio:
    // if (!folio_ref_freeze(folio, expected_count)) return -EAGAIN;
    case .mvFreeze:
      if w.pageRefFreeze(page, 1, &fx) {
        fx.named(.refFreeze, page)
        go(&w, c, .mvUnfreeze)
      } else {
        fx.named(.refFreezeFailed, page)
        go(&w, c, .mvRetry)
      }
    // folio_unqueue_deferred_split (the split queue: not modelled); folio_ref_unfreeze(folio,
    // 1). "No turning back from here": rc = MIGRATEPAGE_SUCCESS. folio_migrate_flags copies
    // flags the model does not hold.
    case .mvUnfreeze:
      fx.named(.refUnfreeze, page)
      w.pageRefUnfreeze(page, 1, &fx)
      w.actors[a].flags.insert(.migrated)
      go(&w, c, .mvAddLRU)
    // migrate_folio_move: folio_add_lru(dst) before it is mapped (a large folio is moved to the
    // LRU at once; the batch's reference is dropped again).
    case .mvAddLRU:
      fx.named(.addLRUDst, new)
      w.setLRU(new, &fx)
      go(&w, c, w.actors[a].flags.contains(Linux6_12.pageWasMapped) ? .rmWalkRead : .mvUnlockNew)

    // remove_migration_ptes(src, target, false) → rmap_walk → remove_migration_pte, a walk with
    // PVMW_SYNC | PVMW_MIGRATION: a migration entry or a huge PMD takes the ptl; an empty PMD
    // takes and drops it (PVMW_SYNC); then the entry must be src's.
    case .rmWalkRead:
      let pmd = w.pmd
      if pmd.kind == .migration {
        fx.named(.vmaWalkMigrationEntry, pmd.frame)
        go(&w, c, .rmLock)
      } else if pmd.isNone {
        fx.named(.vmaWalkNone)
        go(&w, c, .rmSyncLock)
      } else {
        fx.named(.vmaWalkTransHuge, pmd.frame)
        go(&w, c, .rmLock)
      }
    case .rmSyncLock:
      w.pmd_lock(c, &fx)
      go(&w, c, .rmSyncUnlock)
    case .rmSyncUnlock:
      w.spin_unlock(c, &fx)
      afterRemove(&w, c)
    case .rmLock:
      w.pmd_lock(c, &fx)
      go(&w, c, .rmCheck)
    case .rmCheck:
      w.validated(a)
      let pmd = w.pmd
      if pmd.kind == .migration && pmd.frame == page {
        fx.named(.vmaWalkMigrationFound, page)
        w.actors[a].stash = pmd
        go(&w, c, .rmGet)
      } else {
        fx.named(.vmaWalkNotFound, page)
        go(&w, c, .rmUnlock)
      }
    // remove_migration_pmd: entry = pmd_to_swp_entry(*pvmw->pmd); folio_get(target) ...
    case .rmGet:
      let target = remapTarget(w, c)
      fx.named(.folioGet, target)
      w.getPage(target, &fx)
      go(&w, c, .rmSetPmd)
    // ... pmde = mk_huge_pmd(new, vm_page_prot), young and dirty as the entry (pmd_mkold,
    // pmd_mkdirty), writable as the entry; folio_add_anon_rmap_pmd (the mapcount is the PMD's);
    // set_pmd_at(): the commit, no flush ("it was non-present before"). On the undo path the
    // same code maps the old folio back: an abandoned migration that makes the PMD accessible.
    case .rmSetPmd:
      let target = remapTarget(w, c)
      let entry = w.actors[a].stash
      let value = PMD(
        .present, frame: target, young: entry.young, dirty: entry.dirty, write: entry.write)
      w.set_pmd_at(value, c, &fx, .removeMigrationPmd)
      if w.actors[a].flags.contains(.migrated) {
        fx.transition = .commit(toNode: w.peekFrame(target).node)
      } else {
        fx.transition = .plain(.clearHinting)
      }
      go(&w, c, .rmUnlock)
    case .rmUnlock:
      w.spin_unlock(c, &fx)
      afterRemove(&w, c)

    // out_unlock_both: folio_unlock(dst); folio_put(dst) (the allocation's reference);
    // list_del(&src->lru); put_anon_vma; folio_unlock(src) (wakes the waiters);
    // migrate_folio_done(src): NR_ISOLATED_ANON -= nr, folio_put(src).
    case .mvUnlockNew:
      folio_unlock(new, &w, c, &fx)
      go(&w, c, .mvPutNew)
    case .mvPutNew:
      folio_put(new, &w, c, &fx)
      w.actors[a].newPage = noFrame
      go(&w, c, .mvUnlockOld)
    case .mvUnlockOld:
      folio_unlock(page, &w, c, &fx)
      w.actors[a].flags.remove(.pageLocked)
      go(&w, c, .mvDoneUncount)
    case .mvDoneUncount:
      w.nr_isolated(-1, page: page, c, &fx)
      go(&w, c, .mvDonePut)
    case .mvDonePut:
      // A stutter: the migration ended at the commit (or the range was discarded meanwhile).
      w.markHistory(page, .isolated, false)
      folio_put(page, &w, c, &fx)
      // migrate_misplaced_folio returns 0: TNF_MIGRATED, task_numa_fault, return 0.
      endMigrate(&w, c)
      w.faultReturns(c, self)
    // -EAGAIN from the move: the folio stays on unmap_folios with its migration entry installed
    // and both folios locked; the next pass retries the move.
    case .mvRetry:
      if choice == 0 && !w.actors[a].flags.contains(Linux6_12.retried) {
        fx.named(.movePassRetry, page)
        w.actors[a].flags.insert(Linux6_12.retried)
        go(&w, c, moveStart)
      } else {
        // out: migrate_folio_undo_src(src, PAGE_WAS_MAPPED, anon_vma, true, ret_folios) and
        // migrate_folio_undo_dst(dst, true).
        fx.named(.batchExhausted, page)
        go(
          &w, c, w.actors[a].flags.contains(Linux6_12.pageWasMapped) ? .rmWalkRead : .undoUnlockOld)
      }

    // migrate_folio_undo_src: (remove_migration_ptes(src, src) done), put_anon_vma,
    // folio_unlock(src); migrate_folio_undo_dst: folio_unlock(dst), folio_put(dst).
    case .undoUnlockOld:
      folio_unlock(page, &w, c, &fx)
      w.actors[a].flags.remove(.pageLocked)
      go(&w, c, .undoUnlockNew)
    case .undoUnlockNew:
      folio_unlock(new, &w, c, &fx)
      go(&w, c, .undoPutNew)
    case .undoPutNew:
      folio_put(new, &w, c, &fx)
      w.actors[a].newPage = noFrame
      w.actors[a].flags.remove(Linux6_12.pageWasMapped)
      go(&w, c, w.actors[a].flags.contains(Linux6_12.moving) ? .mmfUncount : .umRetry)

    // migrate_misplaced_folio: if (nr_remaining && !list_empty(&migratepages))
    // putback_movable_pages(): list_del; NR_ISOLATED_ANON -= nr; folio_putback_lru() =
    // folio_add_lru + folio_put (the isolation reference). Return -EAGAIN.
    case .mmfUncount:
      w.nr_isolated(-1, page: page, c, &fx)
      go(&w, c, .mmfAddLRU)
    case .mmfAddLRU:
      fx.named(.putbackAddLRU, page)
      let ends = w.migration(.endMigration, of: page, actors: c.actorCount)
      w.setLRU(page, &fx)
      fx.transition = ends
      go(&w, c, .mmfPut)
    case .mmfPut:
      folio_put(page, &w, c, &fx)
      endMigrate(&w, c)
      go(&w, c, .numaFailLock)
    default: break
    }
  }

  /// Where a move pass starts: the pre-copy reference check, or the copy when a revert switch
  /// took that line out.
  var moveStart: L { features.contains(.precopyRefCheck) ? .mvRefCheck : .mvCopy }

  /// `folio_mapped(src)`: the mapcount, derived from the PMD the model has for the one mapping
  /// (a present, protnone or invalidated PMD of the frame maps it; a migration entry does not:
  /// its rmap was removed). One read of the PMD stands for the read of the mapcount.
  func folioMapped(_ w: inout World, _ f: Int) -> Bool {
    let pmd = w.pmd
    return pmd.frame == f && (pmd.kind == .present || pmd.kind == .hinting || pmd.kind == .invalid)
  }

  /// The folio `remove_migration_ptes` maps: dst after a successful move, else src.
  func remapTarget(_ w: World, _ c: Ctx) -> Int {
    w.actors[c.a].flags.contains(.migrated) ? w.actors[c.a].newFrame : w.actors[c.a].pageFrame
  }

  /// After remove_migration_ptes: the tail of a successful move, or the undo.
  func afterRemove(_ w: inout World, _ c: Ctx) {
    go(&w, c, w.actors[c.a].flags.contains(.migrated) ? .mvUnlockNew : .undoUnlockOld)
  }

  /// Leaving migrate_misplaced_folio: the era-private flags go.
  func endMigrate(_ w: inout World, _ c: Ctx) {
    w.actors[c.a].flags.subtract([
      Linux6_12.pageWasMapped, Linux6_12.retried, Linux6_12.moving, .isolated, .pageLocked,
    ])
  }
}
