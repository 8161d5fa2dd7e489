import Foundation
import Testing

/// Runs the `bitext` executable built next to the test bundle.
struct CLI {
    static let executable: String = {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: exe).deletingLastPathComponent().appendingPathComponent("bitext").path
    }()

    static let testsDirectory: String = {
        let file = #filePath
        return String(file[..<file.lastIndex(of: "/")!])
    }()

    struct Result {
        var status: Int32
        var stdout: Data
        var stderr: String
        var text: String { String(decoding: stdout, as: UTF8.self) }
    }

    /// `environment`: variables to set for the run, besides the test's own.
    static func run(_ arguments: [String], stdin: Data = Data(), environment: [String: String] = [:]) throws -> Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        if !environment.isEmpty {
            p.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        let inPipe = Pipe()
        let outFile = FileManager.default.temporaryDirectory.appendingPathComponent("bitext-cli-\(UUID().uuidString)")
        let errFile = FileManager.default.temporaryDirectory.appendingPathComponent("bitext-cli-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: outFile.path, contents: nil)
        FileManager.default.createFile(atPath: errFile.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outFile)
            try? FileManager.default.removeItem(at: errFile)
        }
        let out = try FileHandle(forWritingTo: outFile)
        let err = try FileHandle(forWritingTo: errFile)
        p.standardInput = inPipe
        p.standardOutput = out
        p.standardError = err
        try p.run()
        inPipe.fileHandleForWriting.write(stdin)
        try inPipe.fileHandleForWriting.close()
        p.waitUntilExit()
        try out.close()
        try err.close()
        return Result(status: p.terminationStatus, stdout: try Data(contentsOf: outFile),
                      stderr: String(decoding: try Data(contentsOf: errFile), as: UTF8.self))
    }

    static func run(_ arguments: [String], input: String, environment: [String: String] = [:]) throws -> Result {
        try run(arguments, stdin: Data(input.utf8), environment: environment)
    }

    static func fixture(_ name: String) -> String { "\(testsDirectory)/Fixtures/\(name)" }

    /// Compares `actual` with `Snapshots/<name>.txt`. With RECORD_SNAPSHOTS set, writes it
    /// instead and fails, so a recording is never taken for a pass.
    static func assertSnapshot(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let path = "\(testsDirectory)/Snapshots/\(name).txt"
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil {
            FileManager.default.createFile(atPath: path, contents: Data(actual.utf8))
            Issue.record("recorded snapshot \(name): review it and run again without RECORD_SNAPSHOTS", sourceLocation: sourceLocation)
            return
        }
        guard let expected = FileManager.default.contents(atPath: path) else {
            Issue.record("missing snapshot \(path) (record it with RECORD_SNAPSHOTS=1)", sourceLocation: sourceLocation)
            return
        }
        #expect(actual == String(decoding: expected, as: UTF8.self), "snapshot \(name)", sourceLocation: sourceLocation)
    }
}
