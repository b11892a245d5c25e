import THPSpec

// do_huge_pmd_numa_page, v3.8-rc1 (`b32967ff101a`) and v3.9
// (`340ef3902cf2`: no `page_locked`, the migrator unlocks the page, `check_same`). Entered from
// handle_mm_fault with orig_pmd, the fault entry's second read of the PMD.

extension Linux3_8 {
  func fault(_ label: L, _ w: inout World, _ c: Ctx, choice: Int, _ fx: inout Fx) {
    let a = c.a
    let page = w.actors[a].pageFrame
    switch label {
    // spin_lock(&mm->page_table_lock); if (!pmd_same(pmd, *pmdp)) goto out_unlock;
    case .numaLock:
      w.pmd_lock(c, &fx)
      go(&w, c, .numaSame)
    case .numaSame:
      go(&w, c, w.pmd_same(c, &fx) ? .numaGetPage : .numaUnlockOut)

    // page = pmd_page(pmd); get_page(page): the caller's pin, taken under the ptl.
    case .numaGetPage:
      let f = w.actors[a].orig.frame
      w.actors[a].page = UInt8(f)
      w.get_page(f, c, &fx)
      go(&w, c, .numaMisplaced)

    // target_nid = mpol_misplaced(page, vma, haddr); -1: put_page, clear_pmdnuma with no
    // page lock (the hole seed 000 closed).
    case .numaMisplaced:
      misplaced(&w, c, choice: choice, page, &fx)
      go(&w, c, choice == 1 ? .numaLocalPut : .numaUnlockForLock)
    case .numaLocalPut:
      w.put_page(page, c, &fx)
      go(&w, c, .numaClear)

    // spin_unlock; lock_page(page) (sleeps, with the caller's pin held); spin_lock; pmd_same.
    case .numaUnlockForLock:
      w.spin_unlock(c, &fx)
      go(&w, c, .numaLockPage)
    case .numaLockPage:
      fx.named(.lockPage, page)
      if !w.actors[a].flags.contains(.holdsRef) { fx.rules.insert(.sleepWithoutReference) }
      if w.trylockPage(page, &fx) { w.actors[a].flags.insert(.pageLocked) }
      go(&w, c, .numaRelock)
    case .numaRelock:
      w.pmd_lock(c, &fx)
      go(&w, c, .numaSameAgain)
    case .numaSameAgain:
      go(&w, c, w.pmd_same(c, &fx) ? .numaUnlockMigrate : .numaRaceUnlockPage)
    case .numaRaceUnlockPage:
      w.unlock_page(page, c, &fx)
      go(&w, c, .numaRacePutPage)
    case .numaRacePutPage:
      w.put_page(page, c, &fx)
      go(&w, c, .numaUnlockOut)
    case .numaUnlockMigrate:
      w.spin_unlock(c, &fx)
      go(&w, c, .migMapcount)

    // The migration failed (returned 0). v3.8: the page is still locked and the caller's pin
    // is gone; re-take the ptl and clear the marker if the PMD is unchanged, else unlock.
    // v3.9 (check_same): the page is already unlocked.
    case .checkSameLock:
      w.pmd_lock(c, &fx)
      go(&w, c, .checkSame)
    case .checkSame:
      if w.pmd_same(c, &fx) {
        go(&w, c, .numaClear)
      } else {
        let locked = w.actors[a].flags.contains(.pageLocked)
        go(&w, c, locked ? .checkSameUnlockPage : .numaUnlockOut)
      }
    case .checkSameUnlockPage:
      // No reference is held here any more: the migrator consumed the caller's pin.
      w.unlock_page(page, c, &fx)
      go(&w, c, .numaUnlockOut)

    // clear_pmdnuma: pmd_mknonnuma(pmd) (present, accessed), set_pmd_at; v3.8 then
    // unlock_page if page_locked.
    case .numaClear:
      let value = w.actors[a].orig.with(.present).mkyoung()
      clearHint(&w, c, value: value, page: w.actors[a].orig.frame, &fx)
      go(&w, c, w.actors[a].flags.contains(.pageLocked) ? .numaClearUnlockPage : .numaUnlockOut)
    case .numaClearUnlockPage:
      w.unlock_page(page, c, &fx)
      go(&w, c, .numaUnlockOut)

    // out_unlock: spin_unlock; task_numa_fault; return (the access retries).
    case .numaUnlockOut:
      w.spin_unlock(c, &fx)
      w.faultReturns(c, self)
    default: break
    }
  }

  /// `set_pmd_at` of an accessible value over a NUMA-marked PMD, marking (for the diagram) the
  /// later rule that only the page-lock holder may do it: breaking it is seed 000's hole.
  func clearHint(
    _ w: inout World, _ c: Ctx, value: PMD, page: Int, _ fx: inout Fx,
    _ name: KStep = .clearPmdnumaSet
  ) {
    if !w.actors[c.a].flags.contains(.pageLocked) { fx.rules.insert(.hintClearedWithoutPageLock) }
    w.set_pmd_at(value, c, &fx, name, frame: page)
    fx.transition = .plain(.clearHinting)
  }
}
