import THPEngine
import THPSpec

// The refinement mapping: which frame is "the page", and what each agent reaches.

extension THPModel {
  /// The PMD as the user sees it: the PMD itself, or, while an actor holds a value it cleared or
  /// invalidated inside its locked section, that value (the page is still mapped, logically).
  /// At most one actor holds one: `step` reports a second as a refinement harm.
  func logicalPMD(_ w: World) -> PMD {
    for a in 0..<roles.count where w.actors[a].flags.contains(.holdsClearedPMD) {
      return w.actors[a].stash
    }
    return w.peekPMD
  }

  public func abstraction(_ w: World) -> AbstractState {
    let pmd = logicalPMD(w)
    let page = w.pageFrame(actors: roles.count)
    var s = AbstractState.initial
    s.populated = page >= 0
    let frame = page >= 0 ? w.peekFrame(page) : Frame()
    s.data = page >= 0 ? frame.data : 0
    s.node = page >= 0 ? frame.node : 0
    s.hinting = pmd.kind == .hinting || pmd.kind == .migration
    s.isolated = w.peekIsolated
    s.migrating = page >= 0 && frame.isLive && frame.flags.contains(.isolated)
    func reach(_ f: Int) -> Reach {
      if f == page { return .page }
      return w.peekFrame(f).flags.contains(.zapped) ? .discarded : .none
    }
    for slot in 0..<3 where w.peekTLB(slot) != noTranslation {
      s.reach[slot] = reach(Int(w.peekTLB(slot) & 7))
    }
    for a in 0..<roles.count where w.actors[a].flags.contains(.pinned) {
      if let agent = roles[a].agent { s[agent] = reach(w.actors[a].pageFrame) }
    }
    return s
  }

  public func describe(_ o: StepOutcome) -> String {
    let a = Int(o.detail & 0xF) - 1
    let b = Int((o.detail >> 4) & 0xF) - 1
    let value = UInt16(truncatingIfNeeded: o.detail >> 8)
    guard let step = KStep(rawValue: o.code) else {
      return stepName(code: o.code) + (a >= 0 ? " P\(a)" : "") + (b >= 0 ? "→P\(b)" : "")
    }
    var text = step.text
    switch step {
    case .write, .dmaWrite: text += " P\(a) ← w\(value)"
    case .read: text += " P\(a) = w\(value)"
    case .setPmdAt, .removeMigrationPmd, .setPmdMigrationEntry, .hmmOrigPmd, .pmdpSetAccessFlags,
      .dpnSetPmd, .clearPmdnumaSet, .outDroprefSet, .outFailSet, .outMapSet, .rollbackSet,
      .anonSetPmd, .downgradeMigrationEntry, .touchPmd:
      text += "(\(PMD(raw: value)))"
    case .dpnWalksHugePage: text += " P\(a) ← w\(value)"
    case .mpolMisplacedRemote: text += " → node \(value)"
    default:
      if a >= 0 { text += " P\(a)" }
      if b >= 0 { text += "→P\(b)" }
    }
    return text
  }

  public func ruleName(bit: Int) -> String? {
    guard bit < 24 else { return nil }
    return Rules(rawValue: 1 << UInt32(bit)).texts(frame: "a page").first
  }

  public func ruleTexts(_ o: StepOutcome) -> [String] {
    let a = Int(o.detail & 0xF) - 1
    return Rules(rawValue: o.rules & 0x00FF_FFFF).texts(frame: a >= 0 ? "P\(a)" : "the page")
  }

  public func harmText(_ o: StepOutcome) -> String {
    let a = Int(o.detail & 0xF) - 1
    let frame = a >= 0 ? "P\(a)" : "the page"
    let step = describe(o)
    switch Fx.Bug(rawValue: UInt8(o.rules >> 24)) ?? .none {
    case .touchedFreed: return "\(step) touched \(frame) after it was freed"
    case .refcountUnderflow: return "\(step): VM_BUG_ON_PAGE(page_ref_count(page) == 0)"
    case .notLocked: return "\(step): BUG_ON(!PageLocked(page))"
    case .unlockUnlocked: return "\(step): VM_BUG_ON_PAGE(!PageLocked(page)) in unlock_page"
    case .bugOn: return "\(step): the kernel BUGs"
    case .freedLocked:
      return "\(step) freed \(frame) with PG_locked set: bad_page() reports \"BUG: Bad page state\""
        + " and the page is leaked while its user goes on"
    case .twoClearedPMDs:
      return "\(step): two actors each hold a PMD value they cleared under the ptl"
    case .none: return step
    }
  }
}
