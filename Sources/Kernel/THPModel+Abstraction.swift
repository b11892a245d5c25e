import THPEngine
import THPSpec

// The refinement mapping: which frame is "the page", and what each agent reaches.

extension THPModel {
  /// The PMD as the user sees it: the PMD itself, or, while an actor holds a value it cleared or
  /// invalidated inside its locked section, that value (the page is still mapped, logically).
  func logicalPMD(_ w: World) -> PMD {
    for a in 0..<roles.count where w.actors[a].flags.contains(.holdsClearedPMD) {
      return w.actors[a].stash
    }
    return w.pmd
  }

  public func abstraction(_ w: World) -> AbstractState {
    let pmd = logicalPMD(w)
    let page = w.pageFrame(actors: roles.count)
    var s = AbstractState.initial
    s.populated = page >= 0
    s.data = page >= 0 ? w.frames[page].data : 0
    s.node = page >= 0 ? w.frames[page].node : 0
    s.hinting = pmd.kind == .hinting || pmd.kind == .migration
    s.isolated = w.nrIsolated
    s.migrating = page >= 0 && w.frames[page].isLive && w.frames[page].flags.contains(.isolated)
    func reach(_ f: Int) -> Reach {
      if f == page { return .page }
      return w.frames[f].flags.contains(.zapped) ? .discarded : .none
    }
    for slot in 0..<3 where w.tlb[slot] != noTranslation {
      s.reach[slot] = reach(Int(w.tlb[slot] & 3))
    }
    for a in 0..<roles.count where w.actors[a].flags.contains(.pinned) {
      if let agent = roles[a].agent { s[agent] = reach(w.actors[a].pageFrame) }
    }
    return s
  }

  public func describe(_ o: StepOutcome) -> String {
    let a = Int(o.detail & 0xF) - 1
    let b = Int((o.detail >> 4) & 0xF) - 1
    let value = UInt8(o.detail >> 8)
    guard let step = KStep(rawValue: o.code) else {
      return stepName(code: o.code) + (a >= 0 ? " P\(a)" : "") + (b >= 0 ? "→P\(b)" : "")
    }
    var text = step.text
    switch step {
    case .write, .dmaWrite: text += " P\(a) ← w\(value)"
    case .read: text += " P\(a) = w\(value)"
    case .setPmdAt, .removeMigrationPmd, .setPmdMigrationEntry:
      text += "(\(PMD(raw: value)))"
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
    case .none: return step
    }
  }
}
