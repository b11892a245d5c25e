import THPSpec

// get_user_pages(FOLL_WRITE | FOLL_TOUCH | FOLL_NUMA) → follow_page → follow_trans_huge_pmd,
// and x86 get_user_pages_fast → gup_pmd_range → gup_huge_pmd, v3.8 (reference §1.a
// "follow_page (FOLL_NUMA) and fast GUP"). Same code in v3.9.

extension Linux3_8 {
  func gup(_ label: L, _ w: inout World, _ c: Ctx, _ fx: inout Fx) {
    let a = c.a
    switch label {
    // follow_page: unlocked tests of *pmd: pmd_none → fault; FOLL_NUMA && pmd_numa → fault;
    // pmd_trans_huge → take the ptl.
    case .gupFollow:
      let pmd = w.pmd
      w.actors[a].orig = pmd
      if pmd.isNone {
        fx.named(.followPmdNone)
        _ = w.enterFault(c, at: Shared.anonAlloc.rawValue)
      } else if pmd.kind == .hinting {
        fx.named(era: S.followNuma.rawValue, pmd.frame)
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
    // if (likely(pmd_trans_huge(*pmd))) follow_trans_huge_pmd(): no pmd_numa test in this era;
    // FOLL_TOUCH: set_pmd_at(pmd_mkyoung(pmd_mkdirty(*pmd))) (a pmd_numa value stays marked).
    case .gupFollowLocked:
      w.validated(a)
      let pmd = w.pmd
      w.actors[a].orig = pmd
      if pmd.isNone {
        fx.named(era: S.followNotHuge.rawValue)
        go(&w, c, .gupUnlockFault)
      } else {
        fx.named(era: S.followTouch.rawValue, pmd.frame)
        w.writePMD(pmd.mkyoung().mkdirty(), by: a, &fx)
        w.actors[a].page = UInt8(pmd.frame)
        go(&w, c, .gupGet)
      }
    // if (flags & FOLL_GET) get_page_foll(page): the pin.
    case .gupGet:
      let f = w.actors[a].pageFrame
      fx.named(.followTransHugePmdGet, f)
      w.getPage(f, &fx)
      if w.peekFrame(f).flags.contains(.isolated) { fx.rules.insert(.pinWhileIsolated) }
      w.actors[a].flags.insert(.pinned)
      fx.transition = .pin(c.role.agent ?? .gupSlow)
      go(&w, c, .gupUnlock)
    case .gupUnlock:
      fx.named(.spinUnlock)
      w.spinUnlock(a)
      w.go(a, .dmaWrite)
    case .gupUnlockFault:
      fx.named(.spinUnlock)
      w.spinUnlock(a)
      if !w.enterFault(c, at: Shared.anonAlloc.rawValue) { fx.named(.gaveUp) }

    // get_user_pages_fast: local_irq_disable; pmd = *pmdp; pmd_none → slow path; pmd_large →
    // gup_huge_pmd: _PAGE_PRESENT clear (pmd_numa) → slow path; else get_head_page_multiple,
    // a plain reference with no re-check of the PMD.
    case .gupfIrqOff:
      fx.named(.localIrqDisable)
      w.actors[a].flags.insert(.irqsOff)
      go(&w, c, .gupfRead)
    case .gupfRead:
      let pmd = w.pmd
      w.actors[a].orig = pmd
      if pmd.isNone {
        fx.named(.gupPmdBail)
        go(&w, c, .gupfBail)
      } else if pmd.kind != .present {
        fx.named(era: S.fastNotPresent.rawValue, pmd.frame)
        go(&w, c, .gupfBail)
      } else {
        // No re-check follows: from this read on, the pin of this frame is decided (the
        // reference below cannot fail), so this is where the pin takes effect.
        fx.named(.gupPmdHuge, pmd.frame)
        w.actors[a].page = UInt8(pmd.frame)
        w.actors[a].flags.insert(.pinned)
        fx.transition = .pin(c.role.agent ?? .gupFast)
        go(&w, c, .gupfGet)
      }
    case .gupfGet:
      let f = w.actors[a].pageFrame
      fx.named(.gupGetPage, f)
      w.getPage(f, &fx)
      if w.peekFrame(f).flags.contains(.isolated) { fx.rules.insert(.pinWhileIsolated) }
      go(&w, c, .gupfIrqOn)
    case .gupfBail:
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
