/// The places of shared state a step can read or write, as bits of a ``Footprint``
/// (`THPEngine`): what the atomicity check counts and what the explorer's reduction intersects.
///
/// One bit per place that can change independently: the PMD, each translation slot, each lock
/// and counter, and per frame its contents, its reference count (with the lifecycle it decides),
/// its page-lock word, its LRU state and its mapcount.
enum Location {
  /// The PMD.
  static let pmd: UInt64 = 1 << 0
  /// Translation slot `slot` (task A's TLB, task B's TLB, the device's secondary MMU, ...).
  static func tlb(_ slot: Int) -> UInt64 { 1 << UInt64(1 + slot) }
  /// The page-table lock (`ptl`).
  static let ptl: UInt64 = 1 << 6
  /// `mm->tlb_flush_pending`.
  static let flushPending: UInt64 = 1 << 7
  /// NR_ISOLATED_ANON.
  static let nrIsolated: UInt64 = 1 << 8
  /// The anon_vma rwsem.
  static let anonVma: UInt64 = 1 << 9
  /// The page allocator (which frames were handed out).
  static let allocator: UInt64 = 1 << 10

  /// First bit of the per-frame places.
  private static let frameBase: UInt64 = 16
  /// Places per frame.
  private static let perFrame: UInt64 = 5

  /// Frame `f`'s contents.
  static func data(_ f: Int) -> UInt64 { 1 << (frameBase + perFrame * UInt64(f)) }
  /// Frame `f`'s reference count, and the allocated/freed lifecycle it decides.
  static func count(_ f: Int) -> UInt64 { 1 << (frameBase + perFrame * UInt64(f) + 1) }
  /// Frame `f`'s page-lock word (PG_locked, PG_waiters).
  static func lock(_ f: Int) -> UInt64 { 1 << (frameBase + perFrame * UInt64(f) + 2) }
  /// Frame `f`'s LRU state (PG_lru, isolation).
  static func lru(_ f: Int) -> UInt64 { 1 << (frameBase + perFrame * UInt64(f) + 3) }
  /// Frame `f`'s mapcount.
  static func map(_ f: Int) -> UInt64 { 1 << (frameBase + perFrame * UInt64(f) + 4) }
}
