// Lock, PMD-write and flush primitives, written once and reused by every era.

extension World {
  /// Whether actor `a` holds the ptl (for statuses and rules: records nothing).
  func holdsPTL(_ a: Int) -> Bool { peekPTLHolder == UInt8(a + 1) }

  /// `pmd_lock` / `spin_lock(ptl)`: the caller's status says it is free.
  mutating func pmdLock(_ a: Int) {
    acquirePTL(a)
    actors[a].flags.remove(.validated)
  }

  /// `spin_unlock(ptl)`.
  mutating func spinUnlock(_ a: Int) {
    releasePTL(a)
    actors[a].flags.remove(.validated)
  }

  /// Marks the PMD value as read or rechecked under the current ptl hold.
  mutating func validated(_ a: Int) {
    if holdsPTL(a) { actors[a].flags.insert(.validated) }
  }

  /// `set_pmd_at` and friends: writes the PMD, checking the rule that every PMD write is done
  /// under the ptl against a value read or rechecked under that same hold.
  mutating func writePMD(_ value: PMD, by a: Int, _ fx: inout Fx) {
    checkPMDWriteRules(by: a, &fx)
    storePMD(value)
  }

  /// The rules every PMD write is held to: under the ptl, against a value read or rechecked
  /// under that same hold.
  func checkPMDWriteRules(by a: Int, _ fx: inout Fx) {
    if !holdsPTL(a) {
      fx.rules.insert(.pmdWriteWithoutPtl)
    } else if !actors[a].flags.contains(.validated) {
      fx.rules.insert(.pmdWriteUnvalidated)
    }
  }

  /// Whether some actor other than `a` runs with interrupts off (fast GUP): a TLB-flush IPI
  /// cannot complete until it re-enables them.
  func ipiBlocked(by a: Int, actors n: Int) -> Bool {
    for i in 0..<n where i != a && actors[i].flags.contains(.irqsOff) { return true }
    return false
  }

  /// `flush_tlb_range` / `flush_pmd_tlb_range`: every CPU drops its translation.
  mutating func flushCPUTLBs() {
    dropTranslations(0...1)
  }

  /// `->invalidate_range` of the secondary MMU: the device drops its translation.
  mutating func invalidateDevice() {
    dropTranslations(2...2)
  }
}
