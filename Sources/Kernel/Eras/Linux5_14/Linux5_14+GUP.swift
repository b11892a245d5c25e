import THPSpec

// get_user_pages(FOLL_WRITE | FOLL_NUMA) → follow_pmd_mask → follow_trans_huge_pmd, and
// get_user_pages_fast → gup_pmd_range → gup_huge_pmd, v5.14 (reference §1.e "GUP in v5.14").
// get_user_pages does not pass FOLL_MIGRATION: a migration entry makes follow_pmd_mask return
// no page, faultin_page's handle_mm_fault waits in pmd_migration_entry_wait, and the walk is
// retried.

extension Linux5_14 {
  func gup(_ label: L, _ w: inout World, _ c: Ctx, _ fx: inout Fx) {
    let a = c.a
    switch label {
    // follow_pmd_mask: pmdval = READ_ONCE(*pmd), tested without the lock.
    case .gupFollow:
      let pmd = w.pmd
      w.actors[a].orig = pmd
      switch pmd.kind {
      case .none:
        fx.named(.followPmdNone)
        _ = w.enterFault(c, at: Shared.anonAlloc.rawValue)
      case .hinting:
        fx.named(.followPmdNuma, pmd.frame)
        _ = w.enterFault(c, at: numaFaultEntry)
      case .migration:
        fx.named(.followMigration, pmd.frame)
        _ = w.enterFault(c, at: migrationWaitEntry)
      default:
        // pmd_trans_huge (an invalidated PMD keeps _PAGE_PSE): take the lock.
        fx.named(.followPmdHuge, pmd.frame)
        go(&w, c, .gupLock)
      }
      if w.pc(a) == Shared.gaveUp.rawValue { fx.named(.gaveUp) }
    case .gupLock:
      fx.named(.pmdLock)
      w.pmdLock(a)
      go(&w, c, .gupFollowLocked)
    // Under the ptl: pmd_none → fault; !pmd_present (a migration entry) → fault (wait);
    // follow_trans_huge_pmd: FOLL_NUMA && pmd_protnone → fault; else FOLL_TOUCH and get_page.
    case .gupFollowLocked:
      w.validated(a)
      let pmd = w.pmd
      w.actors[a].orig = pmd
      switch pmd.kind {
      case .none:
        fx.named(.followPmdNone)
        go(&w, c, .gupUnlockFault)
      case .migration:
        fx.named(.followLockedMigration, pmd.frame)
        go(&w, c, .gupUnlockFault)
      case .hinting:
        fx.named(.followTransHugePmdNuma, pmd.frame)
        go(&w, c, .gupUnlockFault)
      default:
        let f = pmd.frame
        fx.named(.followTransHugePmdGet, f)
        w.getPage(f, &fx)
        // FOLL_TOUCH: touch_pmd marks the entry young and dirty.
        w.writePMD(pmd.mkyoung().mkdirty(), by: a, &fx)
        w.actors[a].page = UInt8(f)
        w.actors[a].flags.insert(.pinned)
        fx.transition = .pin(c.role.agent ?? .gupSlow)
        go(&w, c, .gupUnlock)
      }
    case .gupUnlock:
      fx.named(.spinUnlock)
      w.spinUnlock(a)
      w.go(a, .dmaWrite)
    case .gupUnlockFault:
      fx.named(.spinUnlock)
      w.spinUnlock(a)
      let target: UInt8
      switch w.actors[a].orig.kind {
      case .none: target = Shared.anonAlloc.rawValue
      case .migration: target = migrationWaitEntry
      default: target = numaFaultEntry
      }
      if !w.enterFault(c, at: target) { fx.named(.gaveUp) }

    // get_user_pages_fast: interrupts off, lockless PMD read, speculative reference, re-check.
    case .gupfIrqOff:
      fx.named(.localIrqDisable)
      w.actors[a].flags.insert(.irqsOff)
      go(&w, c, .gupfRead)
    case .gupfRead:
      let pmd = w.pmd
      w.actors[a].orig = pmd
      // !pmd_present (none, a migration entry) → bail; pmd_protnone → bail; an invalidated
      // PMD fails pmd_access_permitted (no _PAGE_PRESENT) → bail.
      if pmd.kind != .present {
        fx.named(.gupPmdBail, pmd.isNone ? -1 : pmd.frame)
        go(&w, c, .gupfBail)
      } else {
        fx.named(.gupPmdHuge, pmd.frame)
        w.actors[a].page = UInt8(pmd.frame)
        go(&w, c, .gupfSpeculative)
      }
    // try_grab_compound_head: fails on a zero (frozen or freed) count.
    case .gupfSpeculative:
      let f = w.actors[a].pageFrame
      if w.getPageUnlessZero(f) {
        fx.named(.gupSpeculative, f)
        go(&w, c, .gupfRecheck)
      } else {
        fx.named(.gupSpeculativeFailed, f)
        w.actors[a].page = noFrame
        go(&w, c, .gupfBail)
      }
    // if (pmd_val(orig) != pmd_val(*pmdp)) drop the reference and bail.
    case .gupfRecheck:
      let f = w.actors[a].pageFrame
      if w.pmd == w.actors[a].orig {
        fx.named(.gupRecheck, f)
        w.actors[a].flags.insert(.pinned)
        fx.transition = .pin(c.role.agent ?? .gupSlow)
        go(&w, c, .gupfIrqOn)
      } else {
        fx.named(.gupRecheckFailed, f)
        go(&w, c, .gupfDrop)
      }
    case .gupfDrop:
      let f = w.actors[a].pageFrame
      fx.named(.putPage, f)
      w.putPage(f, &fx)
      w.actors[a].page = noFrame
      go(&w, c, .gupfBail)
    case .gupfBail:
      // Fall back to get_user_pages for the range.
      fx.named(.localIrqEnable)
      w.actors[a].flags.remove(.irqsOff)
      go(&w, c, .gupFollow)
    case .gupfIrqOn:
      fx.named(.localIrqEnable)
      w.actors[a].flags.remove(.irqsOff)
      w.go(a, .dmaWrite)
    default: break
    }
  }
}
