/**
 * Session archives (docs/ARCHIVE.md): the file format's reader and writer, the sequencer's persistence, the
 * archiver, the logger node, offline replay and the readable formatter.
 */
export { ArchiveCorruptionError, ArchiveFormatError, ArchiveWriteError } from "./archive-errors.js";
export { type ArchiveFs, nodeArchiveFs } from "./archive-fs.js";
export { ArchiveCursor, ArchiveReader, type ArchiveReaderOptions } from "./archive-reader.js";
export { ArchiveWriter, type ArchiveWriterOptions, DURABILITY_POLICIES, type DurabilityPolicy } from "./archive-writer.js";
export { ArchivedSessionStore } from "./archived-session-store.js";
export { Archiver, type ArchiverOptions } from "./archiver.js";
export { crc32c } from "./crc32c.js";
export { LoggerNode, type LoggerNodeOptions } from "./logger-node.js";
export { MessageFormatter } from "./message-formatter.js";
export { type OfflineReplayOptions, type OfflineReplayResult, replayArchive } from "./offline-replay.js";
export { type RecoveredSession, SequencerArchive, type SequencerArchiveOptions, type SequencerPersistence } from "./sequencer-archive.js";
export { StreamArchive, type StreamArchiveOptions } from "./stream-archive.js";
