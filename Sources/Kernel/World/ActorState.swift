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

  /// Every field bit for bit in one word, each in the width its type declares: pc 9, op 4,
  /// faults 4, orig 9, stash 9, page 4, new page 4, target 1, pagevec 4, flags 16 (64 bits).
  /// A frame index is 0–7 or `noFrame`, which packs as 15.
  var packed: UInt64 {
    var p = FieldPacker()
    p.put(pc, 9)
    p.put(op, 4)
    p.put(faults, 4)
    p.put(orig.raw, PMD.bits)
    p.put(stash.raw, PMD.bits)
    p.put(page & 0xF, 4)
    p.put(newPage & 0xF, 4)
    p.put(target, 1)
    p.put(pagevec & 0xF, 4)
    p.put(flags.rawValue, 16)
    return p.word
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

extension ActorState {
  /// The actor state ``packed`` wrote.
  init(packed: UInt64) {
    var u = FieldUnpacker(packed)
    pc = UInt16(u.take(9))
    op = UInt8(u.take(4))
    faults = UInt8(u.take(4))
    orig = PMD(raw: UInt16(u.take(PMD.bits)))
    stash = PMD(raw: UInt16(u.take(PMD.bits)))
    page = Self.frame(u.take(4))
    newPage = Self.frame(u.take(4))
    target = UInt8(u.take(1))
    pagevec = Self.frame(u.take(4))
    flags = Flags(rawValue: UInt16(u.take(16)))
  }

  private static func frame(_ v: UInt64) -> UInt8 { v == 0xF ? noFrame : UInt8(v) }
}
