import THPEngine
import THPSpec
import Testing

@testable import THPKernel

/// The explorer keeps its frontier as packed words and fingerprints them: a state must come
/// back from its words unchanged, and the word-level mirror must be the packing of the swapped
/// value — otherwise two distinct states would be counted as one, or a state would be expanded
/// as another.
@Suite("Packed states", .tags(.property))
struct PackedStateTests {
  @Test(
    "Every state of random runs comes back from its packed words; the mirror is the swap",
    arguments: FootprintTests.families.map { $0.name + ($0.reverted.first.map { " -" + $0 } ?? "") }
  )
  func roundTrip(_ label: String) throws {
    let family = try #require(
      FootprintTests.families.first {
        $0.name + ($0.reverted.first.map { " -" + $0 } ?? "") == label
      })
    var states = 0
    var mirrored = 0
    for i in 0..<100 {
      var rng = SplitMix64.stream(seed: 17, index: UInt64(i))
      // Half the runs on a scenario whose two tasks are symmetric, to exercise the mirror.
      let scenario =
        i % 2 == 0
        ? try Scenario.parse("Aww,Bww,Saa", in: family.space)
        : family.space.randomScenario(&rng, swarm: false)
      let model = family.instantiate(scenario)
      var scheduler = RandomScheduler(rng: rng)
      var w = model.initialState()
      for step in 0..<400 {
        var words: [UInt64] = []
        model.pack(w, into: &words)
        #expect(words.count == model.packedWordCount)
        #expect(model.unpack(words[...]) == w, "\(label) \(scenario) after \(step) steps")
        if let (a, b) = model.symmetricTasks {
          #expect(model.mirror(&words))
          var swapped: [UInt64] = []
          model.pack(w.swappingTasks(a, b), into: &swapped)
          #expect(words == swapped, "\(label) \(scenario) after \(step) steps")
          mirrored += 1
        }
        states += 1
        let ready = (0..<model.actorCount).filter { model.status(w, $0) == .ready }
        guard !ready.isEmpty else { break }
        let actor = scheduler.pickActor(ready: ready, step: step, yielded: true)
        if model.step(&w, actor, choice: scheduler.pickChoice(count: model.choiceCount(w, actor)))
          .harm != nil
        {
          break
        }
      }
    }
    #expect(states > 1000 && mirrored > 500)
  }
}
