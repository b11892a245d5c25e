import THPSpec

/// Where an actor is, as the scheduler sees it.
public enum ActorStatus: UInt8, Sendable {
  /// It can take its next step now.
  case ready
  /// It waits for a lock, a wake-up or an IPI that someone else must allow.
  case blocked
  /// It finished all its operations.
  case done
  /// It ran out of fault retries: the run is incomplete, not deadlocked.
  case gaveUp
}

/// What one step read and wrote of the state other actors share, as the model recorded it
/// (DESIGN: one access to shared state per step; the explorer's reduction reads these too).
///
/// Locations are model-defined bits; the engine only intersects them. `accesses` counts the
/// step's operations on shared state: a read of a location already read or written in the same
/// step is a use of a value in a local and counts nothing; an atomic read-modify-write counts
/// once.
public struct Footprint: Sendable, Hashable {
  /// The locations the step read.
  public var reads: UInt64 = 0
  /// The locations the step wrote.
  public var writes: UInt64 = 0
  /// How many operations on shared state the step performed.
  public var accesses: UInt8 = 0

  /// An empty footprint.
  public init() {}

  /// Creates a footprint.
  public init(reads: UInt64, writes: UInt64, accesses: UInt8) {
    self.reads = reads
    self.writes = writes
    self.accesses = accesses
  }

  /// Whether two steps conflict: one writes what the other reads or writes.
  public func conflicts(with o: Footprint) -> Bool {
    writes & (o.reads | o.writes) != 0 || o.writes & reads != 0
  }
}

/// What one concrete step did, as the engine needs to know it.
///
/// `code` and `detail` are the model's own (the step's kernel name and its operands); the engine
/// only counts codes and asks the model to render them.
public struct StepOutcome: Sendable, Hashable {
  /// The model's identity of the step (its kernel code point and outcome).
  public var code: UInt16
  /// Operands for rendering (frames, values), packed by the model.
  public var detail: UInt32
  /// The abstract action the step performs, or nil for a stutter.
  public var transition: Transition?
  /// A harm the model itself observed (`kernel-bug`, `use-after-free`).
  public var harm: ViolationKind?
  /// The kernel rules broken at this step (model-defined bits); they mark, they do not fail.
  public var rules: UInt32
  /// Whether the step is a natural preemption point (a lock release, a PMD write, a copy, a
  /// completed access): schedulers switch actors there more often.
  public var yields: Bool = false
  /// What the step read and wrote of the shared state.
  public var footprint = Footprint()

  /// Creates an outcome.
  public init(
    code: UInt16, detail: UInt32 = 0, transition: Transition? = nil, harm: ViolationKind? = nil,
    rules: UInt32 = 0
  ) {
    self.code = code
    self.detail = detail
    self.transition = transition
    self.harm = harm
    self.rules = rules
  }
}

/// A model checked against the spec: a concrete transition system for one scenario.
///
/// The engine is generic over this protocol and knows no era, fix or seed.
public protocol CheckedModel: Sendable {
  /// The concrete state: a value, cheap to copy and hash.
  associatedtype State: Hashable & Sendable

  /// How many actors this scenario has.
  var actorCount: Int { get }
  /// The name of actor `i` as diagrams and JSON print it.
  func actorName(_ i: Int) -> String
  /// The state before any step.
  func initialState() -> State
  /// Whether actor `i` can step.
  func status(_ s: State, _ i: Int) -> ActorStatus
  /// How many outcomes actor `i`'s next step can have (1 unless it is a choice point).
  func choiceCount(_ s: State, _ i: Int) -> Int
  /// Performs actor `i`'s next step with the given choice.
  func step(_ s: inout State, _ i: Int, choice: Int) -> StepOutcome
  /// How many 64-bit words ``pack(_:into:)`` writes: fixed for the scenario.
  var packedWordCount: Int { get }
  /// Appends the state as ``packedWordCount`` words, every field bit for bit: equal states give
  /// equal words and distinct states distinct ones. The explorer keeps its frontier in this form
  /// and fingerprints it.
  func pack(_ s: State, into words: inout [UInt64])
  /// The state ``pack(_:into:)`` wrote.
  func unpack(_ words: ArraySlice<UInt64>) -> State
  /// Rewrites packed words into those of the state's mirror under the model's actor symmetry
  /// (actors with equal roles and equal operations swapped, with their write ids and
  /// translations), so that the explorer can store the pair once; false, words untouched, when
  /// the scenario has no symmetry (the default).
  func mirror(_ words: inout [UInt64]) -> Bool
  /// The abstraction function.
  func abstraction(_ s: State) -> AbstractState
  /// Whether no actor is inside an operation.
  func isQuiescent(_ s: State) -> Bool
  /// At quiescence: a reference, frame or lock left over, said in one sentence.
  func leftover(_ s: State) -> String?

  /// How many distinct step codes the model uses (for coverage counters).
  var stepCodeCount: Int { get }
  /// The kernel name of a step code.
  func stepName(code: UInt16) -> String
  /// The kernel-named text of a step, operands included.
  func describe(_ o: StepOutcome) -> String
  /// The rules broken at a step, each one sentence.
  func ruleTexts(_ o: StepOutcome) -> [String]
  /// The rule of bit `bit` of ``StepOutcome/rules``, in one sentence about no frame in
  /// particular; nil if the bit is not a rule.
  func ruleName(bit: Int) -> String?
  /// What the model-observed harm of a step was, one sentence.
  func harmText(_ o: StepOutcome) -> String
}

extension CheckedModel {
  public func mirror(_ words: inout [UInt64]) -> Bool { false }
}

/// A family of models: one era (with its reverted fixes) for every scenario.
public protocol ModelFamily: Sendable {
  /// The model type one scenario gives.
  associatedtype Instance: CheckedModel
  /// The model's name, e.g. `v4.20`.
  var name: String { get }
  /// The fixes reverted from it, as opaque ids.
  var reverted: [String] { get }
  /// The scenarios it can run.
  var space: ScenarioSpace { get }
  /// The model for one scenario.
  func instantiate(_ scenario: Scenario) -> Instance
  /// The stories this model is known to show: its findings catalogue (empty for a model
  /// expected to hold).
  var catalogue: [KnownStory] { get }
  /// Actor renamings under which a story stays the same story (actors with equal roles).
  var actorSymmetries: [[String: String]] { get }
}

extension ModelFamily {
  public var catalogue: [KnownStory] { [] }
  public var actorSymmetries: [[String: String]] { [] }
}
