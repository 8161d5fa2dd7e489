// Options.swift — option groups shared by the subcommands.
import ArgumentParser
import BitextIO
import BitextKit

/// Output formats. `auto` is readable text on a terminal and JSON lines otherwise.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case auto, text, json, jsonl, tsv
}

/// Inputs: files or standard input, and what to do with bad UTF-8.
struct InputOptions: ParsableArguments {
    @Argument(help: "Input files (default: standard input; '-' also means standard input).")
    var files: [String] = []

    @Option(help: "Invalid UTF-8: 'error' stops with file, line and byte offset; 'replace' substitutes U+FFFD and reports each on stderr.")
    var invalid: InvalidUTF8Policy = .error

    @Option(help: "Worker threads (default: the number of cores). Output order never depends on it.")
    var jobs: Int = LinePipeline.defaultJobs

    var inputs: [String?] { files.isEmpty ? [nil] : files.map { $0 } }

    func validate() throws {
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }
}

extension InvalidUTF8Policy: ExpressibleByArgument {}
extension OffsetUnit: ExpressibleByArgument {}
extension BidiPolicy: ExpressibleByArgument {}

/// The output format choice, resolved against the terminal.
struct FormatOptions: ParsableArguments {
    @Option(help: "Output format: auto (text on a terminal, jsonl otherwise), text, json, jsonl or tsv.")
    var format: OutputFormat = .auto

    func resolved(_ sink: OutputSink, defaultWhenPiped: OutputFormat = .jsonl) -> OutputFormat {
        format == .auto ? (sink.isTerminal ? .text : defaultWhenPiped) : format
    }
}

/// Runs a pipeline, turning input errors into a one-line message and exit status 1.
func runPipeline<P: LineProcessor>(
    _ input: InputOptions, framing: RecordFraming, makeProcessor: () throws -> P
) throws {
    let pipeline = LinePipeline(jobs: input.jobs, invalidUTF8: input.invalid, framing: framing)
    do {
        try pipeline.run(inputs: input.inputs, sink: OutputSink(), makeProcessor: makeProcessor)
    } catch let e as InputError {
        printError("bitext: \(e)")
        throw ExitCode(1)
    }
}
