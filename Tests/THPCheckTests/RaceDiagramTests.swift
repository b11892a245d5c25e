import THPEngine
import THPKernel
import THPSpec
import Testing

/// A race diagram shows what its trace says: each step in its actor's column with its spec
/// action, every rule broken at a step marked under that step's row (`! rule: ...`), the harm
/// with its step, and the replay command. Checked against the recorded run itself (the model's
/// own step texts and rules), never against another render.
@Suite("Race diagrams")
struct RaceDiagramTests {
  /// What the diagram of a failing run must show, taken from the run's trace.
  struct Expected {
    /// Per step: the actor's name, the step's text, its action (nil for a stutter), its rules.
    var rows: [(actor: String, step: String, action: String?, rules: [String])]
    /// The harm and the (1-based) step it happened at.
    var violation: Violation
    /// The replay token.
    var token: String
  }

  static func expected<M: CheckedModel>(_ model: M, _ run: RunResult, token: String) throws
    -> Expected
  {
    let v = try #require(run.violation)
    return Expected(
      rows: run.trace.map { e in
        (
          model.actorName(e.actor), model.describe(e.outcome),
          e.outcome.transition?.action.rawValue, model.ruleTexts(e.outcome)
        )
      }, violation: v, token: token)
  }

  /// Checks `text` against `x` line by line; returns the number of rule marks it checked.
  @discardableResult
  static func verify(_ text: String, _ x: Expected) -> Int {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    guard lines.count > 2 else {
      Issue.record("no diagram: '\(text)'")
      return 0
    }
    // Columns: the actors that step, in scenario order of first appearance in the header.
    var actors: [String] = []
    for r in x.rows where !actors.contains(r.actor) { actors.append(r.actor) }
    var start: [String: Int] = [:]
    var from = lines[0].startIndex
    for name in actors.sorted(by: { a, b in
      (lines[0].range(of: a)?.lowerBound ?? from) < (lines[0].range(of: b)?.lowerBound ?? from)
    }) {
      guard let r = lines[0].range(of: name, range: from..<lines[0].endIndex) else {
        Issue.record("header lacks \(name): \(lines[0])")
        return 0
      }
      start[name] = lines[0].distance(from: lines[0].startIndex, to: r.lowerBound)
      from = r.upperBound
    }
    // Each column is as wide as the dashes under its name, plus two spaces.
    let width = (lines[1].prefix { $0 == "-" }.count) + 2
    /// The text of the column starting at `col` on `line`, spaces dropped.
    func cell(_ line: String, _ col: Int) -> String {
      String(line.dropFirst(col).prefix(width).filter { $0 != " " })
    }
    func blank(_ line: String, upTo col: Int) -> Bool { line.prefix(col).allSatisfy { $0 == " " } }

    var li = 2  // after the header and its rule
    var marks = 0
    for (i, row) in x.rows.enumerated() {
      let col = start[row.actor] ?? 0
      guard li < lines.count else {
        Issue.record("the diagram ends before step \(i + 1)")
        return marks
      }
      // The row: the step's text in its actor's column (wrapped within the column if it is
      // too long), the action at the right of its first line.
      let line = lines[li]
      let text = row.step.filter { $0 != " " }
      var shown = cell(line, col)
      guard blank(line, upTo: col) && text.hasPrefix(shown) && !shown.isEmpty else {
        Issue.record("step \(i + 1) (\(row.actor): \(row.step)) is not row \(li + 1): '\(line)'")
        return marks
      }
      if let action = row.action {
        #expect(line.hasSuffix("[\(action)]"), "step \(i + 1) lacks [\(action)]: '\(line)'")
      } else {
        #expect(!ActionName.allCases.contains { line.hasSuffix("[\($0.rawValue)]") })
      }
      li += 1
      while shown.count < text.count, li < lines.count, blank(lines[li], upTo: col) {
        shown += cell(lines[li], col)
        li += 1
      }
      #expect(shown == text, "step \(i + 1) reads '\(shown)' in its column, not '\(text)'")
      // Exactly this step's rules, in its column, right under it.
      for rule in row.rules {
        let want = String(repeating: " ", count: col) + "! rule: " + rule
        guard li < lines.count, lines[li] == want else {
          Issue.record("step \(i + 1): expected '\(want)' under it")
          return marks
        }
        li += 1
        marks += 1
      }
      #expect(li >= lines.count || !lines[li].contains("! rule:"), "a rule no step broke")
      // The harm, under the step where it happened.
      if i == x.violation.step {
        #expect(li + 1 < lines.count && lines[li] == "")
        let harm = "=> \(x.violation.kind.rawValue) at step \(i + 1): \(x.violation.message)"
        #expect(li + 1 < lines.count && lines[li + 1] == harm, "expected '\(harm)'")
        li += 2
      }
    }
    #expect(Array(lines[min(li, lines.count)...]) == ["", "replay: thpcheck replay \(x.token)"])
    return marks
  }

  @Test(
    "a committed counterexample's diagram shows its trace, rules, harm and replay command",
    arguments: regressionCorpus)
  func committed(_ c: RegressionCase) throws {
    let (family, sc, ds) = try Support.resolve(try ReplayToken.parse(c.token))
    let model = family.instantiate(sc)
    let run = try model.run(.strict(ds), options: RunOptions(record: true))
    let ce = try #require(family.replay(sc, ds).findings.first?.counterexample)
    let text = RaceDiagram.render(ce)
    Self.verify(text, try Self.expected(model, run, token: c.token))
  }

  @Test("the committed corpus breaks kernel rules on its diagrams (the rule check is not vacuous)")
  func corpusHasRules() throws {
    var marks = 0
    for c in regressionCorpus {
      let (family, sc, ds) = try Support.resolve(try ReplayToken.parse(c.token))
      let model = family.instantiate(sc)
      let run = try model.run(.strict(ds), options: RunOptions(record: true))
      marks += run.trace.reduce(0) { $0 + model.ruleTexts($1.outcome).count }
    }
    #expect(marks > 0)
  }

  @Test("a toy diagram marks a rule on every row that broke one, over several rows")
  func toyRules() throws {
    let toy = ToyFamily()
    let sc = try #require(toy.scenario("Aii,Bi,Ql"))
    // B loads; A increments twice without the lock; ba takes B without A; B's store loses both.
    let (a, b, q) = (
      Decision(actor: 0, choice: 0), Decision(actor: 1, choice: 0), Decision(actor: 2, choice: 0)
    )
    let ds = [b, a, a, q, a, a, b]
    let model = toy.instantiate(sc)
    let run = try model.run(.strict(ds), options: RunOptions(record: true))
    #expect(run.violation?.kind == .lostWrite)
    let ce = try #require(toy.counterexample(sc, ds))
    let text = RaceDiagram.render(ce)
    let marks = Self.verify(text, try Self.expected(model, run, token: ce.token.description))
    #expect(marks == 4, "\(text)")
  }
}
