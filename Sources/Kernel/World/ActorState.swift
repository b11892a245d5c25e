/// One actor's program counter and locals: the kernel function's local variables, nothing more.
struct ActorState: Hashable, Sendable {
  /// The label of the actor's next step (shared labels below 64, the era's above).
  var pc: UInt16 = 0
  /// Index of the operation in progress.
  var op: UInt8 = 0
  /// Faults taken by the operation in progress (bounded by the retry limit).
  var faults: UInt8 = 0
  /// A PMD snapshot: the fault's `orig_pmd`, the migrator's `entry`, fast GUP's `orig`.
  var orig: PMD = .none
  /// A second PMD local: a value cleared inside a locked section (`entry` of
  /// `pmdp_get_and_clear`), or v3.13's `orig_entry`.
  var stash: PMD = .none
  /// The frame the procedure works on (`page`), or `noFrame`.
  var page: UInt8 = noFrame
  /// The migration target frame (`new_page`), or `noFrame`.
  var newPage: UInt8 = noFrame
  /// The target node (`target_nid`).
  var target: UInt8 = 0
  /// v3.8–v3.13: the frame this actor's CPU holds in its LRU pagevec, with the pagevec's
  /// reference and PG_lru still clear, or `noFrame` (one slot: the model drains it before
  /// adding another, as a full pagevec is).
  var pagevec: UInt8 = noFrame
  /// Boolean locals.
  var flags: Flags = []

  struct Flags: OptionSet, Hashable, Sendable {
    let rawValue: UInt16
    /// The actor holds a reference on `page` (caller's pin, waiter's reference).
    static let holdsRef = Flags(rawValue: 1 << 0)
    /// The actor holds `page`'s lock (`page_locked`).
    static let pageLocked = Flags(rawValue: 1 << 1)
    /// The PMD value was read or re-checked under the actor's current ptl hold.
    static let validated = Flags(rawValue: 1 << 2)
    /// Interrupts are disabled (fast GUP): TLB-flush IPIs to this CPU cannot complete.
    static let irqsOff = Flags(rawValue: 1 << 3)
    /// The actor holds a GUP pin on `page`.
    static let pinned = Flags(rawValue: 1 << 4)
    /// The actor holds the anon_vma lock for read.
    static let anonVma = Flags(rawValue: 1 << 5)
    /// The actor holds a PMD value it cleared inside its locked section (`stash`): the page
    /// is still mapped, logically.
    static let holdsClearedPMD = Flags(rawValue: 1 << 6)
    /// The scanner changed a PMD in this pass (`pages != 0`): its range flush is due.
    static let changed = Flags(rawValue: 1 << 7)
    /// The migration succeeded (`migrated`).
    static let migrated = Flags(rawValue: 1 << 8)
    /// `isolated` in the migrator.
    static let isolated = Flags(rawValue: 1 << 9)
    /// The actor sleeps on `page`'s lock (queued on its wait queue).
    static let sleeping = Flags(rawValue: 1 << 10)
    /// The scanner started its mmu_notifier range (lazily, before the first populated PMD).
    static let rangeStarted = Flags(rawValue: 1 << 11)
    /// `change_huge_pmd` handled the PMD (returned non-zero): no fallthrough to the table path.
    static let handled = Flags(rawValue: 1 << 12)
  }

  /// Appends every field, in the width its type declares, to a state's packing.
  @inline(__always)
  func pack(into p: inout BitPacker) {
    p.put(UInt64(pc), bits: 9)
    p.put(UInt64(op), bits: 4)
    p.put(UInt64(faults), bits: 4)
    p.put(UInt64(orig.raw), bits: PMD.bits)
    p.put(UInt64(stash.raw), bits: PMD.bits)
    p.put(UInt64(page & 0xF), bits: 4)
    p.put(UInt64(newPage & 0xF), bits: 4)
    p.put(UInt64(target), bits: 1)
    p.put(UInt64(pagevec & 0xF), bits: 4)
    p.put(UInt64(flags.rawValue), bits: 16)
  }

  /// The handler returned: its C locals (`orig_pmd`, `entry`, `page`, `new_page`,
  /// `target_nid`) go out of scope. Clearing them keeps two states that differ only in a dead
  /// value from being counted twice; nothing reads a local before the next handler sets it.
  /// A cleared PMD still held (`holdsClearedPMD`) keeps its `stash`.
  mutating func forgetLocals() {
    orig = .none
    if !flags.contains(.holdsClearedPMD) { stash = .none }
    page = noFrame
    newPage = noFrame
    target = 0
  }

  var pageFrame: Int { Int(page) }
  var newFrame: Int { Int(newPage) }
}

/// No frame.
let noFrame: UInt8 = 0xFF
