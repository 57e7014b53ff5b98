/**
 * Placeholders a flyweight holds before its first wrap(), shared so constructing a flyweight allocates no
 * buffers. Any access through them fails fast instead of reading stale memory.
 */
export const EMPTY_BYTES: Uint8Array = new Uint8Array(0);
export const EMPTY_VIEW: DataView = new DataView(EMPTY_BYTES.buffer);
