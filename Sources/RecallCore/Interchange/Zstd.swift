import CZstd
import Foundation

/// zstd decompression through the system libzstd, bounded: current Anki packages compress their
/// collection, media list and media files, and a hostile package must not expand without limit.
enum Zstd {
    /// Whether `data` starts with a zstd frame's magic number.
    static func isCompressed(_ data: Data) -> Bool {
        data.starts(with: [0x28, 0xB5, 0x2F, 0xFD])
    }

    /// The decompressed bytes of `data` (one or more frames), at most `limit` of them.
    /// - Throws: `.zipBomb` beyond `limit`, `.notAnkiPackage` when the data is not valid zstd.
    static func decompress(_ data: Data, limit: Int, path: String, member: String) throws(InterchangeError)
        -> Data
    {
        guard let stream = ZSTD_createDStream() else {
            throw .notAnkiPackage(path: path, reason: "'\(member)' cannot be decompressed (out of memory)")
        }
        defer { ZSTD_freeDStream(stream) }
        ZSTD_initDStream(stream)
        var output = Data()
        let chunkSize = ZSTD_DStreamOutSize()
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        var failure: String?
        var finished = false
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            var input = ZSTD_inBuffer(src: raw.baseAddress, size: raw.count, pos: 0)
            while input.pos < input.size || !finished {
                let produced: Int
                let status = chunk.withUnsafeMutableBytes { buffer -> Int in
                    var out = ZSTD_outBuffer(dst: buffer.baseAddress, size: buffer.count, pos: 0)
                    let result = ZSTD_decompressStream(stream, &out, &input)
                    if ZSTD_isError(result) != 0 {
                        failure = String(cString: ZSTD_getErrorName(result))
                        return -1
                    }
                    output.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[..<out.pos]))
                    finished = result == 0
                    return out.pos
                }
                produced = status
                if produced < 0 { return }
                if output.count > limit {
                    failure = ""
                    return
                }
                // Input used up, the frame not finished, and nothing more came out: truncated.
                if input.pos == input.size && !finished && produced == 0 {
                    failure = "the data ends in the middle of a frame"
                    return
                }
            }
        }
        if let failure {
            if failure.isEmpty {
                throw .zipBomb(
                    path: path,
                    reason: "'\(member)' decompresses to more than \(InterchangeError.megabytes(limit))")
            }
            throw .notAnkiPackage(path: path, reason: "'\(member)' is not valid zstd data (\(failure))")
        }
        return output
    }
}

/// A minimal reader of protocol-buffer messages: just enough for Anki's package metadata, media
/// list, note-type, template and deck configs. Unknown fields are skipped; malformed data ends
/// the message (the caller treats missing fields as defaults).
struct ProtobufReader {
    enum Value {
        case varint(UInt64)
        case bytes([UInt8])
        /// A 32-bit value (wire type 5): a `float` or `fixed32`.
        case fixed32(UInt32)
        case other
    }

    /// The message's fields in order, as (field number, value); nil when the bytes are malformed.
    static func fields(_ bytes: [UInt8]) -> [(number: Int, value: Value)]? {
        var fields: [(Int, Value)] = []
        var index = 0
        func varint() -> UInt64? {
            var result: UInt64 = 0
            var shift: UInt64 = 0
            while index < bytes.count, shift < 64 {
                let byte = bytes[index]
                index += 1
                result |= UInt64(byte & 0x7F) << shift
                if byte & 0x80 == 0 { return result }
                shift += 7
            }
            return nil
        }
        while index < bytes.count {
            guard let key = varint() else { return nil }
            let number = Int(key >> 3)
            switch key & 7 {
            case 0:
                guard let value = varint() else { return nil }
                fields.append((number, .varint(value)))
            case 1:
                guard index + 8 <= bytes.count else { return nil }
                index += 8
                fields.append((number, .other))
            case 2:
                guard let length = varint(), length <= UInt64(bytes.count - index) else { return nil }
                fields.append((number, .bytes(Array(bytes[index..<index + Int(length)]))))
                index += Int(length)
            case 5:
                guard index + 4 <= bytes.count else { return nil }
                let value = (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[index + $1]) << (8 * $1) }
                index += 4
                fields.append((number, .fixed32(value)))
            default: return nil
            }
        }
        return fields
    }

    /// The last varint of field `number` (proto3: the last one wins), or nil.
    static func varint(_ number: Int, in fields: [(number: Int, value: Value)]) -> UInt64? {
        fields.last { $0.number == number && { if case .varint = $0 { true } else { false } }($0.value) }
            .flatMap { if case .varint(let value) = $0.value { value } else { nil } }
    }

    /// Every length-delimited value of field `number`, in order.
    static func bytes(_ number: Int, in fields: [(number: Int, value: Value)]) -> [[UInt8]] {
        fields.compactMap { field in
            guard field.number == number, case .bytes(let bytes) = field.value else { return nil }
            return bytes
        }
    }

    /// Field `number` as UTF-8 text (the last one), or nil.
    static func string(_ number: Int, in fields: [(number: Int, value: Value)]) -> String? {
        bytes(number, in: fields).last.map { String(decoding: $0, as: UTF8.self) }
    }
}
