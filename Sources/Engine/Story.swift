import THPSpec

/// One step of a story: an actor and the start of the kernel-named step it takes
/// (`("task A", "migrate_page_copy P0→P1")`).
public struct StoryStep: Sendable, Hashable, CustomStringConvertible {
  /// The actor's name, as diagrams print it.
  public var actor: String
  /// A prefix of the step's text.
  public var step: String
  /// Whether this (the story's last) step must be the failing step itself: the harm happens
  /// there, not merely after it.
  public var atHarm: Bool = false

  /// The actor name that matches any actor (the migrating task may be either task, or a GUP
  /// user that faulted).
  public static let anyActor = "*"

  /// Whether a trace row is this step: the actor (or `*`), and the start of its text — or, for
  /// a step written `[action]`, the spec action it performs (`[pin]`: wherever the pin takes
  /// effect).
  public func matches(_ row: TraceRow) -> Bool {
    guard actor == StoryStep.anyActor || row.actor == actor else { return false }
    if step.hasPrefix("["), step.hasSuffix("]") {
      return row.abstract.map { "[\($0)]" == step } ?? false
    }
    return row.step.hasPrefix(step)
  }

  /// Creates a story step; with `atHarm`, the step at which the run fails.
  public init(_ actor: String, _ step: String, atHarm: Bool = false) {
    self.actor = actor
    self.step = step
    self.atHarm = atHarm
  }

  public var description: String { "\(actor): \(step)" + (atHarm ? " (the harm)" : "") }
}

/// A story a failing run tells: its harm, and the ordered (actor, step) pairs that identify it
/// — what a changelog's race diagram would show. Two runs with the same harm but different
/// stories are different findings.
public struct Story: Sendable, Hashable {
  /// The harm the run ends in.
  public var kind: ViolationKind
  /// The steps, in order; a run tells the story when its trace contains them in this order.
  public var steps: [StoryStep]

  /// Creates a story.
  public init(_ kind: ViolationKind, _ steps: [StoryStep]) {
    self.kind = kind
    self.steps = steps
  }

  /// Whether a failing run with harm `kind` and trace `rows` tells this story, as it is or with
  /// its actors renamed by one of `symmetries` (actors with equal roles, such as two tasks).
  public func isTold(
    by rows: [TraceRow], kind: ViolationKind, symmetries: [[String: String]] = []
  ) -> Bool {
    guard kind == self.kind else { return false }
    if Story.containsInOrder(rows, steps) { return true }
    for renaming in symmetries {
      let renamed = steps.map {
        StoryStep(renaming[$0.actor] ?? $0.actor, $0.step, atHarm: $0.atHarm)
      }
      if Story.containsInOrder(rows, renamed) { return true }
    }
    return false
  }

  /// Whether `rows` contain the steps in this order; a last step marked `atHarm` must be the
  /// last row (the failing step), the others before it.
  static func containsInOrder(_ rows: [TraceRow], _ steps: [StoryStep]) -> Bool {
    var rows = rows[...]
    var steps = steps[...]
    if let last = steps.last, last.atHarm {
      guard let failing = rows.last, last.matches(failing) else { return false }
      rows = rows.dropLast()
      steps = steps.dropLast()
    }
    var i = steps.startIndex
    for row in rows where i < steps.endIndex {
      if steps[i].matches(row) { i += 1 }
    }
    return i == steps.endIndex
  }
}

/// A story a model is known to show, with the kernel evidence for it: one entry of a model's
/// findings catalogue.
public struct KnownStory: Sendable, Hashable {
  /// A short stable id (`v4.14:004-device-after-copy`).
  public var id: String
  /// The story.
  public var story: Story
  /// The kernel evidence: the commit that fixed it (id and subject), "latent until COMMIT
  /// removed the code", or "not found upstream" with what was searched.
  public var evidence: String
  /// A scenario (letters) on which exhaustive exploration reproduces the story.
  public var witness: String
  /// Whether the model must show it; an entry that is only allowed (a v4.20 story a revert's
  /// scenario might also show) is not required.
  public var required: Bool

  /// Creates an entry.
  public init(
    id: String, story: Story, evidence: String, witness: String, required: Bool = true
  ) {
    self.id = id
    self.story = story
    self.evidence = evidence
    self.witness = witness
    self.required = required
  }
}

/// How a failing run is told apart from other failing runs: by the catalogue entry whose story
/// it tells, or else by its harm and the (actor, kernel step) at which the harm happened.
public struct StoryKey: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// The harm.
  public var kind: ViolationKind
  /// The catalogue entry's id, or `actor: step` of the failing step for a new story.
  public var name: String
  /// Whether `name` is a catalogue entry's id.
  public var known: Bool

  /// Creates a key.
  public init(kind: ViolationKind, name: String, known: Bool) {
    self.kind = kind
    self.name = name
    self.known = known
  }

  /// Precedence of the harm first, then the name.
  public static func < (a: StoryKey, b: StoryKey) -> Bool {
    a.kind != b.kind ? a.kind < b.kind : a.name < b.name
  }

  public var description: String { "\(kind.rawValue) (\(name))" }
}
