import CGSL

/// Discrete Fourier transform of real data of any length, over GSL's mixed-radix real FFT.
///
/// Plans (wavetable and workspace) are made once per length and reused, so transforming
/// many streams of the same length pays set-up once. A plan is not shared between threads.
public final class RealFFT {
    public let length: Int
    private let wavetable: UnsafeMutablePointer<gsl_fft_real_wavetable>
    private let workspace: UnsafeMutablePointer<gsl_fft_real_workspace>

    public init(length: Int) throws(NumericsError) {
        _ = SpecialFunctions.gslReady
        precondition(length > 0)
        guard let wt = gsl_fft_real_wavetable_alloc(length) else {
            throw NumericsError(function: "RealFFT(length: \(length))", status: Int32(GSL_ENOMEM), reason: "cannot allocate wavetable")
        }
        guard let ws = gsl_fft_real_workspace_alloc(length) else {
            gsl_fft_real_wavetable_free(wt)
            throw NumericsError(function: "RealFFT(length: \(length))", status: Int32(GSL_ENOMEM), reason: "cannot allocate workspace")
        }
        self.length = length
        self.wavetable = wt
        self.workspace = ws
    }

    deinit {
        gsl_fft_real_wavetable_free(wavetable)
        gsl_fft_real_workspace_free(workspace)
    }

    /// Transforms `data` (length `length`) in place into GSL's half-complex packing:
    /// data[0] = Re X₀, then (Re Xₖ, Im Xₖ) pairs for k = 1…⌊(n−1)/2⌋, then Re X_{n/2} when n is even.
    public func transform(_ data: inout [Double]) throws(NumericsError) {
        precondition(data.count == length, "data length must equal the plan length")
        let status = data.withUnsafeMutableBufferPointer { gsl_fft_real_transform($0.baseAddress, 1, length, wavetable, workspace) }
        if status != Int32(GSL_SUCCESS) {
            throw NumericsError(function: "RealFFT.transform(length: \(length))", status: status, reason: String(cString: gsl_strerror(status)))
        }
    }

    /// The moduli |X_k| for k = 0…⌊n/2⌋ of the transform of `data`.
    public func magnitudes(of data: [Double]) throws(NumericsError) -> [Double] {
        var x = data
        try transform(&x)
        let n = length
        var out = [Double](repeating: 0, count: n / 2 + 1)
        out[0] = abs(x[0])
        var k = 1
        while 2 * k < n {
            let re = x[2 * k - 1], im = x[2 * k]
            out[k] = (re * re + im * im).squareRoot()
            k += 1
        }
        if n % 2 == 0 { out[n / 2] = abs(x[n - 1]) }
        return out
    }
}
