import CFFTW
import RandomnessCore
import Synchronization

/// Magnitudes of the discrete Fourier transform of a ±1 sequence, over FFTW's real-to-complex
/// transform (double precision; faster here than GSL's mixed-radix `RealFFT`, see
/// docs/sp800-22-deviations.md for the figures).
///
/// One FFTW plan per length is made once (FFTW_ESTIMATE, in place) under a lock, since
/// FFTW's planner is not thread-safe; transforms then run concurrently through
/// `fftw_execute_dft_r2c` on per-call buffers of the plan's alignment, which FFTW documents
/// as thread-safe (it is the only FFTW call made outside the lock).
/// Buffers are pooled so repeated streams of the same length reuse their memory.
enum Spectrum {
    /// The number of k in 0..<⌊n/2⌋ with |X_k| < threshold, where X = DFT(2ε − 1).
    /// (STS 2.1.2 counts over its magnitude array m[0..n/2−1]: X_{n/2} is never counted.)
    static func countBelow(_ threshold: Double, bits: BitSequence) -> Int {
        let n = bits.count
        let workspace = Workspace.take(length: n)
        defer { Workspace.give(workspace) }
        let data = workspace.buffer
        fillSigns(bits, into: data)
        let complex = UnsafeMutableRawPointer(data).assumingMemoryBound(to: fftw_complex.self)
        fftw_execute_dft_r2c(workspace.plan.handle, data, complex)
        let half = n / 2
        guard half > 0 else { return 0 }
        // X_0 is real; then (Re, Im) pairs.
        var count = abs(data[0]) < threshold ? 1 : 0
        var k = 1
        while k < half {
            let re = data[2 * k], im = data[2 * k + 1]
            if (re * re + im * im).squareRoot() < threshold { count += 1 }
            k += 1
        }
        return count
    }

    /// Writes 2ε_i − 1 as doubles, a byte at a time from a table of 8-value patterns.
    @inline(__always)
    static func fillSigns(_ bits: BitSequence, into data: UnsafeMutablePointer<Double>) {
        let n = bits.count
        let fullBytes = n / 8
        signPatterns.withUnsafeBufferPointer { patterns in
            bits.words.withUnsafeBufferPointer { words in
                var byte = 0
                while byte < fullBytes {
                    let b = Int(truncatingIfNeeded: words[byte >> 3] >> UInt64(56 - 8 * (byte & 7))) & 0xFF
                    (data + 8 * byte).update(from: patterns.baseAddress! + 8 * b, count: 8)
                    byte += 1
                }
            }
        }
        var i = fullBytes * 8
        while i < n {
            data[i] = bits[i] == 1 ? 1 : -1
            i += 1
        }
    }

    /// For each byte value, its 8 bits (most significant first) as ±1.
    static let signPatterns: [Double] = (0..<256 * 8).map { i in
        let byte = i >> 3, bit = i & 7
        return (byte >> (7 - bit)) & 1 == 1 ? 1 : -1
    }

    /// An FFTW plan; plans are immutable once made and shared by all threads.
    final class Plan: @unchecked Sendable {
        let handle: OpaquePointer
        init(handle: OpaquePointer) { self.handle = handle }
    }

    /// A buffer of 2(⌊n/2⌋ + 1) doubles for an in-place transform of length n, 64-byte
    /// aligned (Swift's allocator, not fftw_malloc, which FFTW does not promise thread-safe),
    /// so every buffer has the alignment the shared plan was made with.
    final class Workspace: @unchecked Sendable {
        let length: Int
        let buffer: UnsafeMutablePointer<Double>
        let plan: Plan

        private init(length: Int) {
            self.length = length
            let size = 2 * (length / 2 + 1)
            buffer = UnsafeMutableRawPointer.allocate(byteCount: size * MemoryLayout<Double>.stride, alignment: 64)
                .bindMemory(to: Double.self, capacity: size)
            plan = Workspace.plan(length: length, buffer: buffer)
        }

        deinit { UnsafeMutableRawPointer(buffer).deallocate() }

        private static let plans = Mutex<[Int: Plan]>([:])
        private static let pool = Mutex<[Workspace]>([])

        /// The shared in-place plan for `length`, made on first use. Planning with
        /// FFTW_ESTIMATE does not touch the buffer's contents.
        private static func plan(length: Int, buffer: UnsafeMutablePointer<Double>) -> Plan {
            plans.withLock { plans in
                if let plan = plans[length] { return plan }
                let complex = UnsafeMutableRawPointer(buffer).assumingMemoryBound(to: fftw_complex.self)
                let handle = fftw_plan_dft_r2c_1d(Int32(length), buffer, complex, UInt32(FFTW_ESTIMATE))!
                let plan = Plan(handle: handle)
                plans[length] = plan
                return plan
            }
        }

        static func take(length: Int) -> Workspace {
            let reused = pool.withLock { pool -> Workspace? in
                guard let i = pool.firstIndex(where: { $0.length == length }) else { return nil }
                return pool.remove(at: i)
            }
            return reused ?? Workspace(length: length)
        }

        /// Returns a workspace to the pool (at most `poolLimit` are kept).
        static func give(_ workspace: Workspace) {
            pool.withLock { pool in
                if pool.count < poolLimit { pool.append(workspace) }
            }
        }

        static let poolLimit = 8
    }
}
