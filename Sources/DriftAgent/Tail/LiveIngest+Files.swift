import DriftCore
import DriftIngest
import DriftStore

#if canImport(Glibc)
    import Glibc
#endif

extension LiveIngest {
    /// Expands the globs and reconciles them with the followed files.
    func discover() throws {
        let wall = now()
        var atPath: [String: (device: UInt64, inode: UInt64)] = [:]
        for path in Self.expand(patterns) {
            var info = stat()
            guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
            let device = UInt64(info.st_dev)
            let inode = UInt64(info.st_ino)
            atPath[path] = (device, inode)
            if let file = files.first(where: { $0.device == device && $0.inode == inode }) {
                file.path = path
                if case .rotated = file.state { file.state = .following }
                continue
            }
            if Self.isGzip(path) {
                try readArchive(path, device: device, inode: inode, size: Int64(info.st_size))
                continue
            }
            let descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else {
                notices.append("\(path): cannot open: \(String(cString: strerror(errno))); will retry")
                continue
            }
            let file = TailedFile(
                path: path, descriptor: descriptor, device: device, inode: inode,
                maximumLineBytes: configuration.maximumLineBytes, wallNow: wall)
            if isCopyOfOpenFile(file) { continue }  // decided once the original is truncated (or never)
            try identify(file)
            files.append(file)
        }
        for file in files where file.state == .following {
            if let current = atPath[file.path], current.device == file.device, current.inode == file.inode { continue }
            file.state = .rotated(since: wall)
        }
    }

    /// Whether `file` starts with the same bytes as a file being read: a copy (copy-truncate before
    /// the truncation, or a plain `cp` of a live log), whose lines the original delivers.
    func isCopyOfOpenFile(_ file: TailedFile) -> Bool {
        isCopyOfOpenFile(head: file.head(count: SourceIdentity.fingerprintBytes))
    }

    /// Whether content starting with `head` is that of a file being read.
    func isCopyOfOpenFile(head: [UInt8]) -> Bool {
        guard !head.isEmpty else { return false }
        return files.contains { open in
            if let record = open.record { return SourceIdentity.isPrefix(record.fingerprint, of: head) }
            // Not identified yet (too short so far): the same content if one head starts the other.
            let openHead = open.head(count: SourceIdentity.fingerprintBytes)
            let shorter = min(openHead.count, head.count)
            return shorter > 0 && openHead.prefix(shorter) == head.prefix(shorter)
        }
    }

    /// Finds the file's saved position by its content fingerprint, and checks it still applies.
    func identify(_ file: TailedFile) throws {
        let head = file.head(count: SourceIdentity.fingerprintBytes)
        // Too short to be told apart from another file's copy: wait for more bytes, unless the file
        // will not grow any more (rotated away or deleted).
        let settled = now() - file.lastChange >= smallFileWait
        guard
            head.count >= SourceIdentity.minimumMovedPrefix || (!head.isEmpty && (file.state != .following || settled))
        else { return }
        let maximum = configuration.maximumLineBytes
        let retired = handoff.last { SourceIdentity.isPrefix($0.fingerprint, of: head) }
        guard
            let existing = try retired
                ?? SourceIdentity.lookup(
                    head: head, path: file.path, device: file.device, inode: file.inode, store: store)
        else {
            file.record = IngestFileRecord(
                path: file.path, device: file.device, inode: file.inode,
                fingerprint: SourceIdentity.fingerprint(head[...]), size: 0, offset: 0, tailHash: 0, lines: 0,
                badLines: 0, updatedMs: now())
            file.seek(to: 0, maximumLineBytes: maximum)
            return
        }
        // A copy of content whose original was truncated (copy-truncate) continues from the retired
        // record: where reading the original stopped, not its last checkpoint.
        var record = existing
        let size = file.status()?.size ?? 0
        let tailMatches =
            record.tailHash == 0
            || SourceIdentity.tailHash(descriptor: file.descriptor, offset: record.offset) == record.tailHash
        if record.offset > size || !tailMatches {
            notices.append(
                "\(file.path): the bytes before the saved offset \(record.offset) changed "
                    + (record.offset > size ? "(the file is shorter)" : "(content differs)")
                    + "; reading it again from the start")
            record.offset = 0
            record.tailHash = 0
        }
        file.record = record
        // What the file's accounting holds so far (nothing after a restart; the old content's lines
        // after a truncation) is in the records already: the checkpoint adds only what follows.
        file.committed = (file.accounting.lines, file.accounting.badLineTotal)
        file.seek(to: record.offset, maximumLineBytes: maximum)
    }

