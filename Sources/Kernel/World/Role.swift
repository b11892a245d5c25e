import THPEngine
import THPSpec

/// The kinds of actor in the THP world, named in diagrams and JSON exactly so.
enum Role: UInt8, CaseIterable, Sendable {
  case taskA, taskB, scanner, device, gupSlow, gupFast, madvise
  /// A PFN walker's lockless speculative reference (page_idle from v4.3; memory hot-remove's
  /// `do_migrate_range` before): appended, so the older scenario letters keep their order.
  case walker
  /// A second thread of the mm running `task_numa_work` while the first is still in its pass.
  case scanner2

  var name: String {
    switch self {
    case .taskA: "task A"
    case .taskB: "task B"
    case .scanner: "scanner"
    case .device: "device"
    case .gupSlow: "gup-slow"
    case .gupFast: "gup-fast"
    case .madvise: "madvise"
    case .walker: "walker"
    case .scanner2: "scanner 2"
    }
  }

  /// The spec agent whose reach this actor's translation or pin is.
  var agent: Agent? {
    switch self {
    case .taskA: .taskA
    case .taskB: .taskB
    case .device: .device
    case .gupSlow: .gupSlow
    case .gupFast: .gupFast
    case .scanner, .madvise, .walker, .scanner2: nil
    }
  }

  /// The translation slot (TLB of A's CPU, TLB of B's CPU, the device's) this actor accesses
  /// memory through.
  var tlbSlot: Int? {
    switch self {
    case .taskA: 0
    case .taskB: 1
    case .device: 2
    default: nil
    }
  }

  /// The id written by this actor's `k`-th operation: unique per write, no global counter.
  func writeID(op k: Int) -> UInt8 {
    switch self {
    case .taskA: UInt8(1 + k)
    case .taskB: UInt8(4 + k)
    case .device: UInt8(7 + k)
    case .gupSlow: 9
    case .gupFast: 10
    case .scanner, .madvise, .walker, .scanner2: 0
    }
  }

  /// The role as the scenario space lists it.
  var spec: RoleSpec {
    switch self {
    case .taskA: RoleSpec(name: name, letter: "A", operations: ["r", "w"], maxOperations: 3)
    case .taskB: RoleSpec(name: name, letter: "B", operations: ["r", "w"], maxOperations: 3)
    case .scanner: RoleSpec(name: name, letter: "S", operations: ["a"], maxOperations: 3)
    case .device: RoleSpec(name: name, letter: "D", operations: ["w"], maxOperations: 2)
    // `p`: a FOLL_WRITE pin for DMA; `f`: the same with FOLL_FORCE (ptrace, /proc/pid/mem),
    // which never honours the NUMA hinting mark before v6.5.
    case .gupSlow: RoleSpec(name: name, letter: "G", operations: ["p", "f"], maxOperations: 1)
    case .gupFast: RoleSpec(name: name, letter: "F", operations: ["p"], maxOperations: 1)
    case .madvise: RoleSpec(name: name, letter: "M", operations: ["z"], maxOperations: 1)
    // `r`: one speculative reference on a frame of its choice.
    case .walker: RoleSpec(name: name, letter: "W", operations: ["r"], maxOperations: 1)
    // `a`: one scan pass, overlapping the first scanner's.
    case .scanner2: RoleSpec(name: name, letter: "T", operations: ["a"], maxOperations: 1)
    }
  }
}
