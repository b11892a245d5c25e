import THPEngine
import THPKernel
import Foundation

let args = CommandLine.arguments
let model = args.count > 1 ? args[1] : "v4.20"
let rev = args.count > 2 && args[2] != "-" ? [args[2]] : []
let runs = args.count > 3 ? Int(args[3])! : 2000
let fam = try Catalog.family(model, reverting: rev)
if args.count > 4 {
  // debug: show incomplete runs
  var shown = 0
  for i in 0..<runs {
    var rng = SplitMix64.stream(seed: 0, index: UInt64(i))
    let sc = fam.space.randomScenario(&rng, swarm: false)
    let m = fam.instantiate(sc)
    let r = try! m.run(.scheduler(RandomScheduler(rng: rng)), options: RunOptions(record: true))
    if case .incomplete = r.end, shown < 3 {
      shown += 1
      print("INCOMPLETE", sc.encoded(in: fam.space), r.decisions.count)
      let gi = r.trace.lastIndex { m.describe($0.outcome).contains("retries") } ?? r.trace.count - 1
      for e in r.trace[max(0, gi - 30)...gi] { print(m.actorName(e.actor), "|", m.describe(e.outcome)) }
    }
  }
  exit(0)
}
let r = fam.check(CheckConfig(runs: runs))
print(r.verdict, r.runs, r.incompleteRuns, r.steps, r.seconds)
for f in r.findings { print(f.kind, f.runs, f.originalLength, "->", f.counterexample.length); print(RaceDiagram.render(f.counterexample)) }
print(r.coverage.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue)=\($0.value)" }.joined(separator: " "))