    /// Reads what is new in `file` (up to the read budget).
    func read(_ file: TailedFile, into progress: inout Progress) throws {
        guard let status = file.status() else { return }
        if status.links == 0, file.state == .following { file.state = .deleted }
        let headChanged =
            file.record.map { record in
                !SourceIdentity.isPrefix(record.fingerprint, of: file.head(count: SourceIdentity.fingerprintBytes))
            } ?? false
        let rewritten =
            headChanged
            || (status.size >= file.readOffset && file.readTailHash != nil
                && SourceIdentity.tailHash(descriptor: file.descriptor, offset: file.readOffset) != file.readTailHash)
        if status.size < file.readOffset || rewritten {
            notices.append(
                "\(file.path): "
                    + (rewritten
                        ? "rewritten before offset \(file.readOffset)"
                        : "truncated from \(file.readOffset) to \(status.size) bytes")
                    + " (copy-truncate); reading it from the start")
            retire(file)
        }
        if file.record == nil {
            if status.size != file.lastSize {
                file.lastSize = status.size
                file.lastChange = now()
            }
            try identify(file)
            guard file.record != nil else { return }
        }
        var failure: (any Error)?
        var budget = readBudget
        var readAny = false
        aggregator.startSource()
        while budget > 0 {
            let got = Glibc.read(file.descriptor, buffer.baseAddress, min(buffer.count, budget))
            if got < 0, errno == EINTR { continue }
            guard got > 0 else { break }
            readAny = true
            budget -= got
            progress.bytes += Int64(got)
            counters.bytes += Int64(got)
            let before = file.accounting.lines
            file.splitter.feed(UnsafeRawBufferPointer(rebasing: buffer[0..<got])) { line in
                guard failure == nil else { return }
                do { try file.accounting.fold(line, into: &aggregator, now: now()) } catch { failure = error }
            }
            if let failure { throw failure }
            progress.lines += file.accounting.lines - before
        }
        if readAny {
            file.isDirty = true
            file.lastChange = now()
            file.readTailHash = SourceIdentity.tailHash(descriptor: file.descriptor, offset: file.readOffset)
            file.committedTailHash =
                SourceIdentity.tailHash(descriptor: file.descriptor, offset: file.committedOffset) ?? 0
        }
        syncCounters()
    }

    /// Ends the identity of a truncated file: its old content's record is written at the next
    /// checkpoint with the position reading stopped at, and the file is read again from its start.
    /// The bad lines of the old content read since the last checkpoint go with its record, so each
    /// identity's `bad_lines` stays the sum of its per-reason counts.
    func retire(_ file: TailedFile) {
        if var old = file.record {
            let offset = file.committedOffset
            old.path = file.path
            old.offset = offset
            old.size = max(old.size, offset)
            old.tailHash = 0
            old.lines += file.accounting.lines - file.committed.lines
            old.badLines += file.accounting.badLineTotal - file.committed.bad
            old.updatedMs = now()
            retiredRecords.append((old, file.accounting.takeDeltas(fingerprint: old.fingerprint)))
            handoff.append(old)
            file.committed = (file.accounting.lines, file.accounting.badLineTotal)
        }
        file.record = nil
        file.readTailHash = nil
        file.seek(to: 0, maximumLineBytes: configuration.maximumLineBytes)
    }

