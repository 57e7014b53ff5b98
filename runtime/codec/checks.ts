/**
 * The length checks decoders run once, in wrap(): each either returns what it read or throws a CodecError
 * naming the field, the offset and what did not fit. After wrap() accessors read without checks.
 */
import { capacityFail, codecFail, rangeFail } from "./codec-error.js";

/** Throws the clearest CodecError for a message that cannot even hold its 8-byte header inside the buffer. */
export function frameFail(message: string, bufferLength: number, offset: number, length: number): never {
  if (!(offset >= 0 && offset <= bufferLength)) {
    codecFail(message, offset, `offset is outside the ${bufferLength}-byte buffer`);
  }
  if (!(length >= 0 && offset + length <= bufferLength)) {
    codecFail(message, offset, `length ${length} runs past the end of the ${bufferLength}-byte buffer`);
  }
  return capacityFail(message, offset, 8, length);
}

/** Throws for a header that names another message or schema. */
export function headerFail(
  message: string,
  offset: number,
  templateId: number,
  schemaId: number,
  expectedTemplateId: number,
  expectedSchemaId: number,
): never {
  if (schemaId !== expectedSchemaId) {
    codecFail(message, offset, `header has schema id ${schemaId}, expected ${expectedSchemaId}`);
  }
  return codecFail(message, offset, `header has template id ${templateId}, expected ${expectedTemplateId}`);
}

/** Throws for a block (root or group entry) shorter than the fields of the sender's version need. */
export function blockLengthFail(field: string, offset: number, blockLength: number, needed: number, version: number): never {
  return codecFail(
    field,
    offset,
    `block length ${blockLength} is shorter than the ${needed} bytes the fields of version ${version} need`,
  );
}

/**
 * Reads and checks the uint32 length in front of var data at `at`: the length must fit the declared maximum
 * and the bytes must end by `end`. Returns the length.
 */
export function varDataLength(dv: DataView, at: number, end: number, max: number, field: string): number {
  if (at + 4 > end) capacityFail(field, at, 4, end - at);
  const n = dv.getUint32(at, true);
  if (n > max) codecFail(field, at, `length ${n} exceeds the declared maximum of ${max}`);
  if (at + 4 + n > end) capacityFail(field, at + 4, n, end - at - 4);
  return n;
}

/** Reads and checks a group's 4-byte dimension at `at`; returns the number of entries. */
export function groupCount(
  dv: DataView,
  at: number,
  end: number,
  neededBlockLength: number,
  version: number,
  field: string,
): number {
  if (at + 4 > end) capacityFail(field, at, 4, end - at);
  const blockLength = dv.getUint16(at, true);
  if (blockLength < neededBlockLength) blockLengthFail(field, at, blockLength, neededBlockLength, version);
  return dv.getUint16(at + 2, true);
}

/** Throws for group entries that run past the end of the message. */
export function entriesFail(field: string, at: number, count: number, blockLength: number, end: number): never {
  return codecFail(
    field,
    at,
    `${count} entries of ${blockLength} bytes run past the end of the message at offset ${end}`,
  );
}

/** Encoder: a group count outside 0..65535, or no room for the group's 4-byte dimension. */
export function groupCountFail(field: string, at: number, count: number, bufferLength: number): never {
  if ((count & 0xffff) !== count) rangeFail(field, at, count, "an entry count 0..65535");
  return capacityFail(field, at, 4, bufferLength - at);
}

/** Encoder: next() beyond the declared count, or no room for the entry's block. */
export function nextEntryFail(
  field: string,
  at: number,
  index: number,
  count: number,
  blockLength: number,
  bufferLength: number,
): never {
  if (index >= count) codecFail(field, at, `next() called after the ${count} entries declared`);
  return capacityFail(field, at, blockLength, bufferLength - at);
}

/** Decoder: next() after the last entry. */
export function endOfGroupFail(field: string, at: number, count: number): never {
  return codecFail(field, at, `next() called after the last of ${count} entries`);
}
