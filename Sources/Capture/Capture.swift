/// Capturing entropy streams from files, devices, stdin and the network, with continuous
/// health tests, an atomic output file and a manifest.
public enum Capture {}
