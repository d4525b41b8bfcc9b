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
        setMmapThreshold(1 << 16)
    }

    /// Fixes glibc's mmap threshold at `bytes` and its trim threshold at twice that (the
    /// relation glibc keeps while it moves the threshold itself): blocks at least `bytes`
    /// large are mapped and unmapped one by one, smaller ones come from the heap, and the heap
    /// is given back to the system only when more than 2 · `bytes` are free at its top. A
    /// program that allocates and frees blocks of a few hundred KiB at a high rate (the
    /// capture's health tests on a source that alarms constantly) wants both high; 32 MiB is
    /// glibc's own ceiling for its moving threshold.
    public static func setMmapThreshold(_ bytes: Int32) {
        #if canImport(Glibc)
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        let mmapThreshold: Int32 = -3  // M_MMAP_THRESHOLD in <malloc.h>
        let trimThreshold: Int32 = -1  // M_TRIM_THRESHOLD
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        _ = mallopt(mmapThreshold, bytes)
        _ = mallopt(trimThreshold, bytes.multipliedReportingOverflow(by: 2).overflow ? Int32.max : bytes * 2)
        #endif
    }
}
