import THPSpec

// do_huge_pmd_numa_page, v3.8-rc1 (`b32967ff101a`, reference §1.a steps 1–12) and v3.9
// (`340ef3902cf2`: no `page_locked`, the migrator unlocks the page, `check_same`).

extension Linux3_8 {
  func fault(_ label: L, _ w: inout World, _ c: Ctx, choice: Int, _ fx: inout Fx) {
    let a = c.a
    let page = w.actors[a].pageFrame
    switch label {
    // spin_lock(&mm->page_table_lock); if (!pmd_same(pmd, *pmdp)) goto out_unlock;
    case .numaLock:
      fx.named(.pmdLock)
      w.pmdLock(a)
      go(&w, c, .numaSame)
    case .numaSame:
      w.validated(a)
      if w.pmd == w.actors[a].orig {
        fx.named(.pmdSame)
        go(&w, c, .numaGetPage)
      } else {
        fx.named(.pmdSameChanged)
        go(&w, c, .numaUnlockOut)
      }

    // page = pmd_page(pmd); get_page(page): the caller's pin, taken under the ptl.
    case .numaGetPage:
      let f = w.actors[a].orig.frame
      w.actors[a].page = UInt8(f)
      fx.named(.getPage, f)
      w.getPage(f, &fx)
      w.actors[a].flags.insert(.holdsRef)
      go(&w, c, .numaMisplaced)

    // target_nid = mpol_misplaced(page, vma, haddr); -1: put_page, clear_pmdnuma with no
    // page lock (the hole seed 000 closed).
    case .numaMisplaced:
      if choice == 1 {
        fx.named(.mpolMisplacedLocal, page)
        go(&w, c, .numaLocalPut)
      } else {
        w.touch(page, &fx)
        w.actors[a].target = 1 - w.peekFrame(page).node
        fx.named(.mpolMisplacedRemote, page)
        fx.value = UInt16(w.actors[a].target)
        go(&w, c, .numaUnlockForLock)
      }
    case .numaLocalPut:
      fx.named(.putPage, page)
      w.putPage(page, &fx)
      w.actors[a].flags.remove(.holdsRef)
      go(&w, c, .numaClear)

    // spin_unlock; lock_page(page) (sleeps, with the caller's pin held); spin_lock; pmd_same.
    case .numaUnlockForLock:
      fx.named(.spinUnlock)
      w.spinUnlock(a)
      go(&w, c, .numaLockPage)
    case .numaLockPage:
      fx.named(.lockPage, page)
      if !w.actors[a].flags.contains(.holdsRef) { fx.rules.insert(.sleepWithoutReference) }
      if w.trylockPage(page, &fx) { w.actors[a].flags.insert(.pageLocked) }
      go(&w, c, .numaRelock)
    case .numaRelock:
      fx.named(.pmdLock)
      w.pmdLock(a)
      go(&w, c, .numaSameAgain)
    case .numaSameAgain:
      w.validated(a)
      if w.pmd == w.actors[a].orig {
        fx.named(.pmdSame)
        go(&w, c, .numaUnlockMigrate)
      } else {
        fx.named(.pmdSameChanged)
        go(&w, c, .numaRaceUnlockPage)
      }
    case .numaRaceUnlockPage:
      fx.named(.unlockPage, page)
      w.unlockPage(page, &fx)
      w.actors[a].flags.remove(.pageLocked)
      go(&w, c, .numaRacePutPage)
    case .numaRacePutPage:
      fx.named(w.peekFrame(page).refcount == 1 ? .putPageFrees : .putPage, page)
      w.putPage(page, &fx)
      w.actors[a].flags.remove(.holdsRef)
      go(&w, c, .numaUnlockOut)
    case .numaUnlockMigrate:
      fx.named(.spinUnlock)
      w.spinUnlock(a)
      go(&w, c, .migMapcount)

    // The migration failed (returned 0). v3.8: the page is still locked and the caller's pin
    // is gone; re-take the ptl and clear the marker if the PMD is unchanged, else unlock.
    // v3.9 (check_same): the page is already unlocked.
    case .checkSameLock:
      fx.named(.pmdLock)
      w.pmdLock(a)
      go(&w, c, .checkSame)
    case .checkSame:
      w.validated(a)
      if w.pmd == w.actors[a].orig {
        fx.named(.pmdSame)
        go(&w, c, .numaClear)
      } else {
        fx.named(.pmdSameChanged)
        let locked = w.actors[a].flags.contains(.pageLocked)
        go(&w, c, locked ? .checkSameUnlockPage : .numaUnlockOut)
      }
    case .checkSameUnlockPage:
      // No reference is held here any more: the migrator consumed the caller's pin.
      fx.named(.unlockPage, page)
      w.unlockPage(page, &fx)
      w.actors[a].flags.remove(.pageLocked)
      go(&w, c, .numaUnlockOut)

    // clear_pmdnuma: pmd_mknonnuma(pmd) (present, accessed), set_pmd_at; v3.8 then
    // unlock_page if page_locked.
    case .numaClear:
      let value = w.actors[a].orig.with(.present).mkyoung()
      clearHint(&w, c, value: value, page: w.actors[a].orig.frame, &fx)
      go(&w, c, w.actors[a].flags.contains(.pageLocked) ? .numaClearUnlockPage : .numaUnlockOut)
    case .numaClearUnlockPage:
      fx.named(.unlockPage, page)
      w.unlockPage(page, &fx)
      w.actors[a].flags.remove(.pageLocked)
      go(&w, c, .numaUnlockOut)

    // out_unlock: spin_unlock; task_numa_fault; return (the access retries).
    case .numaUnlockOut:
      fx.named(.spinUnlock)
      w.spinUnlock(a)
      w.faultReturns(c, self)
    default: break
    }
  }

  /// `set_pmd_at` of an accessible value over a NUMA-marked PMD, marking (for the diagram) the
  /// later rule that only the page-lock holder may do it: breaking it is seed 000's hole.
  func clearHint(_ w: inout World, _ c: Ctx, value: PMD, page: Int, _ fx: inout Fx) {
    fx.named(.setPmdAt, page)
    fx.value = value.raw
    if !w.actors[c.a].flags.contains(.pageLocked) { fx.rules.insert(.hintClearedWithoutPageLock) }
    w.writePMD(value, by: c.a, &fx)
    fx.transition = .plain(.clearHinting)
  }
}
