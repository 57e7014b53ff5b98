/** The errors an archive reports: each names the file and says what happened and where. */

/** The file is not an archive of this format (bad magic, version, header checksum). */
export class ArchiveFormatError extends Error {
  constructor(
    readonly path: string,
    detail: string,
  ) {
    super(`${path}: not a readable coralseq archive: ${detail}`);
    this.name = "ArchiveFormatError";
  }
}

/**
 * Records inside the file fail their checksum or break the sequence while valid records follow: damage in the
 * middle of the file (a bit flip, a bad sector), not a torn write at the end. Reported with the first sequence
 * number that cannot be trusted; nothing from there on is served as if it were good.
 */
export class ArchiveCorruptionError extends Error {
  constructor(
    readonly path: string,
    /** The first sequence number whose record is damaged (the one expected after the last good record). */
    readonly sequence: number,
    /** Byte offset of the damaged record in the data file. */
    readonly fileOffset: number,
    detail: string,
  ) {
    super(`${path}: archive corrupted starting at sequence ${sequence} (byte offset ${fileOffset}): ${detail}`);
    this.name = "ArchiveCorruptionError";
  }
}

/**
 * Writing or syncing the archive failed (disk full, I/O error, file closed): the messages of the failed batch
 * are NOT durable and must not be published. `code` is the system error code (ENOSPC, EIO, …) when known.
 */
export class ArchiveWriteError extends Error {
  constructor(
    readonly path: string,
    readonly code: string,
    /** First and last sequence of the batch that could not be persisted. */
    readonly firstSequence: number,
    readonly lastSequence: number,
    detail: string,
  ) {
    super(`${path}: cannot persist sequences ${firstSequence}..${lastSequence}: ${code} ${detail}`);
    this.name = "ArchiveWriteError";
  }
}
