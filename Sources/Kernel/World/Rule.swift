/// The kernel's own rules: broken ones are marked on the diagram where they break; they do not
/// fail a run (only a harm of Spec/ViolationKind.swift does). Each names the seed that is about it.
struct Rules: OptionSet, Hashable, Sendable {
  let rawValue: UInt32

  /// Hold a reference on a page until you are queued on its lock (seed 001).
  static let sleepWithoutReference = Rules(rawValue: 1 << 0)
  /// Only the page-lock holder makes a NUMA-marked PMD accessible, v3.13–v5.13 (seed 000).
  static let hintClearedWithoutPageLock = Rules(rawValue: 1 << 1)
  /// Every PMD write under the ptl (seed 003).
  static let pmdWriteWithoutPtl = Rules(rawValue: 1 << 2)
  /// ... against a value read or rechecked under that same hold (seeds 000, 003).
  static let pmdWriteUnvalidated = Rules(rawValue: 1 << 3)
  /// Invalidate every translation (CPU TLBs, secondary MMUs) before the copy (seed 004).
  static let copyWithLiveTranslation = Rules(rawValue: 1 << 4)
  /// No new GUP pin on a page isolated for migration, between the no-pins check and the PMD
  /// switch (seeds 002, 003).
  static let pinWhileIsolated = Rules(rawValue: 1 << 5)
  /// A THP is migrated only if its references are all explained (seed 002).
  static let migrateWithUnexplainedReference = Rules(rawValue: 1 << 6)

  /// Each broken rule in one sentence, about frame `frame` ("P0").
  func texts(frame: String) -> [String] {
    var out: [String] = []
    if contains(.sleepWithoutReference) {
      out.append("sleeping on \(frame)'s lock without a reference")
    }
    if contains(.hintClearedWithoutPageLock) {
      out.append("NUMA-marked PMD made accessible without holding the lock of \(frame)")
    }
    if contains(.pmdWriteWithoutPtl) { out.append("PMD written without the ptl") }
    if contains(.pmdWriteUnvalidated) {
      out.append("PMD written against a value not rechecked under this ptl hold")
    }
    if contains(.copyWithLiveTranslation) {
      out.append("copying \(frame) while a translation of it is still live")
    }
    if contains(.pinWhileIsolated) {
      out.append("GUP pin taken on \(frame) while it is isolated for migration")
    }
    if contains(.migrateWithUnexplainedReference) {
      out.append("migrating \(frame) with a reference nobody accounted for")
    }
    return out
  }
}
