import THPEngine

/// The committed counterexamples: a shortest one of every catalogued story of every model and
/// of every seed revert, found by exploring the story's witness scenario
/// (`thpcheck explore --model M --scenario W --stories ID`). `thpcheck check` prints a line of
/// this form under each diagram ("regression case: ..."); a model change that is meant to change
/// a story changes its line here, in a reviewed diff.
let regressionCorpus: [RegressionCase] = [
  .init(
    "v3.8-rc1", story: "seed-000-aba", kind: .lostWrite, steps: 52,
    token: "thp2:v3.8-rc1:-:Aw,Bw,Saa:ccccccccaaaaaaaaaaaaaaaaaaaabbbbbbb1bbbbbccccccccaaaa"),
  .init(
    "v3.8-rc1", story: "fast-gup-pin-after-isolation", kind: .lostWrite, steps: 36,
    token: "thp2:v3.8-rc1:-:Sa,Gp,Fp:aaaaccaaabbbbbbbbbbbbbbbbbbbbbbbbccc"),
  .init(
    "v3.8-rc1", story: "seed-003-gup-slow", kind: .lostWrite, steps: 39,
    token: "thp2:v3.8-rc1:-:Aw,Sa,Gp:bbbbcbbbbaaaaaaaaaaaaaaaaaaaacccccaaaac"),
  .init(
    "v3.8-rc1", story: "seed-003-gup-fast", kind: .lostWrite, steps: 56,
    token: "thp2:v3.8-rc1:-:Saa,Gp,Fp:aaaabaaabbbbbccccccccccccccccccccccccccccccccccccccccccb"),
  .init(
    "v3.8-rc1", story: "stale-tlb-lost-write", kind: .lostWrite, steps: 32,
    token: "thp2:v3.8-rc1:-:Aw,Sa,Gp:bbbbbbbccccccccccccccccccccacccc"),
  .init(
    "v3.8-rc1", story: "stale-tlb-use-after-free", kind: .useAfterFree, steps: 37,
    token: "thp2:v3.8-rc1:-:Aw,Sa,Gp:bbbbbbbccccccccccccccccccccccccccccca"),
  .init(
    "v3.8-rc1", story: "stale-tlb-stale-read", kind: .staleRead, steps: 38,
    token: "thp2:v3.8-rc1:-:Awr,Sa,Gp,Mz:abbbbbbbcccccccccccccccccccccccccdddda"),
  .init(
    "v3.8-rc1", story: "fast-gup-freed-page", kind: .kernelBug, steps: 39,
    token: "thp2:v3.8-rc1:-:Sa,Gp,Fp:aaaaccaaabbbbbbbbbbbbbbbbbbbbbbbbbbbbbc"),
  .init(
    "v3.8-rc1", story: "pmd-clear-bad-lost-write", kind: .lostWrite, steps: 23,
    token: "thp2:v3.8-rc1:-:Aw,Sa,Mz:bccccbccaaaaaaaaaaaabbb"),
  .init(
    "v3.8-rc1", story: "pmd-clear-bad-refinement", kind: .refinement, steps: 18,
    token: "thp2:v3.8-rc1:-:Ar,Sa,Mz:bccccbccaaaaaaabbb"),
  .init(
    "v3.8-rc1", story: "zap-transient-none-scanner", kind: .zapIgnored, steps: 6,
    token: "thp2:v3.8-rc1:-:Ar,Sa,Mz:bbbbbc"),
  .init(
    "v3.8-rc1", story: "do-pmd-numa-page-on-huge-lost-write", kind: .lostWrite, steps: 26,
    token: "thp2:v3.8-rc1:-:Aw,Bw,Saa:ccccccccaaccccccacacaaaaaa1"),
  .init(
    "v3.8-rc1", story: "do-pmd-numa-page-on-huge-use-after-free", kind: .useAfterFree, steps: 33,
    token: "thp2:v3.8-rc1:-:Saa,Gp,Mz:aaaaaaaaaaaaabbabaabbbbbbcccccccb1"),
  .init(
    "v3.8-rc1", story: "seed-002-gup-slow", kind: .lostWrite, steps: 39,
    token: "thp2:v3.8-rc1:-:Aw,Sa,Gp:bbccccccbbbbbbaaaaaaaaaaaaaaaaaaaaaaaac"),
  .init(
    "v3.8-rc1", story: "seed-002-gup-fast", kind: .lostWrite, steps: 37,
    token: "thp2:v3.8-rc1:-:Aw,Sa,Fp:bbbbccbbbccbaaaaaaaaaaaaaaaaaaaaaaaac"),
  .init(
    "v3.8-rc1", story: "put-page-before-unlock", kind: .kernelBug, steps: 30,
    token: "thp2:v3.8-rc1:-:Ar,Sa,Mz:bbbbbbbbaaaaaaaaaaaaaa1accccccc"),
  .init(
    "v3.8-pagecount-v1", story: "seed-002-nr-isolated-leak", kind: .accountingLeak, steps: 49,
    token: "thp2:v3.8-pagecount-v1:-:Aw,Sa,Gp:bbbbcbbbbaaaaaaaaaaaaaaaaaaabccccaaaacaaaaaaaaacc"),
  .init(
    "v3.8-pagecount-v1", story: "put-page-before-unlock", kind: .kernelBug, steps: 30,
    token: "thp2:v3.8-pagecount-v1:-:Ar,Sa,Mz:bbbbbbbbaaaaaaaaaaaaaa1accccccc"),
  .init(
    "v3.8-pagecount-v1", story: "seed-000-aba", kind: .lostWrite, steps: 53,
    token: "thp2:v3.8-pagecount-v1:-:Aw,Bw,Saa:ccccccccaaaaaaaaaaaaaaaaaaaaabbbbbbb1bbbbbccccccccaaaa"),
  .init(
    "v3.8-pagecount-v1", story: "fast-gup-pin-after-isolation", kind: .lostWrite, steps: 37,
    token: "thp2:v3.8-pagecount-v1:-:Sa,Gp,Fp:aaaaccaaabbbbbbbbbbbbbbbbbbbbbbbbbccc"),
  .init(
    "v3.8-pagecount-v1", story: "seed-003-gup-slow", kind: .lostWrite, steps: 40,
    token: "thp2:v3.8-pagecount-v1:-:Aw,Sa,Gp:bbbbcbbbbaaaaaaaaaaaaaaaaaaaaacccccaaaac"),
  .init(
    "v3.8-pagecount-v1", story: "seed-003-gup-fast", kind: .lostWrite, steps: 61,
    token: "thp2:v3.8-pagecount-v1:-:Saa,Gp,Fp:aaaaaaaaaaabbbbbbbbbbbbbbbbbbbbbcccccccccc1cccaacaaacccccbbbbc"),
  .init(
    "v3.8-pagecount-v1", story: "stale-tlb-lost-write", kind: .lostWrite, steps: 33,
    token: "thp2:v3.8-pagecount-v1:-:Aw,Sa,Gp:bbbbbbbcccccccccccccccccccccacccc"),
  .init(
    "v3.8-pagecount-v1", story: "stale-tlb-use-after-free", kind: .useAfterFree, steps: 38,
    token: "thp2:v3.8-pagecount-v1:-:Aw,Sa,Gp:bbbbbbbcccccccccccccccccccccccccccccca"),
  .init(
    "v3.8-pagecount-v1", story: "stale-tlb-stale-read", kind: .staleRead, steps: 39,
    token: "thp2:v3.8-pagecount-v1:-:Awr,Sa,Gp,Mz:abbbbbbbccccccccccccccccccccccccccdddda"),
  .init(
    "v3.8-pagecount-v1", story: "fast-gup-freed-page", kind: .kernelBug, steps: 40,
    token: "thp2:v3.8-pagecount-v1:-:Sa,Gp,Fp:aaaaccaaabbbbbbbbbbbbbbbbbbbbbbbbbbbbbbc"),
  .init(
    "v3.8-pagecount-v1", story: "pmd-clear-bad-lost-write", kind: .lostWrite, steps: 23,
    token: "thp2:v3.8-pagecount-v1:-:Aw,Sa,Mz:bccccbccaaaaaaaaaaaabbb"),
  .init(
    "v3.8-pagecount-v1", story: "pmd-clear-bad-refinement", kind: .refinement, steps: 18,
    token: "thp2:v3.8-pagecount-v1:-:Ar,Sa,Mz:bccccbccaaaaaaabbb"),
  .init(
    "v3.8-pagecount-v1", story: "zap-transient-none-scanner", kind: .zapIgnored, steps: 6,
    token: "thp2:v3.8-pagecount-v1:-:Ar,Sa,Mz:bbbbbc"),
  .init(
    "v3.8-pagecount-v1", story: "do-pmd-numa-page-on-huge-lost-write", kind: .lostWrite, steps: 26,
    token: "thp2:v3.8-pagecount-v1:-:Aw,Bw,Saa:ccccccccaaccccccacacaaaaaa1"),
  .init(
    "v3.8-pagecount-v1", story: "do-pmd-numa-page-on-huge-use-after-free", kind: .useAfterFree, steps: 33,
    token: "thp2:v3.8-pagecount-v1:-:Saa,Gp,Mz:aaaaaaaaaaaaabbabaabbbbbbcccccccb1"),
  .init(
    "v3.9", story: "seed-000-aba", kind: .lostWrite, steps: 53,
    token: "thp2:v3.9:-:Aw,Bw,Saa:ccccccccaaaaaaaaaaaaaaaaaaaaabbbbbbb1bbbbbccccccccaaaa"),
  .init(
    "v3.9", story: "fast-gup-pin-after-isolation", kind: .lostWrite, steps: 37,
    token: "thp2:v3.9:-:Sa,Gp,Fp:aaaaccaaabbbbbbbbbbbbbbbbbbbbbbbbbccc"),
  .init(
    "v3.9", story: "seed-003-gup-slow", kind: .lostWrite, steps: 40,
    token: "thp2:v3.9:-:Aw,Sa,Gp:bbbbcbbbbaaaaaaaaaaaaaaaaaaaaacccccaaaac"),
  .init(
    "v3.9", story: "seed-003-gup-fast", kind: .lostWrite, steps: 61,
    token: "thp2:v3.9:-:Saa,Gp,Fp:aaaaaaaaaaabbbbbbbbbbbbbbbbbbbbbcccccccccc1cccaacaaacccccbbbbc"),
  .init(
    "v3.9", story: "stale-tlb-lost-write", kind: .lostWrite, steps: 33,
    token: "thp2:v3.9:-:Aw,Sa,Gp:bbbbbbbcccccccccccccccccccccacccc"),
  .init(
    "v3.9", story: "stale-tlb-use-after-free", kind: .useAfterFree, steps: 38,
    token: "thp2:v3.9:-:Aw,Sa,Gp:bbbbbbbcccccccccccccccccccccccccccccca"),
  .init(
    "v3.9", story: "stale-tlb-stale-read", kind: .staleRead, steps: 39,
    token: "thp2:v3.9:-:Awr,Sa,Gp,Mz:abbbbbbbccccccccccccccccccccccccccdddda"),
  .init(
    "v3.9", story: "fast-gup-freed-page", kind: .kernelBug, steps: 40,
    token: "thp2:v3.9:-:Sa,Gp,Fp:aaaaccaaabbbbbbbbbbbbbbbbbbbbbbbbbbbbbbc"),
  .init(
    "v3.9", story: "pmd-clear-bad-lost-write", kind: .lostWrite, steps: 23,
    token: "thp2:v3.9:-:Aw,Sa,Mz:bccccbccaaaaaaaaaaaabbb"),
  .init(
    "v3.9", story: "pmd-clear-bad-refinement", kind: .refinement, steps: 18,
    token: "thp2:v3.9:-:Ar,Sa,Mz:bccccbccaaaaaaabbb"),
  .init(
    "v3.9", story: "zap-transient-none-scanner", kind: .zapIgnored, steps: 6,
    token: "thp2:v3.9:-:Ar,Sa,Mz:bbbbbc"),
  .init(
    "v3.9", story: "do-pmd-numa-page-on-huge-lost-write", kind: .lostWrite, steps: 26,
    token: "thp2:v3.9:-:Aw,Bw,Saa:ccccccccaaccccccacacaaaaaa1"),
  .init(
    "v3.9", story: "do-pmd-numa-page-on-huge-use-after-free", kind: .useAfterFree, steps: 33,
    token: "thp2:v3.9:-:Saa,Gp,Mz:aaaaaaaaaaaaabbabaabbbbbbcccccccb1"),
  .init(
    "v3.13-rc1", story: "fast-gup-pin-after-isolation", kind: .lostWrite, steps: 38,
    token: "thp2:v3.13-rc1:-:Sa,Gp,Fp:aaaaccaaabbbbbbbbbbbbbbbbbbbbbbbbccbbc"),
  .init(
    "v3.13-rc1", story: "seed-003-gup-slow", kind: .lostWrite, steps: 41,
    token: "thp2:v3.13-rc1:-:Aw,Sa,Gp:bbbbcbbbbaaaaaaaaaaaaaaaaaaaaacccccaaaaac"),
  .init(
    "v3.13-rc1", story: "seed-003-gup-fast", kind: .lostWrite, steps: 45,
    token: "thp2:v3.13-rc1:-:Saa,Gp,Fp:aaaaaaaaaabbbbbbbbbbbbbbbbbbbbbbbbabbaaccccca"),
  .init(
    "v3.13-rc1", story: "stale-tlb-lost-write", kind: .lostWrite, steps: 53,
    token: "thp2:v3.13-rc1:-:Aw,Bw,Sa,Mz:ccddddddddaaaaaaaaaaacccbcbbcbbbbbbbbbbbbbbbbbbabbbbb"),
  .init(
    "v3.13-rc1", story: "seed-001-woken", kind: .useAfterFree, steps: 50,
    token: "thp2:v3.13-rc1:-:Aw,Bw,Sa:ccccccccaaaaaaaaaaaaaaaaaaaaabbbbbbb1baaaaaaaabaaab"),
  .init(
    "v3.13-rc1", story: "seed-001-wait", kind: .useAfterFree, steps: 49,
    token: "thp2:v3.13-rc1:-:Aw,Bw,Sa:ccccccccaaaaaaaaaaaaaaaaaaaaabbbbbbb1baaaaaaaaaaab"),
  .init(
    "v3.13-rc1", story: "out-dropref-unguarded-use-after-free", kind: .useAfterFree, steps: 44,
    token: "thp2:v3.13-rc1:-:Ar,Sa,Gp,Mz:bbbbbbbbaaaaaaaaaaaaaa1cdddddccdccccaaaaddada"),
  .init(
    "v3.13-rc1", story: "out-dropref-unguarded-lost-write", kind: .lostWrite, steps: 41,
    token: "thp2:v3.13-rc1:-:Aw,Sa,Gp,Mz:bbbbbbbbacccccccccccccc1dddddaadaaaaaaaaac"),
  .init(
    "v3.13-rc1", story: "out-dropref-unguarded-kernel-bug", kind: .kernelBug, steps: 47,
    token: "thp2:v3.13-rc1:-:Ar,Sa,Gp,Mz:bbbbbbbcccccccccccccc1ddddddddaaaaaaaaccccccccdc"),
  .init(
    "v3.13-rc1", story: "out-dropref-unguarded-zap-ignored", kind: .zapIgnored, steps: 28,
    token: "thp2:v3.13-rc1:-:Ar,Sa,Mz:bbbbbbbbaaaaaaaaaaaaaa1ccccca"),
  .init(
    "v3.13-rc1", story: "out-dropref-unguarded-refinement", kind: .refinement, steps: 40,
    token: "thp2:v3.13-rc1:-:Aw,Sa,Gp,Mz:bbbbbbbbacccccccccccccc1dddddaadaaaaaaaac"),
  .init(
    "v3.13-rc1", story: "out-dropref-unguarded-accounting-leak", kind: .accountingLeak, steps: 59,
    token: "thp2:v3.13-rc1:-:Ar,Sa,Fp,Mz:bbbbbbbbaaaaaaaaaaaaaa1bccccdddddccdccccaaaaaacccccccccccddd"),
  .init(
    "v3.13-rc1", story: "bug-on-pmd-numa", kind: .kernelBug, steps: 29,
    token: "thp2:v3.13-rc1:-:Aw,Bw,Saa:ccccccccaaaaaaa1baaabccccccbcb"),
  .init(
    "v3.13-rc1", story: "pmd-clear-bad-lost-write", kind: .lostWrite, steps: 41,
    token: "thp2:v3.13-rc1:-:Aw,Bw,Saa:accccccccbbbbbbbbbbbbbbbbbbbbbbbbbcccbccc"),
  .init(
    "v3.13-rc1", story: "pmd-clear-bad-refinement", kind: .refinement, steps: 20,
    token: "thp2:v3.13-rc1:-:Ar,Sa,Mz:bcccccbcccaaaaaaabbb"),
  .init(
    "v3.13-rc1", story: "zap-transient-none-scanner", kind: .zapIgnored, steps: 7,
    token: "thp2:v3.13-rc1:-:Ar,Sa,Mz:bbbbbcc"),
  .init(
    "v3.13", story: "foll-force-pin-during-migration", kind: .lostWrite, steps: 48,
    token: "thp2:v3.13:-:Aw,Sa,Gf:bbbbbbbbaaaaaaaaaaaaaaaaaaaaaaaaaccccccaaccaaaaa"),
  .init(
    "v3.13", story: "rollback-after-commit-lost-write", kind: .lostWrite, steps: 46,
    token: "thp2:v3.13:-:Aw,Bw,Sa,Wr:ccccccccaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaabbdaa"),
  .init(
    "v3.13", story: "rollback-after-commit-refinement", kind: .refinement, steps: 44,
    token: "thp2:v3.13:-:Aw,Sa,Wr:bbbbbbbbaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaacaa"),
  .init(
    "v3.13", story: "fast-gup-pin-after-isolation", kind: .lostWrite, steps: 45,
    token: "thp2:v3.13:-:Sa,Gp,Fp:aaaaaccaabbbbbbbbbbbbbbbbbbbbbbccbbbbbccbbbbb"),
  .init(
    "v3.13", story: "seed-001-woken", kind: .useAfterFree, steps: 58,
    token: "thp2:v3.13:-:Aw,Bw,Sa:ccccccccaaaaaaaaaaaaaaaaaaaaaaaaabbbbbbbaaaabaaaaaaaabaaab"),
  .init(
    "v3.13", story: "seed-001-wait", kind: .useAfterFree, steps: 57,
    token: "thp2:v3.13:-:Aw,Bw,Sa:ccccccccaaaaaaaaaaaaaaaaaaaaaaaaabbbbbbbaaaabaaaaaaaaaaab"),
  .init(
    "v3.13", story: "bug-on-pmd-numa", kind: .kernelBug, steps: 54,
    token: "thp2:v3.13:-:Aw,Bw,Saa:ccccccccaaaaaaaaaaaaaaaaaaaaabbcaaaaaaaaabaaaacccccccb"),
  .init(
    "v3.13", story: "pmd-clear-bad-lost-write", kind: .lostWrite, steps: 48,
    token: "thp2:v3.13:-:Aw,Bw,Saa:accccccccbbbbbbbbbbbbbbbbbbbbbcbbbbbbbbbccccbccc"),
  .init(
    "v3.13", story: "pmd-clear-bad-refinement", kind: .refinement, steps: 21,
    token: "thp2:v3.13:-:Ar,Sa,Mz:bbcccccbcccaaaaaaabbb"),
  .init(
    "v3.13", story: "zap-transient-none-pmdp_clear_flush", kind: .zapIgnored, steps: 40,
    token: "thp2:v3.13:-:Ar,Sa,Mz:bbbbbbbbaaaaaaaaaaaaaaaaaaaaaaaaaaaaaacc"),
  .init(
    "v3.13", story: "flush-pending-cleared-by-other-scanner", kind: .lostWrite, steps: 60,
    token: "thp2:v3.13:-:Aw,Bw,Sa,Ta:ccccccccaaaaaaaa1aaaaddcddddbbbdbbbbbbbbbbbbbbbbbbbbabbbbbbbb"),
  .init(
    "v4.14", story: "foll-force-pin-during-migration", kind: .lostWrite, steps: 50,
    token: "thp2:v4.14:-:Aw,Sa,Gf:bbbbbbbbaababaaaaaaaaaaaaaaaaaaaaaaccccccaaccaaaaa"),
  .init(
    "v4.14", story: "seed-004-device", kind: .lostWrite, steps: 43,
    token: "thp2:v4.14:-:Aw,Sa,Dw:bbbbbbbbaababaaaaaaaaaaaaaaaaaaaaaaaaaaacaa"),
  .init(
    "v4.14", story: "pmd-clear-bad-lost-write", kind: .lostWrite, steps: 50,
    token: "thp2:v4.14:-:Aw,Bw,Saa:accccccccbbcbcbbbbbbbbbbcccbbbbbbbbbbbbbbbbbccbccc"),
  .init(
    "v4.14", story: "pmd-clear-bad-refinement", kind: .refinement, steps: 22,
    token: "thp2:v4.14:-:Ar,Sa,Mz:bccccccbccccaaaaaaabbb"),
  .init(
    "v4.14", story: "zap-transient-none-pmdp_huge_clear_flush_notify", kind: .zapIgnored, steps: 42,
    token: "thp2:v4.14:-:Ar,Sa,Mz:bbbbbbbbaababaaaaaaaaaaaaaaaaaaaaaaaaaaccc"),
  .init(
    "v4.14", story: "new-page-freed-locked", kind: .kernelBug, steps: 55,
    token: "thp2:v4.14:-:Ar,Sa,Mz:bbbbbbbbaababaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaccccccccccc"),
  .init(
    "v4.20", story: "foll-force-pin-during-migration", kind: .lostWrite, steps: 46,
    token: "thp2:v4.20:-:Aw,Sa,Gf:bbbbbbbbaababaaaaaaaaaaaaaaaaaaaaaccccccaaccaa"),
  .init(
    "v4.20", story: "pmd-clear-bad-lost-write", kind: .lostWrite, steps: 25,
    token: "thp2:v4.20:-:Aw,Sa,Mz:bccccccbccccaaaaaaaaaabbb"),
  .init(
    "v4.20", story: "pmd-clear-bad-refinement", kind: .refinement, steps: 22,
    token: "thp2:v4.20:-:Ar,Sa,Mz:bccccccbccccaaaaaaabbb"),
  .init(
    "v4.20", story: "new-page-freed-locked", kind: .kernelBug, steps: 51,
    token: "thp2:v4.20:-:Ar,Sa,Mz:bbbbbbbbaababaaaaaaaaaaaaaaaaaaaaaaaaaaaccccccccccc"),
  .init(
    "v5.14", story: "pmd-clear-bad-lost-write", kind: .lostWrite, steps: 46,
    token: "thp2:v5.14:-:Aw,Bw,Saa:accccccccccbbcbcbbcccbbbbbbbbbbbbbbbbbbbbccbcc"),
  .init(
    "v5.14", story: "pmd-clear-bad-refinement", kind: .refinement, steps: 45,
    token: "thp2:v5.14:-:Aw,Bw,Saa:ccccccccccaacacaacccaaaaaaaaaaaaaaaaaaaaccacc"),
  .init(
    "v5.14", story: "zap-skips-migration-entry", kind: .zapIgnored, steps: 44,
    token: "thp2:v5.14:-:Ar,Sa,Mz:bbbbbbbbbbaababaaaaaaaaaaaaaaaaaaaaaaaacccac"),
  .init(
    "v4.20 --revert 3f926ab945b6", story: "seed-000-aba", kind: .lostWrite, steps: 74,
    token: "thp2:v4.20:3f926ab945b6:Aw,Bw,Saa:ccccccccaabbcabcaaaaaaaaaacccaaa1aabbbbbbbbbbbbaaaaaabbbbbbbaccccccccccbbbb"),
  .init(
    "v4.20 --revert 3c226c637b69", story: "seed-001-woken", kind: .useAfterFree, steps: 56,
    token: "thp2:v4.20:3c226c637b69:Aw,Bw,Sa:ccccccccaabbcabcaaaaaaaaaaaaaaaaaaaaabbbbaaaaaaaaaabaaab"),
  .init(
    "v4.20 --revert 3c226c637b69", story: "seed-001-wait", kind: .useAfterFree, steps: 55,
    token: "thp2:v4.20:3c226c637b69:Aw,Bw,Sa:ccccccccaabbcabcaaaaaaaaaaaaaaaaaaaaabbbbaaaaaaaaaaaaab"),
  .init(
    "v4.20 --revert 04fa5d6a6547", story: "seed-002-gup-slow", kind: .lostWrite, steps: 45,
    token: "thp2:v4.20:04fa5d6a6547:Aw,Sa,Gp:bbbbccccccbbbbaababaaaaaaaaaaaaaaaaaaaaaaccaa"),
  .init(
    "v4.20 --revert 2b4847e73004", story: "seed-003-gup-slow", kind: .lostWrite, steps: 46,
    token: "thp2:v4.20:2b4847e73004:Aw,Sa,Gp:bbbbbbbbaacbabaaaaaaaaaaaaaaaaaaaaacccccaaccaa"),
  .init(
    "v4.20 --revert 7066f0f933a1", story: "seed-004-device", kind: .lostWrite, steps: 39,
    token: "thp2:v4.20:7066f0f933a1:Aw,Sa,Dw:bbbbbbbbaababaaaaaaaaaaaaaaaaaaaaaaaaac"),
  .init(
    "v6.12 --revert no-precopy-refcount-check", story: "seed-002-gup-fast", kind: .lostWrite, steps: 50,
    token: "thp2:v6.12:no-precopy-refcount-check:Aw,Sa,Fp:bbbbbccccbbbcbaaaaaaaaaaaaaaaaaaaaaaaaaaccaaaaaaaa"),
  .init(
    "v6.12 --revert no-precopy-refcount-check", story: "seed-003-gup-fast", kind: .lostWrite, steps: 65,
    token: "thp2:v6.12:no-precopy-refcount-check:Aw,Sa,Fp:bbbbbbbbbaaaaaaaaaaaaaaaacccccccccccc1ccccccccaaaaaaaaaaccaaaaaaaa"),
  .init(
    "v6.12 --revert no-precopy-refcount-check", story: "seed-002-gup-slow", kind: .lostWrite, steps: 51,
    token: "thp2:v6.12:no-precopy-refcount-check:Aw,Sa,Gp:bbbccccccbbbbbbaaaaaaaaaaaaaaaaaaaaaaaaaaccaaaaaaaa"),
  .init(
    "v6.12 --revert no-precopy-refcount-check", story: "seed-003-gup-slow", kind: .lostWrite, steps: 62,
    token: "thp2:v6.12:no-precopy-refcount-check:Aw,Sa,Gp:bbbbbbbbbaaaaaaaaaaaaaaaaccccccccc1ccccccccaaaaaaaaaaccaaaaaaaa"),
  .init(
    "v6.12 --revert wait-unlocks-ptl-first", story: "seed-001-wait", kind: .useAfterFree, steps: 57,
    token: "thp2:v6.12:wait-unlocks-ptl-first:Aw,Bw,Sa:cccccccccaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaabbbbbbaaaaaaaaaab"),
  .init(
    "v6.12 --revert no-secondary-tlb-flush", story: "seed-004-device", kind: .lostWrite, steps: 44,
    token: "thp2:v6.12:no-secondary-tlb-flush:Aw,Sa,Dw:bbbbbbbbbaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaac"),
  .init(
    "v6.12 --revert no-secondary-tlb-flush", story: "seed-004-device-use-after-free", kind: .useAfterFree, steps: 50,
    token: "thp2:v6.12:no-secondary-tlb-flush:Aw,Sa,Dw:bbbbbbbbbaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaac"),
]
