/// Capturing entropy streams from files, devices, pipes, stdin and the network, with
/// continuous health tests (SP 800-90B §4.4), an atomically written output file and a
/// manifest; and a deterministic, fault-injecting simulator.
///
/// The pieces: a `CaptureSourceSpec` names a source and `CaptureSourceSpec.open` gives a
/// `ByteSource`; `CaptureSession` reads it through a pipeline (health tests, file writer,
/// SHA-256) under a `RetryPolicy` and a `StopSignal`; `CaptureToFile` ties a session to
/// an `AtomicFileStream` and writes the `CaptureManifest`. `FaultySource` simulates a
/// generator with chosen faults.
public enum Capture {}
