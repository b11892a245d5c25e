import THPSpec

/// Labels of the PFN walker, written once for every era: a lockless speculative reference on a
/// frame it picks by number, as the kernel's PFN walkers take one, then what that walker does
/// with the page, then its `put_page`, which may be the last.
///
/// - v3.8–v3.13, memory hot-remove (`mm/memory_hotplug.c` `do_migrate_range`):
///   `get_page_unless_zero(page)`, then `isolate_lru_page(page)` under the LRU lock; on success
///   `put_page` and the page goes on the offline migration list. The model takes the branch in
///   which that migration fails and the page is put back (`putback_lru_pages`), since the THP
///   split the offline migration starts with is outside the model; on failure, `put_page`.
/// - v4.3 on, `page_idle` (`mm/page_idle.c`, a write to `/sys/kernel/mm/page_idle/bitmap`):
///   `page_idle_get_page` tests `PageLRU` unlocked, takes `get_page_unless_zero`, tests
///   `PageLRU` again (under `zone_lru_lock` in v4.x; without it from v5.11, "mm: page_idle_get_page()
///   does not need lru_lock"), then `page_idle_clear_pte_refs`: `page_mapped`, the anon_vma
///   read lock, `page_vma_mapped_walk` (an unlocked `pmd_trans_huge` read, `pmd_lock`, the
///   locked re-check that the PMD maps this page), `pmdp_clear_young_notify` (the accessed bit
///   cleared under the ptl, no TLB flush; `mmu_notifier_clear_young` is the aging hook, which
///   the model's device does not have), the ptl and anon_vma released, then `set_page_idle` and
///   `put_page`. An anonymous THP takes no page lock here (`need_lock` is false for anon).
enum Walker: UInt16 {
  // memory hot-remove
  case hrGet = 256
  case hrIsolate, hrPut, hrPutback, hrPutbackPut
  // page_idle
  case piLRU, piGet, piRecheck, piMapped, piAnonLock, piRead, piLock, piLockedCheck
  case piClearYoung, piUnlock, piAnonUnlock, piPut

  /// What the step at this label waits for.
  var wait: Wait { self == .piLock ? .ptl : .nothing }

  /// How many outcomes the step at this label has: the first picks the frame (any frame handed
  /// out so far, freed ones included: a PFN walker can land on any of them).
  func choices(_ w: World) -> Int {
    self == .hrGet || self == .piLRU ? max(1, w.peekAllocated) : 1
  }
}

/// Which walker an era has.
struct WalkerOptions: Sendable, Hashable {
  /// The walker of the era's code.
  enum Kind: Sendable, Hashable {
    /// v3.8–v3.13: memory hot-remove's `do_migrate_range`.
    case hotRemove
    /// v4.3+: `page_idle`.
    case pageIdle
  }

  var kind: Kind
  /// v4.x: `page_idle_get_page` re-tests `PageLRU` under `zone_lru_lock` (a name only: the
  /// model's `isolate_lru_page` is one step, so the locked test and the unlocked one read the
  /// same).
  var lruLockRecheck: Bool = false

  /// Where a walker operation starts.
  var entry: UInt16 { (kind == .hotRemove ? Walker.hrGet : .piLRU).rawValue }
}

