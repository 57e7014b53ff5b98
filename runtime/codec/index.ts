/**
 * coralseq/codec: the run-time support that coralc-generated encoders and decoders import.
 * No dependencies; everything here is safe to call from hot paths unless its doc says it allocates.
 */
export { CodecError, codecFail, rangeFail, capacityFail, int64Fail } from "./codec-error.js";
export {
  asciiLength,
  readAscii,
  readAsciiOfLength,
  asciiEquals,
  asciiKey,
  keyFail,
  writeAscii,
  writeFixedBytes,
  copyOut,
  copyIn,
} from "./ascii.js";
export { utf8Length, writeUtf8, readUtf8 } from "./utf8.js";
export { InternCache, defaultInternCache, internAscii } from "./intern.js";
export { toHex, hexDump } from "./hex.js";
export { int64ToJson, jsonEnum, jsonSet } from "./json.js";
export {
  frameFail,
  headerFail,
  blockLengthFail,
  varDataLength,
  groupCount,
  entriesFail,
  groupCountFail,
  nextEntryFail,
  endOfGroupFail,
} from "./checks.js";
export { EMPTY_BYTES, EMPTY_VIEW } from "./empty.js";
