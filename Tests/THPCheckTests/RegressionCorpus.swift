import THPEngine

/// The committed counterexamples: one per refuted era (each seed bug it demonstrates) and per
/// revert from v4.20. `thpcheck check` prints a line of this form under each diagram
/// ("regression case: ..."); paste it here when a model change is meant to change a story.
let regressionCorpus: [RegressionCase] = [
  .init(
    "v3.8-rc1", kind: .lostWrite, steps: 35,
    token: "thp1:v3.8-rc1:-:Ar,Sa,Gp:cccccbbbbbbbaaaaaaaaaaaaaaaaaaaaaac"),  // seed 002: a GUP pin's DMA write after the copy is lost (no page-count check)
  .init(
    "v3.8-pagecount-v1", kind: .accountingLeak, steps: 53,
    token: "thp1:v3.8-pagecount-v1:-:Aw,Sa,Gp:bbbbbbbccccccaaaaaaaaaaaaaaaaaaaaaaaaaaaccccccccccccc"
  ),  // seed 002: NR_ISOLATED_ANON leaked by the first posting
  .init(
    "v3.9", kind: .lostWrite, steps: 36,
    token: "thp1:v3.9:-:Ar,Sa,Gp:cbbbbbbbaaaaaaaaaaaaaaaaaaacccccaaaa"),  // seed 003: slow GUP pins the old page after the count check
  .init(
    "v3.13-rc1", kind: .lostWrite, steps: 37,
    token: "thp1:v3.13-rc1:-:Ar,Sa,Gp:cbbbbbbbbaaaaaaaaaaaaaaaaaaaccccaaaaa"),  // seed 003: GUP write into the old frame
  .init(
    "v3.13-rc1", kind: .useAfterFree, steps: 45,
    token: "thp1:v3.13-rc1:-:Aw,Bw,Sa:ccccccccbbbbbbbbbbbbbbbbbaaaaa1abbbbbbbbbbbbba"),  // seed 001: waiter without a reference
  .init(
    "v3.13", kind: .useAfterFree, steps: 53,
    token: "thp1:v3.13:-:Aw,Bw,Sa:cccccccccaaaaaaaaaaaaabbbbbbaaaaaaaaaaaaaaaaaaaaaaaab"),  // seed 001: waiter without a reference
  .init(
    "v4.14", kind: .lostWrite, steps: 39,
    token: "thp1:v4.14:-:Aw,Sa,Dw:bbbbbbbbaaaaaaaaaaaaaaaaaaaaaacaaaaaaaa"),  // seed 004: the device writes the old frame after the copy
  .init(
    "v4.20 --revert 3f926ab945b6", kind: .lostWrite, steps: 74,
    token:
      "thp1:v4.20:3f926ab945b6:Aw,Bw,Saa:ccccccbccccbbbbbbbbbbbbbbbbbbaab1bbaaaaaaaaaaaaaaacccbbbaaaaabbbbccccccaaaa"
  ),  // seed 000 reverted
  .init(
    "v4.20 --revert 3c226c637b69", kind: .useAfterFree, steps: 47,
    token: "thp1:v4.20:3c226c637b69:Aw,Bw,Sa:ccccccccbbbbbbbbbbbbbbbbbaaaaabbbbbbbbbbbbbbbba"),  // seed 001 reverted
  .init(
    "v4.20 --revert 04fa5d6a6547", kind: .lostWrite, steps: 39,
    token: "thp1:v4.20:04fa5d6a6547:Aw,Sa,Gp:ccccbbbbbbbbaaaaaaaaaaaaaaaaaaaaaccaaaa"),  // seed 002 reverted
  .init(
    "v4.20 --revert 2b4847e73004", kind: .lostWrite, steps: 40,
    token: "thp1:v4.20:2b4847e73004:Aw,Sa,Gp:bbbbbbcbbaaaaaaaaaaaaaaaaaaaaaacccccaaaa"),  // seed 003 reverted
  .init(
    "v4.20 --revert 7066f0f933a1", kind: .lostWrite, steps: 35,
    token: "thp1:v4.20:7066f0f933a1:Aw,Sa,Dw:bbbbbbbbaaaaaaaaaaaaaaaaaaaaaaaaaac"),  // seed 004 reverted
]
