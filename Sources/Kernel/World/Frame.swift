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
    let rawValue: UInt8
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
    /// Isolated from the LRU for migration.
    static let isolated = Flags(rawValue: 1 << 5)
    /// History (read by the abstraction only): MADV_DONTNEED discarded this frame's range.
    static let zapped = Flags(rawValue: 1 << 6)
    /// Its last reference went while PG_locked was set: `free_pages_check` reported
    /// "Bad page state" and the allocator deliberately leaked it instead of freeing it.
    static let leaked = Flags(rawValue: 1 << 7)
  }

  /// Every field in one word, for ``World/hash(into:)``.
  var packed: UInt32 {
    UInt32(data) | UInt32(UInt8(bitPattern: refcount)) << 8 | UInt32(flags.rawValue) << 16
      | UInt32(node) << 24
  }

  var isLive: Bool { flags.contains(.allocated) && !flags.contains(.freed) }
  var isFreed: Bool { flags.contains(.freed) }
  var isLocked: Bool { flags.contains(.locked) }
}
