import ArgumentParser
import RandomnessCore

extension InputFormat: ExpressibleByArgument {}
extension BitOrder: ExpressibleByArgument {}

/// Where the input comes from and how its bytes decode; shared by every command that reads data.
struct InputOptions: ParsableArguments {
    @Argument(help: "Input file, character device (e.g. /dev/hwrng, with --bytes) or '-' for standard input.")
    var input: String

    @OptionGroup var decodingOptions: DecodingArguments

    var source: InputSource { InputSource(path: input) }

    var decoding: DecodingOptions { decodingOptions.decoding }

    var byteLimit: Int? { decodingOptions.byteLimit }
}

/// How input bytes decode (format, bit order, sample width) and how many to read; shared by
/// the commands that read one input (`InputOptions`) and by `batch`.
struct DecodingArguments: ParsableArguments {
    @Option(help: ArgumentHelp("Input format: raw, ascii01, hex or samples (one sample per byte).", valueName: "format"))
    var format: InputFormat = .raw

    @Option(name: .customLong("bit-order"), help: ArgumentHelp("Bit order within a byte for raw and hex input: msb or lsb.", valueName: "order"))
    var bitOrder: BitOrder = .msb

    @Option(name: .customLong("bits-per-symbol"), parsing: .unconditional, help: ArgumentHelp("Bits per sample, 1…8 (samples format: inferred from the data when absent).", valueName: "n"))
    var bitsPerSymbol: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp("Read exactly this many bytes (the first N of a file; fewer is an error); K, M, G mean 2^10, 2^20, 2^30. Required for devices.", valueName: "n"))
    var bytes: String?

    func validate() throws {
        if let bitsPerSymbol, !(1...8).contains(bitsPerSymbol) {
            throw ValidationError("--bits-per-symbol must be between 1 and 8 (got \(bitsPerSymbol))")
        }
        if let bytes {
            do { _ = try ByteCount.parse(bytes) } catch { throw ValidationError(error.description) }
        }
    }

    var decoding: DecodingOptions { DecodingOptions(format: format, bitOrder: bitOrder, bitsPerSymbol: bitsPerSymbol) }

    var byteLimit: Int? { bytes.flatMap { try? ByteCount.parse($0) } }
}
