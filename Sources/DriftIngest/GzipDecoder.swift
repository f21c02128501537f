// DriftIngest: from bytes on disk to typed records.
//
// What belongs here: sources (plain and gzip files, stdin), large buffered reads, line splitting,
// the on-demand JSON field extractor, timestamp parsing, and mapping a line to a record per the
// configured field paths. The per-line path allocates nothing and never throws: a bad line is
// classified by reason and counted. What does not: windows, scores, SQL.
import CZlib

/// Inflates a gzip stream (RFC 1952) of one or more concatenated members with zlib.
///
/// A class because it owns the zlib state, whose address must stay fixed between calls.
/// Output is handed out in blocks of at most `outputCapacity` bytes from one reused buffer.
final class GzipDecoder {
    /// Where the decoder stands between calls to ``decode(_:_:)``.
    private enum State {
        /// No member started yet, or the last one ended exactly at an input boundary.
        case betweenMembers(completed: Int)
        /// Inside a member: running out of input now means the stream is truncated.
        case inMember(completed: Int)
    }

    /// A zlib failure, with how many bytes of the current input were consumed before it.
    struct Failure: Error {
        var consumed: Int
        var message: String
    }

    private let stream: UnsafeMutablePointer<z_stream>
    private let output: UnsafeMutableRawBufferPointer
    private var state = State.betweenMembers(completed: 0)

    /// Creates a decoder whose output blocks hold at most `outputCapacity` bytes.
    init(outputCapacity: Int) throws(Failure) {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        output = .allocate(byteCount: max(outputCapacity, 4096), alignment: 16)
        // 15 + 32: the largest window, and detect a gzip (or zlib) header automatically.
        let status = inflateInit2_(stream, 15 + 32, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            stream.deallocate()
            output.deallocate()
            throw Failure(consumed: 0, message: "zlib initialisation failed (\(status))")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
        output.deallocate()
    }

    /// Whether the input so far ends inside a member, i.e. end of input now would be a truncation.
    var isInsideMember: Bool {
        if case .inMember = state { return true }
        return false
    }

    /// Inflates all of `input`, handing each block of output to `body` as soon as it is produced.
    ///
    /// A new member may start anywhere after the previous one ends (concatenated gzip files).
    /// On corrupt data, the output before the damage has been delivered when this throws.
    /// - Throws: ``Failure`` with the number of bytes of `input` consumed before the damage.
    /// - Complexity: O(`input.count` + output size).
    func decode(_ input: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) -> Void) throws(Failure) {
        guard let base = input.baseAddress, input.count > 0 else { return }
        precondition(input.count <= Int(UInt32.max), "gzip input block too large")
        stream.pointee.next_in = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: UInt8.self))
        stream.pointee.avail_in = UInt32(input.count)
        defer {
            stream.pointee.next_in = nil
            stream.pointee.avail_in = 0
        }
        while true {
            if case .betweenMembers(let completed) = state {
                if stream.pointee.avail_in == 0 { return }
                if completed > 0 { inflateReset(stream) }
                state = .inMember(completed: completed)
            }
            let availableBefore = stream.pointee.avail_in
            stream.pointee.next_out = output.baseAddress?.assumingMemoryBound(to: UInt8.self)
            stream.pointee.avail_out = UInt32(output.count)
            let status = inflate(stream, Z_NO_FLUSH)
            let produced = output.count - Int(stream.pointee.avail_out)
            if produced > 0 { body(UnsafeRawBufferPointer(rebasing: output[0..<produced])) }
            switch status {
            case Z_STREAM_END:
                if case .inMember(let completed) = state { state = .betweenMembers(completed: completed + 1) }
            case Z_OK, Z_BUF_ERROR:
                let stalled = produced == 0 && stream.pointee.avail_in == availableBefore
                if stream.pointee.avail_in == 0 && stream.pointee.avail_out != 0 { return }
                if stalled { throw failure(input, "inflate made no progress") }
            default:
                throw failure(input, stream.pointee.msg.map { String(cString: $0) } ?? "inflate error \(status)")
            }
        }
    }

    private func failure(_ input: UnsafeRawBufferPointer, _ message: String) -> Failure {
        Failure(consumed: input.count - Int(stream.pointee.avail_in), message: message)
    }
}
