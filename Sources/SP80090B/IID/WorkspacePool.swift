import Synchronization

/// Reuses permutation workspaces (and the size model's sort buffers inside them) across
/// rounds: a worker takes one, uses it alone, and gives it back.
final class WorkspacePool: Sendable {
    /// A workspace handed between threads; only one thread uses it at a time.
    private struct Box: @unchecked Sendable { let workspace: PermutationWorkspace }

    private let idle = Mutex<[Box]>([])
    private let calculator: PermutationStatisticsCalculator
    private let engine: IIDOptions.CompressionEngine

    init(calculator: PermutationStatisticsCalculator, engine: IIDOptions.CompressionEngine) {
        self.calculator = calculator
        self.engine = engine
    }

    /// Runs `body` with a workspace no other thread is using.
    func withWorkspace<T>(_ body: (PermutationWorkspace) -> T) -> T {
        let box = idle.withLock { $0.popLast() } ?? Box(workspace: calculator.makeWorkspace(engine: engine))
        defer { idle.withLock { $0.append(box) } }
        return body(box.workspace)
    }
}
