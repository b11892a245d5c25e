// swift-tools-version: 6.0
// thpcheck: an executable specification of THP NUMA migration, and kernel models checked against it.
// No package dependencies: the toolchain alone (Foundation, Swift Testing).
import PackageDescription

/// The checker is CPU-bound; optimise it even in debug builds so that `swift run thpcheck` and
/// `swift test` stay quick on two cores. Release builds (`thpcheck bench`) are optimised anyway.
/// Release builds also optimise across modules, so the generic engine is specialised for the
/// kernel models (`thpcheck bench` measures this build).
let optimised: [SwiftSetting] = [
  .unsafeFlags(["-O"], .when(configuration: .debug)),
  .unsafeFlags(["-cross-module-optimization"], .when(configuration: .release)),
]

let package = Package(
  name: "thpcheck",
  products: [
    .executable(name: "thpcheck", targets: ["thpcheck"]),
    .library(name: "THPSpec", targets: ["THPSpec"]),
  ],
  targets: [
    // The abstract transition system: imports nothing of ours.
    .target(name: "THPSpec", path: "Spec"),
    // The generic checking engine: generator, schedulers, checker, shrinker, explorer, diagrams.
    .target(
      name: "THPEngine", dependencies: ["THPSpec"], path: "Sources/Engine", swiftSettings: optimised
    ),
    // The kernel models, era by era, and the catalogue of fixes.
    .target(
      name: "THPKernel", dependencies: ["THPSpec", "THPEngine"], path: "Sources/Kernel",
      swiftSettings: optimised),
    // The command line.
    .executableTarget(
      name: "thpcheck", dependencies: ["THPSpec", "THPEngine", "THPKernel"],
      path: "Sources/thpcheck", swiftSettings: optimised),
    .testTarget(
      name: "THPCheckTests", dependencies: ["THPSpec", "THPEngine", "THPKernel"],
      path: "Tests/THPCheckTests"),
  ]
)
