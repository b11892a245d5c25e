/// The fixed list of harms a run can fail with. Other tools parse these names.
///
/// The cases are declared in reporting precedence: when one step is several harms, the first
/// listed wins. `accountingLeak` and `deadlock` are judged at quiescence only.
public enum ViolationKind: String, CaseIterable, Sendable, Hashable, Comparable {
  /// A `BUG_ON`/`VM_BUG_ON` the kernel would hit.
  case kernelBug = "kernel-bug"
  /// A step read or changed the contents, flags or reference count of a frame already returned
  /// to the allocator.
  case useAfterFree = "use-after-free"
  /// A write is not in the page: dropped by a migration commit, or landed in a frame that is no
  /// longer the page.
  case lostWrite = "lost-write"
  /// A read returned something other than the last write.
  case staleRead = "stale-read"
  /// Data survived MADV_DONTNEED.
  case zapIgnored = "zap-ignored"
  /// A step changed the abstract state in a way no enabled action allows, and none of the above.
  case refinement = "refinement"
  /// At quiescence an isolation count, a reference or a frame is left over.
  case accountingLeak = "accounting-leak"
  /// Some actor is blocked forever: nobody can step and not all are done.
  case deadlock = "deadlock"

  /// Precedence order: a smaller value is reported first.
  public static func < (a: ViolationKind, b: ViolationKind) -> Bool {
    a.rank < b.rank
  }

  private var rank: Int {
    switch self {
    case .kernelBug: 0
    case .useAfterFree: 1
    case .lostWrite: 2
    case .staleRead: 3
    case .zapIgnored: 4
    case .refinement: 5
    case .accountingLeak: 6
    case .deadlock: 7
    }
  }
}
