import THPSpec

// get_user_pages(FOLL_WRITE | FOLL_GET | FOLL_TOUCH | FOLL_NUMA) → follow_page_mask →
// follow_trans_huge_pmd, and x86 get_user_pages_fast → gup_pmd_range → gup_huge_pmd, v3.13
// (reference §1.a "follow_page (FOLL_NUMA) and fast GUP", §1.b "follow_trans_huge_pmd / fast
// GUP", seed 003).

extension Linux3_13 {
  func gup(_ label: L, _ w: inout World, _ c: Ctx, _ fx: inout Fx) {
    let a = c.a
    switch label {
    // follow_page_mask: pmd_none → no_page_table; the unlocked FOLL_NUMA && pmd_numa(*pmd)
    // test (there since v3.8) → no_page_table → handle_mm_fault; pmd_trans_huge → lock.
    case .gupFollow:
      let pmd = w.pmd
      w.actors[a].orig = pmd
      if pmd.isNone {
        fx.named(.followPmdNone)
        _ = w.enterFault(c, at: Shared.anonAlloc.rawValue)
      } else if pmd.kind == .hinting {
        fx.named(era: S.followPmdNuma.rawValue, pmd.frame)
        _ = w.enterFault(c, at: numaFaultEntry)
      } else {
        fx.named(.followPmdHuge, pmd.frame)
        go(&w, c, .gupLock)
      }
      if w.pc(a) == Shared.gaveUp.rawValue { fx.named(.gaveUp) }
    case .gupLock:
      fx.named(.pmdLock)
      w.pmdLock(a)
      go(&w, c, .gupFollowLocked)
    case .gupFollowLocked:
      w.validated(a)
      let pmd = w.pmd
      w.actors[a].orig = pmd
      if pmd.isNone {
        // Not trans-huge any more: the PTE path finds no page table → fault.
        fx.named(.followPmdNone)
        go(&w, c, .gupUnlockFault)
      } else if pmd.kind == .hinting && isRelease {
        // 2b4847e73004: "Full NUMA hinting faults to serialise migration in fault paths".
        fx.named(era: S.followTransHugePmdNuma.rawValue, pmd.frame)
        go(&w, c, .gupUnlockFault)
      } else {
        // follow_trans_huge_pmd: FOLL_TOUCH pmdp_set_access_flags(pmd_mkyoung(pmd_mkdirty));
        // FOLL_GET get_page_foll(page). .rc1 does this on a pmd_numa PMD too.
        let f = pmd.frame
        fx.named(.followTransHugePmdGet, f)
        w.getPage(f, &fx)
        if w.peekFrame(f).flags.contains(.isolated) { fx.rules.insert(.pinWhileIsolated) }
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
      let target = w.actors[a].orig.isNone ? Shared.anonAlloc.rawValue : numaFaultEntry
      if !w.enterFault(c, at: target) { fx.named(.gaveUp) }

    // x86 get_user_pages_fast: interrupts off, one lockless read of the PMD, a plain reference
    // (get_head_page_multiple: atomic_add, no re-check), interrupts on; else the slow path.
    case .gupfIrqOff:
      fx.named(.localIrqDisable)
      w.actors[a].flags.insert(.irqsOff)
      go(&w, c, .gupfRead)
    case .gupfRead:
      let pmd = w.pmd
      w.actors[a].orig = pmd
      switch pmd.kind {
      case .present:
        // No PMD re-check follows: with interrupts off the frame cannot be freed before the
        // reference below (freeing waits for the TLB-flush IPI), so the pin takes effect at
        // this read (its linearization point), whatever the PMD becomes meanwhile.
        fx.named(.gupPmdHuge, pmd.frame)
        w.actors[a].page = UInt8(pmd.frame)
        w.actors[a].flags.insert(.pinned)
        fx.transition = .pin(c.role.agent ?? .gupFast)
        go(&w, c, .gupfGet)
      case .hinting:
        // v3.13: `if (pmd_numa(pmd)) return 0;` (2b4847e73004). .rc1: the pmd_numa value has
        // _PAGE_PRESENT clear, so gup_huge_pmd's flag test fails the same way.
        fx.named(era: (isRelease ? S.gupPmdNumaBail : S.gupHugePmdNotPresent).rawValue, pmd.frame)
        go(&w, c, .gupfBail)
      default:
        fx.named(.gupPmdBail, pmd.isNone ? -1 : pmd.frame)
        go(&w, c, .gupfBail)
      }
    case .gupfGet:
      let f = w.actors[a].pageFrame
      // get_head_page_multiple: VM_BUG_ON(page_count == 0); atomic_add(refs, &page->_count).
      fx.named(.gupGetPage, f)
      w.getPage(f, &fx)
      if w.peekFrame(f).flags.contains(.isolated) { fx.rules.insert(.pinWhileIsolated) }
      go(&w, c, .gupfIrqOn)
    case .gupfBail:
      fx.named(.localIrqEnable)
      w.actors[a].flags.remove(.irqsOff)
      w.actors[a].page = noFrame
      go(&w, c, .gupFollow)
    case .gupfIrqOn:
      fx.named(.localIrqEnable)
      w.actors[a].flags.remove(.irqsOff)
      w.go(a, .dmaWrite)
    default: break
    }
  }
}
