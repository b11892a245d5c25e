import Foundation
import THPEngine
import THPKernel
import THPSpec

/// Prints one line on stderr and exits 2.
func usage(_ message: String) -> Never {
  FileHandle.standardError.write(Data(("thpcheck: " + message + "\n").utf8))
  exit(2)
}

func printJSON(_ value: some Encodable) {
  let encoder = JSONEncoder()
  encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
  guard let data = try? encoder.encode(value), let text = String(data: data, encoding: .utf8) else {
    usage("could not encode the result as JSON")
  }
  print(text)
}

let args: Arguments
do {
  args = try Arguments.parse(Array(CommandLine.arguments.dropFirst()))
} catch {
  usage(error.description)
}

switch args.command {
case "list": Commands.list(args)
case "replay": exit(Commands.replay(args))
case "explore": exit(Commands.explore(args))
case "bench": exit(Commands.bench(args))
default: exit(Commands.check(args))
}
