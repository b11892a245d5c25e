/// The abstract state of one transparent huge page under NUMA balancing.
///
/// These are the spec's only variables. There are no locks, program counters, reference counts
/// or kernel functions here: only what a user of the page, and a reviewer of the protocol, can
/// observe or must rely on.
public struct AbstractState: Hashable, Sendable, CustomStringConvertible {
  /// The page's logical contents: the id of the last write, 0 for zero-filled.
  public var data: UInt8
  /// Whether the range is populated; after MADV_DONTNEED it is not, and reads as zero.
  public var populated: Bool
  /// The NUMA node that holds the page (0 when the range is not populated).
  public var node: UInt8
  /// Whether a migration of the page is in flight (the page is isolated for migration). At most
  /// one; it ends at the commit, or when an abandoned migration puts the page back.
  public var migrating: Bool
  /// Whether NUMA hinting is armed: the PMD is `pmd_numa`/`protnone` (or a migration entry
  /// standing in for it), so the next access takes a hinting fault.
  public var hinting: Bool
  /// Each agent's translation or pin, indexed by ``Agent``.
  public var reach: InlineArray<5, Reach>
  /// NR_ISOLATED_ANON, in huge pages: raised when the page is isolated, lowered on every exit.
  public var isolated: UInt8

  /// The state of a page that was populated on node 0 by a write of zeroes, nothing armed.
  public static let initial = AbstractState(
    data: 0, populated: true, node: 0, migrating: false, hinting: false,
    reach: .init(repeating: .none), isolated: 0)

  /// Creates a state from its variables.
  @inlinable @inline(__always)
  public init(
    data: UInt8, populated: Bool, node: UInt8, migrating: Bool, hinting: Bool,
    reach: InlineArray<5, Reach>, isolated: UInt8
  ) {
    self.data = data
    self.populated = populated
    self.node = node
    self.migrating = migrating
    self.hinting = hinting
    self.reach = reach
    self.isolated = isolated
  }

  /// The reach of one agent.
  @inlinable @inline(__always)
  public subscript(_ agent: Agent) -> Reach {
    get { reach[Int(agent.rawValue)] }
    set { reach[Int(agent.rawValue)] = newValue }
  }

  @inlinable @inline(__always)
  public static func == (a: AbstractState, b: AbstractState) -> Bool {
    a.data == b.data && a.populated == b.populated && a.node == b.node
      && a.migrating == b.migrating && a.hinting == b.hinting && a.isolated == b.isolated
      && a.reach[0] == b.reach[0] && a.reach[1] == b.reach[1] && a.reach[2] == b.reach[2]
      && a.reach[3] == b.reach[3] && a.reach[4] == b.reach[4]
  }

  /// Every variable packed into one word (distinct states give distinct words), so hashing
  /// feeds the hasher once.
  @inlinable @inline(__always)
  var packed: UInt64 {
    var bits = UInt64(data) | UInt64(node) << 8 | UInt64(isolated) << 16
    bits |= (populated ? 1 : 0) << 24 | (migrating ? 1 : 0) << 25 | (hinting ? 1 : 0) << 26
    for i in 0..<5 { bits |= UInt64(reach[i].rawValue) << (32 + 2 * i) }
    return bits
  }

  @inlinable @inline(__always)
  public func hash(into h: inout Hasher) {
    h.combine(packed)
  }

  public var description: String {
    var s = populated ? "data=w\(data) node=\(node)" : "empty"
    if hinting { s += " hinting" }
    if migrating { s += " migrating" }
    if isolated != 0 { s += " isolated=\(isolated)" }
    for agent in Agent.allCases where self[agent] != .none {
      s += " \(agent):\(self[agent])"
    }
    return s
  }
}
