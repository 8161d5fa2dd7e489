// PairBatch.swift — many article pairs, aligned on several threads, delivered in order.
import BitextCore
import Dispatch
import Synchronization

extension DocumentAligner {
    /// Aligns `count` article pairs on `jobs` threads and hands each result to `deliver`, on
    /// the calling thread, in pair order (0, 1, 2 …).
    ///
    /// `load(i)` reads pair `i` on a worker thread; an error it throws is delivered in place of
    /// that pair's alignment and the batch goes on. Each thread keeps one linker (made by
    /// `makeLinker`) for all the pairs it aligns, so a name that recurs across a corpus is
    /// transliterated once per thread, not once per pair; a pair's alignment depends neither
    /// on the pairs before it nor on `jobs`. With more than one thread, each linker prepares
    /// names on its own thread only (the pairs already keep the cores busy). At most `window`
    /// pairs are read and held at a time.
    ///
    ///     let pairs: [(en: String, ar: String)] = …   // file paths
    ///     DocumentAligner().alignPairs(count: pairs.count, load: { i in
    ///         (try read(pairs[i].en), try read(pairs[i].ar))
    ///     }) { i, result in
    ///         if case .success(let a) = result { print(i, a.entities.count) }
    ///     }
    public func alignPairs(count: Int, jobs: Int = 2, window: Int = 32,
                           makeLinker: @escaping @Sendable () -> EntityLinker? = { EntityLinker() },
                           load: @escaping @Sendable (Int) throws -> (english: String, arabic: String),
                           deliver: (Int, Result<DocumentAlignment, any Error>) -> Void) {
        guard count > 0 else { return }
        let jobs = max(1, min(jobs, count))
        let window = max(jobs, window)
        // One linker per thread, made on first use; a thread touches only its own slot.
        let linkers = UnsafeMutableBufferPointer<EntityLinker??>.allocate(capacity: jobs)
        linkers.initialize(repeating: nil)
        defer { linkers.deinitialize().deallocate() }
        let results = UnsafeMutableBufferPointer<Result<DocumentAlignment, any Error>?>.allocate(capacity: window)
        results.initialize(repeating: nil)
        defer { results.deinitialize().deallocate() }
        let shared = UncheckedSendable((self, linkers, results))
        for first in stride(from: 0, to: count, by: window) {
            let end = min(count, first + window)
            let next = Atomic<Int>(first)
            DispatchQueue.concurrentPerform(iterations: min(jobs, end - first)) { t in
                let (aligner, linkers, results) = shared.value
                while true {
                    let i = next.add(1, ordering: .relaxed).oldValue
                    if i >= end { break }
                    if linkers[t] == nil {
                        var made = makeLinker()
                        if jobs > 1 { made?.preparationThreads = 1 }
                        linkers[t] = .some(made)
                    }
                    results[i - first] = Result {
                        let pair = try load(i)
                        return aligner.align(english: pair.english, arabic: pair.arabic, linker: &linkers[t]!)
                    }
                }
            }
            for i in first..<end {
                deliver(i, results[i - first]!)
                results[i - first] = nil
            }
        }
    }
}