    /// Marks files that were rotated away or deleted and are read to their end for release; their
    /// last line, if it never got its newline, is complete now.
    func releaseFinished() {
        let wall = now()
        for file in files where !file.isReleasing {
            guard let status = file.status(), file.readOffset >= status.size else { continue }
            switch file.state {
            case .following: continue
            case .rotated:
                guard wall - file.lastChange >= rotateWait else { continue }
            case .deleted: break
            }
            var failure: (any Error)?
            file.splitter.finish { line in
                guard failure == nil else { return }
                do { try file.accounting.fold(line, into: &aggregator, now: now()) } catch { failure = error }
            }
            file.committedTailHash =
                SourceIdentity.tailHash(descriptor: file.descriptor, offset: file.committedOffset) ?? 0
            file.isReleasing = true
            file.isDirty = true
            if let failure { notices.append("\(file.path): \(failure)") }
        }
        syncCounters()
    }

    /// Reads a compressed rotated file once, skipping what its plain self already contributed.
    func readArchive(_ path: String, device: UInt64, inode: UInt64, size: Int64) throws {
        let key = "\(device):\(inode):\(size)"
        guard !finishedArchives.contains(key) else { return }
        let source: ByteSource
        do {
            source = try ByteSource(path: path)
        } catch {
            notices.append("\(error)")
            finishedArchives.insert(key)
            return
        }
        var whole: [UInt8] = []
        while try source.read({ whole.append(contentsOf: $0) }) {}
        let head = Array(whole.prefix(SourceIdentity.fingerprintBytes))
        if isCopyOfOpenFile(head: head) { return }  // its plain self is still being read: decide once released
        // A compressed copy of a file truncated since the last checkpoint (logrotate's copytruncate
        // with compress) continues where reading the original stopped, like a plain copy.
        let existing =
            try handoff.last { SourceIdentity.isPrefix($0.fingerprint, of: head) }
            ?? SourceIdentity.lookup(head: head, path: path, device: device, inode: inode, store: store)
        finishedArchives.insert(key)
        var record =
            existing
            ?? IngestFileRecord(
                path: path, device: device, inode: inode, fingerprint: SourceIdentity.fingerprint(head[...]), size: 0,
                offset: 0, tailHash: 0, lines: 0, badLines: 0, updatedMs: now())
        guard Int64(whole.count) > record.offset else { return }
        var accounting = SourceAccounting(path: path)
        var splitter = LineSplitter(configuration: .init(maximumLineLength: configuration.maximumLineBytes))
        var failure: (any Error)?
        let resumeAt = record.offset
        aggregator.startSource()
        let handle = { (line: LineSplitter.Line) in
            guard failure == nil, line.offset >= resumeAt else { return }
            do { try accounting.fold(line, into: &self.aggregator, now: self.now()) } catch { failure = error }
        }
        whole.withUnsafeBytes { splitter.feed($0, handle) }
        splitter.finish(handle)
        if let failure { throw failure }
        record.path = path
        record.offset = Int64(whole.count)
        record.size = record.offset
        record.lines += accounting.lines
        record.badLines += accounting.badLineTotal
        record.updatedMs = now()
        counters.bytes += Int64(whole.count) - resumeAt
        archives.append((record, accounting))
        syncCounters()
    }

    private func syncCounters() {
        var lines: Int64 = 0
        var counted: Int64 = 0
        var bad: [String: Int64] = [:]
        for file in files {
            lines += file.accounting.lines
            counted += file.accounting.counted
            bad.merge(file.accounting.badLines, uniquingKeysWith: +)
        }
        for archive in archives {
            lines += archive.accounting.lines
            counted += archive.accounting.counted
            bad.merge(archive.accounting.badLines, uniquingKeysWith: +)
        }
        counters.lines = retired.lines + lines
        counters.counted = retired.counted + counted
        counters.badLines = retired.badLines.merging(bad, uniquingKeysWith: +)
    }

    static func isGzip(_ path: String) -> Bool {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var magic: (UInt8, UInt8) = (0, 0)
        let got = withUnsafeMutableBytes(of: &magic) { Glibc.read(descriptor, $0.baseAddress, 2) }
        return got == 2 && magic.0 == 0x1f && magic.1 == 0x8b
    }

    /// Every regular file the globs match now (a glob matching nothing is not an error here).
    static func expand(_ patterns: [String]) -> [String] {
        var paths: [String] = []
        for pattern in patterns {
            if let matched = try? PathExpansion.expand([pattern]) { paths += matched }
        }
        var seen = Set<String>()
        return paths.filter { seen.insert($0).inserted }
    }
}
