import THPSpec

/// What an actor waits for before its next step can run.
enum Wait {
  /// Nothing: it can step.
  case nothing
  /// The ptl (`pmd_lock`, `spin_lock`).
  case ptl
  /// `page`'s lock to be released (a sleeping `lock_page`, or a queued waiter).
  case pageUnlocked
  /// No other CPU with interrupts off (a TLB-flush IPI must be acknowledged).
  case ipi
  /// A frame to allocate, or no other fault about to install one. The frame bound is the
  /// model's, not the kernel's memory: rather than spin on allocation failures while another
  /// fault populates the PMD, the fault waits for that fault's outcome.
  case frame
}

/// The actor being stepped, with what its scenario says it does.
struct Ctx {
  /// The actor's index.
  let a: Int
  /// Its role.
  let role: Role
  /// How many operations it does.
  let opCount: Int
  /// Which of its operations use the role's second letter: bit `k` for operation `k` (a task's
  /// `w`rite, slow GUP's FOLL_`f`ORCE pin).
  let writeOps: UInt8
  /// How many actors the scenario has.
  let actorCount: Int
  /// Fault entries allowed per operation.
  let maxFaults: UInt8
  /// Frames the allocator can hand out in all.
  let frameLimit: Int

  /// Whether the operation in progress is a write (tasks: op letter `w`; device and GUP always).
  func isWrite(_ w: World) -> Bool {
    switch role {
    case .taskA, .taskB:
      let op = Int(w.actors[a].op)
      return op < opCount && writeOps & (1 << op) != 0
    default: return true
    }
  }

  /// Whether the operation in progress is a FOLL_FORCE pin (slow GUP, op letter `f`): no
  /// FOLL_NUMA, so the NUMA hinting mark is not honoured (`__get_user_pages`, v3.8–v6.4).
  func follForce(_ w: World) -> Bool {
    let op = Int(w.actors[a].op)
    return role == .gupSlow && op < opCount && writeOps & (1 << op) != 0
  }
}

/// One kernel era: its own procedures (labels from 128) on the shared world, with the shared
/// procedures (below 128: user access and anonymous fault 0..<24, the fault entry 24..<40, the
/// v4.0+ scanner and GUP 40..<80, the v3.8–v3.13 ones 80..<112, MADV_DONTNEED 112..<128)
/// calling into them through these entry points.
protocol Era: Sendable {
  /// Whether secondary MMUs with `->invalidate_range` exist (v3.19+).
  var hasDevice: Bool { get }
  /// Label of `do_huge_pmd_numa_page`'s first step (after a walk found a hinting PMD).
  var numaFaultEntry: UInt16 { get }
  /// Label of the wait on a PMD migration entry, for eras that have them.
  var migrationWaitEntry: UInt16 { get }
  /// Labels where each role's operation starts.
  func entry(for role: Role) -> UInt16
  /// Performs one step of an era label.
  func step(_ w: inout World, _ c: Ctx, choice: Int, _ fx: inout Fx)
  /// What an era label waits for.
  func wait(_ pc: UInt16, _ w: World, _ c: Ctx) -> Wait
  /// How many outcomes an era label's step has.
  func choices(_ pc: UInt16, _ w: World, _ c: Ctx) -> Int
  /// The text of an era-specific step code (codes from 1000 up; shared ones are ``KStep``).
  func stepText(_ code: UInt16) -> String?
  /// For eras from v4.0 on: how their copy of the shared scanner and GUP procedures
  /// (``ProtNone``) differs; nil for the others.
  var protNone: ProtNoneOptions? { get }
  /// For v3.8–v3.13: how their copy of the `pmd_numa` scanner and GUP (``PMDNuma``) differs;
  /// nil for the others.
  var pmdNuma: PMDNumaOptions? { get }
  /// How the era's MADV_DONTNEED differs (``Zap``: one procedure for every era).
  var zap: ZapOptions { get }
  /// How the era's `handle_mm_fault` reads the PMD (``FaultEntry``).
  var faultEntry: FaultOptions { get }
  /// How the era's `do_huge_pmd_anonymous_page` adds the page to the LRU.
  var anon: AnonOptions { get }
  /// The era's PFN walker (``Walker``).
  var walker: WalkerOptions { get }
  /// v4.14+: `do_huge_pmd_wp_page` decides the reuse with the page locked (``WriteFault``).
  var writeFaultLocksPage: Bool { get }
}

extension Era {
  var migrationWaitEntry: UInt16 { numaFaultEntry }
  func stepText(_ code: UInt16) -> String? { nil }
  var protNone: ProtNoneOptions? { nil }
  var pmdNuma: PMDNumaOptions? { nil }

  var writeFaultLocksPage: Bool { false }

  /// Where each role's operation starts: MADV_DONTNEED and the walker in their one procedure,
  /// the scanners and GUP in the era's copy of the shared ones, the others at their access.
  func commonEntry(for role: Role) -> UInt16 {
    switch role {
    case .madvise: zap.entry
    case .walker: walker.entry
    default: sharedEntry(for: role) ?? Shared.access.rawValue
    }
  }

  /// Where a scanner or GUP operation starts in the era's shared procedures.
  func sharedEntry(for role: Role) -> UInt16? {
    if protNone != nil, let e = ProtNone.entry(for: role) { return e }
    if pmdNuma != nil, let e = PMDNuma.entry(for: role) { return e }
    return nil
  }
}
