import THPSpec

/// Labels of `do_huge_pmd_wp_page` for an anonymous THP mapped once, written once for every era:
/// a write fault on a present PMD without `_PAGE_RW`. The page is reused (its only mapping), so
/// the fault makes the PMD writable again under the ptl with `pmdp_set_access_flags`.
///
/// In the models a PMD loses its write bit where v4.x's `out_fail` restores it with
/// `pmd_modify(entry, vma->vm_page_prot)` (the protnone value's saved write bit is dropped), where
/// v5.14's `remove_migration_pmd` maps a readable migration entry (one the scanner downgraded),
/// and where 6.12's does so for every NUMA migration (its protnone value has no write bit). From
/// v4.14 (`ba3c4ce6def4`, "mm, THP, swap: make
/// reuse_swap_page() works for THP swapped out") the reuse is decided with the page locked:
/// `trylock_page`, else `get_page`, drop the ptl, `lock_page`, re-take the ptl and re-check
/// `pmd_same`.
enum WriteFault: UInt16 {
  case lock = 288
  case same, trylock, getPage, unlock, lockPage, relock, resame, putPage, reuse, unlockPage
  case unlockPtl, raceUnlockPtl, raceUnlockPage, racePutPage

  /// What the step at this label waits for.
  var wait: Wait {
    switch self {
    case .lock, .relock: .ptl
    case .lockPage: .pageUnlocked
    default: .nothing
    }
  }
}

/// The one write-protect fault procedure.
enum WriteFaultProcedure {
  static func step(_ label: WriteFault, _ w: inout World, _ c: Ctx, era: some Era, _ fx: inout Fx)
  {
    let a = c.a
    let page = w.actors[a].pageFrame
    func go(_ l: WriteFault) { w.go(a, l.rawValue) }
    switch label {
    // spin_lock(vmf->ptl); if (unlikely(!pmd_same(*vmf->pmd, orig_pmd))) return 0;
    case .lock:
      w.pmd_lock(c, &fx)
      go(.same)
    case .same:
      guard w.pmd_same(c, &fx) else {
        go(.unlockPtl)
        return
      }
      w.actors[a].page = UInt8(w.actors[a].orig.frame)
      go(era.writeFaultLocksPage ? .trylock : .reuse)
    // Lock page for reuse_swap_page(): if (!trylock_page(page)) { ...
    case .trylock:
      go(w.trylock_page(page, c, &fx) ? .reuse : .getPage)
    // ... get_page(page); spin_unlock(vmf->ptl); lock_page(page); spin_lock(vmf->ptl);
    case .getPage:
      w.get_page(page, c, &fx)
      go(.unlock)
    case .unlock:
      w.spin_unlock(c, &fx)
      go(.lockPage)
    case .lockPage:
      fx.named(.lockPage, page)
      if w.trylockPage(page, &fx) { w.actors[a].flags.insert(.pageLocked) }
      go(.relock)
    case .relock:
      w.pmd_lock(c, &fx)
      go(.resame)
    // if (unlikely(!pmd_same(*vmf->pmd, orig_pmd))) { spin_unlock; unlock_page; put_page;
    // return 0; } put_page(page);
    case .resame:
      go(w.pmd_same(c, &fx) ? .putPage : .raceUnlockPtl)
    case .putPage:
      w.put_page(page, c, &fx)
      go(.reuse)
    // reuse_swap_page(page): the only mapping → entry = maybe_pmd_mkwrite(pmd_mkdirty(
    // pmd_mkyoung(orig_pmd))); pmdp_set_access_flags(vma, haddr, pmd, entry, 1).
    case .reuse:
      let value = w.actors[a].orig.mkyoung().mkdirty().mkwrite()
      w.set_pmd_at(value, c, &fx, .wpReuse)
      go(era.writeFaultLocksPage ? .unlockPage : .unlockPtl)
    case .unlockPage:
      w.unlock_page(page, c, &fx)
      go(.unlockPtl)
    case .unlockPtl:
      w.spin_unlock(c, &fx)
      w.faultReturns(c, era)
    case .raceUnlockPtl:
      w.spin_unlock(c, &fx)
      go(.raceUnlockPage)
    case .raceUnlockPage:
      w.unlock_page(page, c, &fx)
      go(.racePutPage)
    case .racePutPage:
      w.put_page(page, c, &fx)
      w.faultReturns(c, era)
    }
  }
}
