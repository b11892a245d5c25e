import THPEngine
import THPKernel

// PLACEHOLDER until the explorer lands (issue 4).
extension Commands {
  static func explore(_ args: Arguments) -> Int32 {
    usage("explore is not available in this build")
  }

  static func bench(_ args: Arguments) -> Int32 {
    usage("bench is not available in this build")
  }
}
