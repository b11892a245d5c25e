/// One huge-page frame: its contents, reference count and the page flags the protocol uses.
struct Frame: Hashable, Sendable {
  /// The id of the last write that landed in it (0: zero-filled).
  var data: UInt8 = 0
  /// `page_count`: 0 with `allocated` and not `freed` means frozen by `page_ref_freeze`.
  var refcount: Int8 = 0
  /// Page flags and lifecycle bits.
  var flags: Flags = []
  /// The NUMA node the frame is on.
  var node: UInt8 = 0

  struct Flags: OptionSet, Hashable, Sendable {
    let rawValue: UInt16
    /// Handed out by the allocator.
    static let allocated = Flags(rawValue: 1 << 0)
    /// Returned to the allocator (never reused: any later touch is a use after free).
    static let freed = Flags(rawValue: 1 << 1)
    /// PG_locked.
    static let locked = Flags(rawValue: 1 << 2)
    /// PG_waiters: someone sleeps on the lock.
    static let waiters = Flags(rawValue: 1 << 3)
    /// PG_lru: on an LRU list (isolatable).
    static let lru = Flags(rawValue: 1 << 4)
    /// History (the abstraction's and the rules'): isolated from the LRU for migration, its
    /// isolation reference not yet dropped. The kernel's own state is PG_lru clear plus that
    /// reference.
    static let isolated = Flags(rawValue: 1 << 5)
    /// History (read by the abstraction only): MADV_DONTNEED discarded this frame's range.
    static let zapped = Flags(rawValue: 1 << 6)
    /// History: its last reference went while a flag the allocator checks at free was set
    /// (`bad_page()`: "Bad page state"); the allocator leaked it instead of freeing it.
    static let leaked = Flags(rawValue: 1 << 7)

    /// The lifecycle bits, changed with the reference count (``Location/count(_:)``).
    static let lifecycle: Flags = [.allocated, .freed]
    /// The page-lock word (``Location/lock(_:)``).
    static let lockBits: Flags = [.locked, .waiters]
    /// The LRU state (``Location/lru(_:)``).
    static let lruBits: Flags = [.lru]
    /// History bits no kernel step reads (the abstraction's, the rules' and the checker's).
    static let history: Flags = [.isolated, .zapped, .leaked]
  }

  /// Every field bit for bit in 32 bits, for the state's packing: data 8, count 8, flags 15,
  /// node 1.
  var packed: UInt64 {
    var p = FieldPacker()
    p.put(data, 8)
    p.put(UInt8(bitPattern: refcount), 8)
    p.put(flags.rawValue, 15)
    p.put(node, 1)
    return p.word
  }

  var isLive: Bool { flags.contains(.allocated) && !flags.contains(.freed) }
  var isFreed: Bool { flags.contains(.freed) }
  var isLocked: Bool { flags.contains(.locked) }
}

extension Frame {
  /// The frame ``packed`` wrote.
  init(packed: UInt64) {
    var u = FieldUnpacker(packed)
    data = UInt8(u.take(8))
    refcount = Int8(bitPattern: UInt8(u.take(8)))
    flags = Flags(rawValue: UInt16(u.take(15)))
    node = UInt8(u.take(1))
  }
}
