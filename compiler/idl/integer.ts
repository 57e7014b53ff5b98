/** Parses an integer as the IDL writes it: decimal or 0x hex, optionally negative. NaN if it is not one. */
export function parseInteger(text: string): number {
  const match = /^(-?)(0[xX][0-9a-fA-F]+|[0-9]+)$/.exec(text.trim());
  if (!match) return NaN;
  const magnitude = Number(match[2]);
  return match[1] === "-" ? -magnitude : magnitude;
}
