/**
 * The session archive file: records round-trip exactly, seeks land on the right record through the index,
 * a torn tail is truncated on reopen, bit flips in the middle are reported with their sequence, and write
 * failures surface as errors while the file stays recoverable.
 */
import { appendFileSync, readFileSync, statSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ArchiveCorruptionError, ArchiveFormatError, ArchiveWriteError } from "../../runtime/archive/archive-errors.js";
import { ARCHIVE_HEADER_LENGTH, RECORD_HEADER_LENGTH } from "../../runtime/archive/archive-format.js";
import { ArchiveReader } from "../../runtime/archive/archive-reader.js";
import { ArchiveWriter, type DurabilityPolicy } from "../../runtime/archive/archive-writer.js";
import { crc32c } from "../../runtime/archive/crc32c.js";
import { Timestamp } from "../../runtime/protocol/timestamp.js";
import { block, FailingFs, tempDir } from "./helpers.js";

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups) c();
  cleanups = [];
});

function dir(): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}

/** Writes `count` messages of varying sizes, committing every `batch`. Returns the blocks written. */
function writeSession(path: string, count: number, options: { policy?: DurabilityPolicy; indexInterval?: number; batch?: number; finalize?: boolean } = {}): Uint8Array[] {
  const writer = ArchiveWriter.create(path, "2601020930", { policy: options.policy ?? "os", indexInterval: options.indexInterval ?? 16, createdMs: 1_767_346_200_000 });
  const blocks: Uint8Array[] = [];
  for (let s = 1; s <= count; s++) {
    const b = block(s, s % 3 === 0 ? "NODE2" : "NODE1", s, 16 + (s % 50) * 7);
    blocks.push(b);
    writer.append(s, b, 0, b.length);
    if (s % (options.batch ?? 10) === 0) writer.commit();
  }
  if (options.finalize) writer.finalize();
  writer.close();
  return blocks;
}

describe("CRC32C", () => {
  it("matches the standard check values", () => {
    expect(crc32c(new TextEncoder().encode("123456789"), 0, 9)).toBe(0xe3069283);
    expect(crc32c(new Uint8Array(32), 0, 32)).toBe(0x8a9136aa);
    expect(crc32c(new Uint8Array(32).fill(0xff), 0, 32)).toBe(0x62a8ab43);
    const data = Uint8Array.from({ length: 1000 }, (_, i) => (i * 37) & 0xff);
    expect(crc32c(data, 300, 700, crc32c(data, 0, 300))).toBe(crc32c(data, 0, 1000));
  });
});

