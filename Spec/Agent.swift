/// Who can reach the page without taking a fault.
///
/// `taskA` and `taskB` are user threads, each on its own CPU with its own TLB; `device` is a
/// secondary MMU behind an `mmu_notifier` (an IOMMUv2/PASID user that only implements
/// `->invalidate_range`); `gupSlow` and `gupFast` hold `get_user_pages` pins and do DMA.
public enum Agent: UInt8, CaseIterable, Sendable, Hashable, CustomStringConvertible {
  case taskA = 0
  case taskB = 1
  case device = 2
  case gupSlow = 3
  case gupFast = 4

  /// Whether the agent reaches the page through a pin rather than a translation.
  @inlinable
  public var pins: Bool { self == .gupSlow || self == .gupFast }

  public var description: String {
    switch self {
    case .taskA: "task A"
    case .taskB: "task B"
    case .device: "device"
    case .gupSlow: "gup-slow"
    case .gupFast: "gup-fast"
    }
  }
}

/// A set of agents, as one TLB flush or notifier call may drop several translations at once.
public struct AgentSet: OptionSet, Sendable, Hashable {
  public let rawValue: UInt8
  /// Creates the set from its bits, one per ``Agent``.
  @inlinable
  public init(rawValue: UInt8) { self.rawValue = rawValue }
  /// The set holding one agent.
  @inlinable
  public init(_ agent: Agent) { self.rawValue = 1 << agent.rawValue }
  /// Both CPUs: what `flush_tlb_range` reaches.
  public static let cpus: AgentSet = [AgentSet(.taskA), AgentSet(.taskB)]
  /// Whether the set holds `agent`.
  @inlinable
  public func has(_ agent: Agent) -> Bool { rawValue & (1 << agent.rawValue) != 0 }
}

/// What an agent's translation or pin refers to, seen from the user's contract.
public enum Reach: UInt8, Sendable, Hashable, CustomStringConvertible {
  /// No translation or pin of the page: a stale one to a frame that is no longer the page counts
  /// as none, so a write through it is a lost write.
  case none = 0
  /// A translation or pin of the page as it is now.
  case page = 1
  /// A translation or pin taken before MADV_DONTNEED discarded the range: what it does afterwards
  /// is the user's own business, not a lost write.
  case discarded = 2

  public var description: String {
    switch self {
    case .none: "none"
    case .page: "page"
    case .discarded: "discarded"
    }
  }
}
