/** The byte-level pieces: exact timestamps, the running hash, the PRNG, stream packets and requests. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Prng, RunningHash, Timestamp, VirtualClock } from "../../runtime/index.js";
import { nameBytes, readU64BE, readU64LE, writeU64BE, writeU64LE } from "../../runtime/protocol/bytes.js";
import { MSG_HEADER_LENGTH } from "../../runtime/protocol/frames.js";
import { checkStreamPacket, PacketCheck, StreamPacketWriter, writeRequest, readRequestSequence } from "../../runtime/protocol/stream-packet.js";
import { readEpochNanos, writeEpochNanos } from "../../runtime/protocol/timestamp.js";

describe("timestamps", () => {
  it("round-trip exact epoch nanoseconds through the u64 wire form, checked against BigInt", () => {
    const view = new DataView(new ArrayBuffer(8));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 44 }), fc.integer({ min: 0, max: 999_999 }), (ms, nanos) => {
        writeEpochNanos(view, 0, new Timestamp().set(ms, nanos));
        expect(view.getBigUint64(0, true)).toBe(BigInt(ms) * 1_000_000n + BigInt(nanos));
        const t = readEpochNanos(view, 0, new Timestamp());
        expect([t.ms, t.nanos]).toEqual([ms, nanos]);
      }),
      { numRuns: 500 },
    );
  });

  it("prints ISO 8601 with nanoseconds and the virtual clock is exact", () => {
    const clock = new VirtualClock(Date.UTC(2026, 6, 25, 22, 36));
    clock.advance(1_234_567_891);
    const t = clock.epochTime(new Timestamp());
    expect(t.toString()).toBe("2026-07-25T22:36:01.234567891Z");
    expect(t.toBigInt()).toBe(BigInt(Date.UTC(2026, 6, 25, 22, 36)) * 1_000_000n + 1_234_567_891n);
  });
});

describe("running hash", () => {
  it("is FNV-1a 64, checked against a BigInt reference", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        let ref = 0xcbf29ce484222325n;
        for (const b of bytes) ref = ((ref ^ BigInt(b)) * 0x100000001b3n) & 0xffffffffffffffffn;
        const h = new RunningHash();
        h.update(bytes, 0, bytes.length);
        expect(h.toHex()).toBe(ref.toString(16).padStart(16, "0"));
      }),
    );
  });
});

describe("prng", () => {
  it("repeats for a seed and spreads evenly", () => {
    const a = new Prng(42);
    const b = new Prng(42);
    const counts = new Array(10).fill(0);
    for (let i = 0; i < 10_000; i++) {
      const x = a.nextFloat();
      expect(b.nextFloat()).toBe(x);
      counts[Math.floor(x * 10)]++;
    }
    for (const n of counts) expect(Math.abs(n - 1000)).toBeLessThan(150);
    expect(new Prng(43).nextUint32()).not.toBe(new Prng(42).nextUint32());
  });
});

describe("frames", () => {
  it("64-bit fields round-trip and out-of-range values read as NaN", () => {
    const view = new DataView(new ArrayBuffer(8));
    writeU64BE(view, 0, Number.MAX_SAFE_INTEGER);
    expect(readU64BE(view, 0)).toBe(Number.MAX_SAFE_INTEGER);
    writeU64LE(view, 0, 2 ** 40 + 5);
    expect(readU64LE(view, 0)).toBe(2 ** 40 + 5);
    view.setUint32(0, 0xffffffff);
    expect(readU64BE(view, 0)).toBeNaN();
  });

  it("a stream packet batches blocks up to the datagram size and passes its own check; truncations fail it", () => {
    const writer = new StreamPacketWriter(1400);
    writer.begin(nameBytes("2607252236", 10), 17);
    let blocks = 0;
    while (writer.fits(MSG_HEADER_LENGTH + 30)) {
      writer.appendBlock(MSG_HEADER_LENGTH + 30);
      blocks++;
    }
    expect(blocks).toBe(Math.floor((1400 - 20) / (2 + MSG_HEADER_LENGTH + 30)));
    const length = writer.finish();
    const view = writer.view;
    expect(checkStreamPacket(view, 0, length)).toBe(PacketCheck.Ok);
    expect(readU64BE(view, 10)).toBe(17);
    expect(view.getUint16(18)).toBe(blocks);
    for (let cut = 0; cut < length; cut += 7) expect(checkStreamPacket(view, 0, cut)).not.toBe(PacketCheck.Ok);
    const hb = writer.writeHeartbeat(nameBytes("2607252236", 10), 99, false);
    expect(checkStreamPacket(view, 0, hb)).toBe(PacketCheck.Ok);
  });

  it("a retransmit request is a 20-byte MoldUDP64 request", () => {
    const buf = new Uint8Array(20);
    const view = new DataView(buf.buffer);
    expect(writeRequest(view, buf, nameBytes("2607252236", 10), 5, 3)).toBe(20);
    expect(new TextDecoder().decode(buf.subarray(0, 10))).toBe("2607252236");
    expect(readRequestSequence(view, 0, 20)).toBe(5);
    expect(view.getUint16(18)).toBe(3);
    expect(readRequestSequence(view, 0, 19)).toBeNaN();
  });
});