/// The one walker procedure.
enum WalkerProcedure {
  static func step(
    _ label: Walker, _ w: inout World, _ c: Ctx, era: some Era, choice: Int, _ fx: inout Fx
  ) {
    let a = c.a
    let page = w.actors[a].pageFrame
    func go(_ l: Walker) { w.go(a, l.rawValue) }
    func done() {
      w.actors[a].page = noFrame
      w.actors[a].flags.remove(.holdsRef)
      w.opDone(c)
    }
    switch label {
    // do_migrate_range: page = pfn_to_page(pfn); if (!get_page_unless_zero(page)) continue;
    case .hrGet:
      w.actors[a].page = UInt8(choice)
      let got = w.get_page_unless_zero(choice, c, &fx)
      fx.named(got ? .hrGet : .hrGetFailed, choice)
      if got { go(.hrIsolate) } else { done() }
    // ret = isolate_lru_page(page): the migration of hot-remove begins if the page was on the
    // LRU (the NUMA migrator's own isolate_lru_page then fails).
    case .hrIsolate:
      let isolated = w.isolate_lru_page(page, c, &fx)
      fx.named(isolated ? .hrIsolate : .hrIsolateFailed, page)
      if isolated { w.actors[a].flags.insert(.isolated) }
      go(.hrPut)
    // put_page(page): the speculative reference (isolated or not).
    case .hrPut:
      let isolated = w.actors[a].flags.contains(.isolated)
      w.put_page(page, c, &fx)
      if isolated { go(.hrPutback) } else { done() }
    // migrate_pages failed: putback_lru_pages → putback_lru_page: lru_cache_add (v3.x: into this
    // CPU's pagevec, drained before the walker is done), then put_page of the isolation's
    // reference.
    case .hrPutback:
      if era.anon.pagevec {
        w.lru_cache_add_pagevec(page, c, &fx, ending: true)
      } else {
        w.lru_cache_add(page, c, &fx)
      }
      go(.hrPutbackPut)
    case .hrPutbackPut:
      w.actors[a].flags.remove(.isolated)
      w.put_page(page, c, &fx)
      w.actors[a].page = noFrame
      if w.actors[a].pagevec != noFrame {
        w.go(a, .drainLRU)
      } else {
        w.opDone(c)
      }

    // page_idle_get_page: if (!PageLRU(page) || ...
    case .piLRU:
      w.actors[a].page = UInt8(choice)
      let lru = w.readFrame(choice, Location.lru(choice)).flags.contains(.lru)
      fx.named(lru ? .pageIdleLRU : .pageIdleNotLRU, choice)
      if lru { go(.piGet) } else { done() }
    // ... || !get_page_unless_zero(page)) return NULL;
    case .piGet:
      if w.get_page_unless_zero(page, c, &fx) { go(.piRecheck) } else { done() }
    // if (unlikely(!PageLRU(page))) { put_page(page); page = NULL; } (v4.x under zone_lru_lock)
    case .piRecheck:
      let lru = w.readFrame(page, Location.lru(page)).flags.contains(.lru)
      let locked = era.walker.lruLockRecheck
      fx.named(lru ? (locked ? .lruRecheckLocked : .lruRecheck) : .lruRecheckFailed, page)
      go(lru ? .piMapped : .piPut)
    // page_idle_clear_pte_refs: if (!page_mapped(page) || !page_rmapping(page)) return; the
    // THP's mapcount is its one PMD mapping, so this is a read of the PMD.
    case .piMapped:
      let pmd = w.pmd
      let mapped = pmd.frame == page && pmd.kind != .none && pmd.kind != .migration
      fx.named(mapped ? .idleMapped : .idleNotMapped, page)
      go(mapped ? .piAnonLock : .piPut)
    // rmap_walk → rmap_walk_anon: page_lock_anon_vma_read(page).
    case .piAnonLock:
      fx.named(.pageLockAnonVmaRead, page)
      w.addAnonVmaReader(1)
      w.actors[a].flags.insert(.anonVma)
      go(.piRead)
    // page_vma_mapped_walk: pmde = READ_ONCE(*pvmw->pmd); if (pmd_trans_huge(pmde) ||
    // is_pmd_migration_entry(pmde)) take the lock; else not found here.
    case .piRead:
      let pmd = w.pmd
      if pmd.isNone {
        fx.named(.walkerNotFound, page)
        go(.piAnonUnlock)
      } else {
        fx.named(.walkerPmdHuge, pmd.frame)
        go(.piLock)
      }
    case .piLock:
      w.pmd_lock(c, &fx)
      go(.piLockedCheck)
    // Under the ptl: if (pmd_trans_huge(*pvmw->pmd)) { if (pmd_page(*pmd) != page) not found };
    // a migration entry is not found for page_idle (no PVMW_MIGRATION).
    case .piLockedCheck:
      w.validated(a)
      let pmd = w.pmd
      let found = pmd.frame == page && (pmd.kind == .present || pmd.kind == .hinting)
      fx.named(found ? .walkerFound : .walkerNotFound, page)
      go(found ? .piClearYoung : .piUnlock)
    // page_idle_clear_pte_refs_one: pmdp_clear_young_notify(vma, addr, pvmw.pmd).
    case .piClearYoung:
      let young = w.testAndClearYoung()
      fx.named(young ? .pmdpClearYoungNotify : .pmdNotYoung, page)
      go(.piUnlock)
    // page_vma_mapped_walk_done: spin_unlock(ptl).
    case .piUnlock:
      w.spin_unlock(c, &fx)
      go(.piAnonUnlock)
    case .piAnonUnlock:
      fx.named(.pageUnlockAnonVmaRead, page)
      w.addAnonVmaReader(-1)
      w.actors[a].flags.remove(.anonVma)
      go(.piPut)
    // set_page_idle(page) (a page flag nothing in the model reads); put_page(page).
    case .piPut:
      w.put_page(page, c, &fx)
      done()
    }
  }
}