describe("archive file", () => {
  it("round-trips every record byte for byte, with header fields, through the cursor", () => {
    const path = join(dir(), "s.coral");
    const blocks = writeSession(path, 500);
    const reader = ArchiveReader.open(path);
    expect(reader.session).toBe("2601020930");
    expect(reader.createdMs).toBe(1_767_346_200_000);
    expect(reader.lastSequence()).toBe(500);
    expect(reader.tornBytes).toBe(0);
    expect(reader.corruption).toBeNull();
    const cursor = reader.cursor();
    cursor.seek(1);
    const stamp = new Timestamp();
    let n = 0;
    while (cursor.next()) {
      const expected = blocks[n]!;
      expect(cursor.sequence).toBe(n + 1);
      expect(Buffer.compare(cursor.buffer.subarray(cursor.blockOffset, cursor.blockOffset + cursor.blockLength), expected)).toBe(0);
      expect(cursor.commandNumber()).toBe(n + 1);
      const v = new DataView(expected.buffer);
      expect(cursor.timestamp(stamp).toBigInt()).toBe(BigInt(v.getUint32(4, true)) * 2n ** 32n + BigInt(v.getUint32(0, true)));
      n++;
    }
    expect(n).toBe(500);
    reader.close();
  });

  it("seeks to any sequence through the sparse index, including the unindexed tail", () => {
    const path = join(dir(), "s.coral");
    writeSession(path, 1000, { indexInterval: 64 });
    const reader = ArchiveReader.open(path);
    expect(reader.indexEntries()).toBe(16); // sequences 1, 65, … 961
    expect(reader.indexEntriesOnDisk).toBe(16);
    const cursor = reader.cursor();
    for (const s of [1, 2, 64, 65, 66, 500, 961, 999, 1000, 3, 700]) {
      cursor.seek(s);
      expect(cursor.next()).toBe(true);
      expect(cursor.sequence).toBe(s);
      expect(cursor.view.getUint32(cursor.blockOffset + 40, true)).toBe(s);
    }
    cursor.seek(1001);
    expect(cursor.next()).toBe(false);
    reader.close();
  });

  it("rebuilds a missing or damaged index from the data", () => {
    const path = join(dir(), "s.coral");
    writeSession(path, 300, { indexInterval: 10 });
    writeFileSync(path + ".idx", "garbage");
    const reader = ArchiveReader.open(path);
    expect(reader.indexEntriesOnDisk).toBe(0);
    expect(reader.indexEntries()).toBe(30);
    expect(reader.lastSequence()).toBe(300);
    reader.close();
    // reopening for append rewrites it
    ArchiveWriter.openForAppend(path, { policy: "os" }).close();
    const again = ArchiveReader.open(path);
    expect(again.indexEntriesOnDisk).toBe(30);
    again.close();
  });

  it("truncates a torn record at the tail on reopen, logs it, and appends after the last whole record", () => {
    const path = join(dir(), "s.coral");
    writeSession(path, 100);
    const size = statSync(path).size;
    // A write cut short: the next record's first 30 bytes.
    const torn = block(101);
    const record = new Uint8Array(RECORD_HEADER_LENGTH + torn.length);
    new DataView(record.buffer).setUint32(4, torn.length, true);
    new DataView(record.buffer).setUint32(8, 101, true);
    record.set(torn, RECORD_HEADER_LENGTH);
    appendFileSync(path, record.subarray(0, 30));
    const reader = ArchiveReader.open(path);
    expect(reader.lastSequence()).toBe(100);
    expect(reader.tornBytes).toBe(30);
    expect(reader.corruption).toBeNull();
    reader.close();
    const logs: string[] = [];
    const writer = ArchiveWriter.openForAppend(path, { policy: "fsync", log: (l) => logs.push(l) });
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(/torn record at the tail \(30 bytes at offset \d+, after sequence 100\) truncated/);
    expect(statSync(path).size).toBe(size);
    const b = block(101);
    writer.append(101, b, 0, b.length);
    writer.commit();
    writer.close();
    const after = ArchiveReader.open(path);
    expect(after.lastSequence()).toBe(101);
    expect(after.verifyAll()).toBe(101);
    after.close();
  });

  it("treats a whole last record with a bad checksum (a torn page) as torn too", () => {
    const path = join(dir(), "s.coral");
    writeSession(path, 50);
    const bytes = readFileSync(path);
    bytes[bytes.length - 3] ^= 0x10;
    writeFileSync(path, bytes);
    const reader = ArchiveReader.open(path);
    expect(reader.lastSequence()).toBe(49);
    expect(reader.tornBytes).toBeGreaterThan(0);
    expect(reader.corruption).toBeNull();
    reader.close();
  });

  it("reports a bit flip in the middle of the file with the sequence where the damage starts", () => {
    const path = join(dir(), "s.coral");
    writeSession(path, 400, { indexInterval: 1000 }); // one index entry: the damage is in the scanned tail
    const reader0 = ArchiveReader.open(path);
    const cursor0 = reader0.cursor();
    cursor0.seek(123);
    const offsetOf123 = cursor0.filePosition();
    reader0.close();
    const bytes = readFileSync(path);
    bytes[offsetOf123 + RECORD_HEADER_LENGTH + 40] ^= 0x04; // one bit of the payload of 123
    writeFileSync(path, bytes);

    const reader = ArchiveReader.open(path);
    expect(reader.corruption).toBeInstanceOf(ArchiveCorruptionError);
    expect(reader.corruption!.sequence).toBe(123);
    expect(reader.corruption!.fileOffset).toBe(offsetOf123);
    expect(reader.corruption!.message).toMatch(/corrupted starting at sequence 123 .*checksum mismatch; valid records resume at sequence 124/);
    expect(reader.lastSequence()).toBe(122);
    reader.close();
    // The writer refuses to append over damage (it would otherwise truncate 278 good records).
    expect(() => ArchiveWriter.openForAppend(path, { policy: "os" })).toThrow(/corrupted starting at sequence 123/);
    expect(statSync(path).size).toBe(bytes.length);
  });

  it("detects a flip before the last index entry when the record is read, naming the sequence", () => {
    const path = join(dir(), "s.coral");
    writeSession(path, 400, { indexInterval: 16 });
    const r0 = ArchiveReader.open(path);
    const c0 = r0.cursor();
    c0.seek(77);
    const at = c0.filePosition();
    r0.close();
    const bytes = readFileSync(path);
    bytes[at + 9] ^= 0x80; // the sequence field of record 77
    writeFileSync(path, bytes);
    const reader = ArchiveReader.open(path); // opening scans only after the last index entry: fast, still fine
    expect(reader.lastSequence()).toBe(400);
    const cursor = reader.cursor();
    cursor.seek(70);
    expect(() => {
      while (cursor.next());
    }).toThrow(/corrupted starting at sequence 77 \(byte offset \d+\): checksum mismatch/);
    expect(() => reader.verifyAll()).toThrow(ArchiveCorruptionError);
    reader.close();
  });

  it("refuses files that are not archives, with the reason", () => {
    const d = dir();
    writeFileSync(join(d, "x.coral"), "hello, this is not an archive at all, not even close to 64 bytes long!!");
    expect(() => ArchiveReader.open(join(d, "x.coral"))).toThrow(ArchiveFormatError);
    expect(() => ArchiveReader.open(join(d, "x.coral"))).toThrow(/bad magic/);
    const path = join(d, "s.coral");
    writeSession(path, 3);
    const bytes = readFileSync(path);
    bytes[20] ^= 1; // inside the session id
    writeFileSync(path, bytes);
    expect(() => ArchiveReader.open(path)).toThrow(/header checksum mismatch/);
    truncateSync(path, 10);
    expect(() => ArchiveReader.open(path)).toThrow(/shorter than the 64-byte header/);
    expect(() => ArchiveReader.open(join(d, "missing.coral"))).toThrow(/cannot open/);
  });

  it("finalizes a session: an end record, no more appends, readers see it complete", () => {
    const path = join(dir(), "s.coral");
    writeSession(path, 20, { finalize: true });
    const reader = ArchiveReader.open(path);
    expect(reader.finalized).toBe(true);
    expect(reader.lastSequence()).toBe(20);
    expect(reader.verifyAll()).toBe(20);
    reader.close();
    expect(() => ArchiveWriter.openForAppend(path, { policy: "os" })).toThrow(/finalized/);
  });

  it("surfaces a full disk as ArchiveWriteError naming the batch, refuses later appends, and leaves a clean file", () => {
    const path = join(dir(), "s.coral");
    const fs = new FailingFs();
    const writer = ArchiveWriter.create(path, "2601020930", { policy: "fsync", fs, indexInterval: 8 });
    for (let s = 1; s <= 30; s++) {
      const b = block(s);
      writer.append(s, b, 0, b.length);
    }
    writer.commit();
    fs.failWritesAfter = fs.writtenBytes + 150; // the next batch only partly fits
    for (let s = 31; s <= 40; s++) {
      const b = block(s);
      writer.append(s, b, 0, b.length);
    }
    let error: unknown;
    try {
      writer.commit();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ArchiveWriteError);
    expect((error as ArchiveWriteError).code).toBe("ENOSPC");
    expect((error as ArchiveWriteError).message).toMatch(/cannot persist sequences 31\.\.40: ENOSPC/);
    expect(writer.lastCommitted()).toBe(30);
    const b41 = block(41);
    expect(() => writer.append(41, b41, 0, b41.length)).toThrow(ArchiveWriteError);
    writer.close();
    const reader = ArchiveReader.open(path);
    expect(reader.lastSequence()).toBe(30);
    expect(reader.tornBytes).toBe(0);
    reader.close();
  });

  it("surfaces a failed fsync as ArchiveWriteError (EIO): the batch is not durable", () => {
    const path = join(dir(), "s.coral");
    const fs = new FailingFs();
    const writer = ArchiveWriter.create(path, "2601020930", { policy: "fsync", fs });
    const b = block(1);
    writer.append(1, b, 0, b.length);
    fs.failSync = true;
    expect(() => writer.commit()).toThrow(/cannot persist sequences 1\.\.1: EIO/);
    expect(writer.lastCommitted()).toBe(0);
    writer.close();
  });

  it("rejects out-of-order appends and bad session ids", () => {
    const d = dir();
    const writer = ArchiveWriter.create(join(d, "s.coral"), "2601020930", { policy: "os" });
    const b = block(2);
    expect(() => writer.append(2, b, 0, b.length)).toThrow(/sequences must follow one another/);
    expect(() => writer.append(1, b, 0, 10)).toThrow(/not a message block/);
    writer.close();
    expect(() => ArchiveWriter.create(join(d, "t.coral"), "has space", { policy: "os" })).toThrow(/session id/);
    expect(() => ArchiveWriter.create(join(d, "s.coral"), "2601020930", { policy: "os" })).toThrow(/EEXIST/);
  });

  it("a reader follows a live file written by another writer with refresh()", () => {
    const path = join(dir(), "s.coral");
    const writer = ArchiveWriter.create(path, "2601020930", { policy: "os", indexInterval: 4 });
    const reader = ArchiveReader.open(path);
    expect(reader.lastSequence()).toBe(0);
    for (let s = 1; s <= 10; s++) {
      const b = block(s);
      writer.append(s, b, 0, b.length);
    }
    writer.commit();
    expect(reader.refresh()).toBe(10);
    const cursor = reader.cursor();
    cursor.seek(9);
    expect(cursor.next() && cursor.sequence).toBe(9);
    writer.close();
    reader.close();
    expect(statSync(path).size).toBeGreaterThan(ARCHIVE_HEADER_LENGTH);
  });
});
