// ByteWriter.swift — a growable raw byte buffer for the normalization engine's output.
import BitextCore

/// Raw output buffer: the engine checks capacity once per write and copies with memcpy.
@usableFromInline
struct ByteWriter {
    @usableFromInline var base: UnsafeMutablePointer<UInt8>
    @usableFromInline var count = 0
    @usableFromInline var capacity: Int

    @usableFromInline init(capacity: Int) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    @usableFromInline func free() { base.deallocate() }

    @inlinable @inline(__always)
    mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(count + extra) }
    }

    @usableFromInline mutating func grow(_ needed: Int) {
        let newCapacity = max(needed, capacity * 2)
        let b = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        b.update(from: base, count: count)
        base.deallocate()
        base = b
        capacity = newCapacity
    }

    @inlinable @inline(__always)
    mutating func append(_ p: UnsafePointer<UInt8>, _ n: Int) {
        reserve(n)
        (base + count).update(from: p, count: n)
        count += n
    }

    @inlinable @inline(__always)
    mutating func append(byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    mutating func append(scalar: UInt32) {
        reserve(4)
        if scalar < 0x80 {
            base[count] = UInt8(scalar)
            count += 1
        } else if scalar < 0x800 {
            base[count] = UInt8(0xC0 | scalar >> 6)
            base[count + 1] = UInt8(0x80 | scalar & 0x3F)
            count += 2
        } else if scalar < 0x10000 {
            base[count] = UInt8(0xE0 | scalar >> 12)
            base[count + 1] = UInt8(0x80 | (scalar >> 6) & 0x3F)
            base[count + 2] = UInt8(0x80 | scalar & 0x3F)
            count += 3
        } else {
            base[count] = UInt8(0xF0 | scalar >> 18)
            base[count + 1] = UInt8(0x80 | (scalar >> 12) & 0x3F)
            base[count + 2] = UInt8(0x80 | (scalar >> 6) & 0x3F)
            base[count + 3] = UInt8(0x80 | scalar & 0x3F)
            count += 4
        }
    }

    var buffer: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }
}

/// Receives the engine's offset bookkeeping. ``NoOffsets`` compiles to nothing.
@usableFromInline
protocol OffsetRecorder {
    associatedtype Mark
    mutating func copy(_ n: Int)
    mutating func replace(input: Int, output: Int)
    mutating func deleteAttached(_ n: Int)
    mutating func deleteStandalone(_ n: Int)
    mutating func insert(_ n: Int)
    var mark: Mark { get }
    mutating func restore(_ m: Mark)
}

@usableFromInline
struct NoOffsets: OffsetRecorder {
    @usableFromInline init() {}
    @inlinable @inline(__always) mutating func copy(_ n: Int) {}
    @inlinable @inline(__always) mutating func replace(input: Int, output: Int) {}
    @inlinable @inline(__always) mutating func deleteAttached(_ n: Int) {}
    @inlinable @inline(__always) mutating func deleteStandalone(_ n: Int) {}
    @inlinable @inline(__always) mutating func insert(_ n: Int) {}
    @inlinable @inline(__always) var mark: Void { () }
    @inlinable @inline(__always) mutating func restore(_ m: Void) {}
}

extension OffsetMapBuilder: OffsetRecorder {
    @usableFromInline var mark: Checkpoint { checkpoint }
}
