// UncheckedSendable.swift — handing a value to worker threads.

/// A value handed to worker threads that only read it, or write disjoint slots of it (a
/// buffer each thread fills its own part of). The caller vouches for that.
public struct UncheckedSendable<T>: @unchecked Sendable {
    public let value: T
    public init(_ value: T) { self.value = value }
}
