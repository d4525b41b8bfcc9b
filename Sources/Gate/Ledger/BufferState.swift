/// Where a buffer is in its life, as the ledger records it.
///
/// capturing → passed → exhausted (every leaf allocated), or capturing → quarantined (the
/// battery failed or a health test raised an alarm), or capturing → discarded (the source
/// ended before the buffer was full, or the gate stopped before its report was written).
/// Only `passed` buffers are ever served.
public enum BufferState: String, Codable, Sendable, CaseIterable {
    case capturing
    case passed
    case quarantined
    case exhausted
    case discarded
}
