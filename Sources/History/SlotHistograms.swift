import GRDB

/// The ten-bin p-value histograms of one SP 800-22 test's slots, as the history stores them:
/// one text value, slots separated by ";" and bins by "," ("3,1,0,…;…"). Compact and parsed
/// without a JSON decoder, so a history of 10,000 reports (150,000 tests) reads quickly.
/// Encodes as an array of arrays in JSON.
public struct SlotHistograms: Codable, Sendable, Equatable, DatabaseValueConvertible {
    public var slots: [[Int]]

    public init(_ slots: [[Int]]) { self.slots = slots }

    public init(from decoder: any Decoder) throws { slots = try decoder.singleValueContainer().decode([[Int]].self) }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(slots)
    }

    public var databaseValue: DatabaseValue {
        slots.map { $0.map(String.init).joined(separator: ",") }.joined(separator: ";").databaseValue
    }

    public static func fromDatabaseValue(_ value: DatabaseValue) -> SlotHistograms? {
        guard let text = String.fromDatabaseValue(value) else { return nil }
        return parse(text)
    }

    /// Parses the stored form; nil for anything else (a non-digit, an empty bin).
    static func parse(_ text: String) -> SlotHistograms? {
        var slots: [[Int]] = []
        var slot: [Int] = []
        var number = 0, digits = 0
        func endNumber() -> Bool {
            guard digits > 0 else { return false }
            slot.append(number)
            number = 0
            digits = 0
            return true
        }
        let bytes = text.utf8
        if bytes.isEmpty { return SlotHistograms([]) }
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard digits < 18 else { return nil }
                number = number * 10 + Int(byte - UInt8(ascii: "0"))
                digits += 1
            case UInt8(ascii: ","):
                guard endNumber() else { return nil }
            case UInt8(ascii: ";"):
                guard endNumber() else { return nil }
                slots.append(slot)
                slot = []
            default:
                return nil
            }
        }
        guard endNumber() else { return nil }
        slots.append(slot)
        return SlotHistograms(slots)
    }
}
