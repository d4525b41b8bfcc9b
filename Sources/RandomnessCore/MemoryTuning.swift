#if canImport(Glibc)
import Glibc
#endif

/// Process-wide allocator settings, for programs (the CLI, benchmarks) to call at start-up.
public enum MemoryTuning {
    /// Fixes glibc's mmap threshold at 64 KiB. By default glibc raises the threshold each time
    /// a large block is freed, after which per-stream buffers (125 KB stream copies, 512 KB
    /// pattern histograms, FFT arrays) come from the heap and fragment it: SP 800-22 on
    /// 100 streams × 1 Mbit then peaks at 400 MB instead of 80 MB. `mallopt` is looked up at run time because
    /// <malloc.h> is not part of Swift's Glibc module; elsewhere this does nothing.
    public static func fixMmapThreshold() {
        #if canImport(Glibc)
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        let mmapThreshold: Int32 = -3  // M_MMAP_THRESHOLD in <malloc.h>
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        _ = unsafeBitCast(symbol, to: Mallopt.self)(mmapThreshold, 1 << 16)
        #endif
    }
}
