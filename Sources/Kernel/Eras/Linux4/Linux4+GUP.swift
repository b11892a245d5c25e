import THPSpec

// get_user_pages(FOLL_WRITE | FOLL_NUMA) → follow_pmd_mask → follow_trans_huge_pmd, and
// get_user_pages_fast → gup_pmd_range → gup_huge_pmd, v4.x (reference §1.c "follow / GUP").

extension Linux4 {
  func gup(_ label: L, _ w: inout World, _ c: Ctx, _ fx: inout Fx) {
    let a = c.a
    switch label {
    // follow_pmd_mask: unlocked READ_ONCE(*pmd).
    case .gupFollow:
      let pmd = w.pmd
      w.actors[a].orig = pmd
      if pmd.isNone {
        fx.named(.followPmdNone)
        _ = w.enterFault(c, at: Shared.anonAlloc.rawValue)
      } else if pmd.kind == .hinting {
        // The unlocked FOLL_NUMA test, there since v3.8.
        fx.named(.followPmdNuma, pmd.frame)
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
        fx.named(.followPmdNone)
        go(&w, c, .gupUnlockFault)
      } else if pmd.kind == .hinting && features.contains(.follNumaLocked) {
        // 2b4847e73004: "Full NUMA hinting faults to serialise migration in fault paths".
        fx.named(.followTransHugePmdNuma, pmd.frame)
        go(&w, c, .gupUnlockFault)
      } else {
        let f = pmd.frame
        fx.named(.followTransHugePmdGet, f)
        w.getPage(f, &fx)
        if w.frames[f].flags.contains(.isolated) { fx.rules.insert(.pinWhileIsolated) }
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
      let target = w.actors[a].orig.isNone ? Shared.anonAlloc.rawValue : numaFaultEntry
      if !w.enterFault(c, at: target) { fx.named(.gaveUp) }

    // get_user_pages_fast: interrupts off, lockless PMD read, speculative reference, re-check.
    case .gupfIrqOff:
      fx.named(.localIrqDisable)
      w.actors[a].flags.insert(.irqsOff)
      go(&w, c, .gupfRead)
    case .gupfRead:
      let pmd = w.pmd
      w.actors[a].orig = pmd
      // pmd_none, pmd_protnone (2b4847e73004) and, on x86, pmd_access_permitted (no
      // _PAGE_PRESENT) all send a non-present PMD to the slow path.
      if pmd.kind != .present {
        fx.named(.gupPmdBail, pmd.isNone ? -1 : pmd.frame)
        go(&w, c, .gupfBail)
      } else {
        fx.named(.gupPmdHuge, pmd.frame)
        w.actors[a].page = UInt8(pmd.frame)
        go(&w, c, .gupfSpeculative)
      }
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
    case .gupfRecheck:
      let f = w.actors[a].pageFrame
      if w.pmd == w.actors[a].orig {
        fx.named(.gupRecheck, f)
        if w.frames[f].flags.contains(.isolated) { fx.rules.insert(.pinWhileIsolated) }
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
