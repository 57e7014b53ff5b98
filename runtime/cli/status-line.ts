/**
 * The JSON status lines `coral` prints with `"statusFormat": "json"`: one object per line,
 * `{ "component", "final", "time", "status" }`. The writer and the reader live together so that
 * supervisors (the demo, the UDP test harness) parse exactly what the CLI prints.
 */
import type { Readable } from "node:stream";

export interface StatusLine {
  /** "sequencer", "replayer" or "node". */
  component: string;
  /** True on the last line, printed when the component stops. */
  final: boolean;
  /** ISO-8601 time the line was written (the component's clock). */
  time: string;
  status: Record<string, unknown>;
}

export function formatStatusLine(component: string, status: Record<string, unknown>, final: boolean): string {
  const line: StatusLine = { component, final, time: new Date().toISOString(), status };
  return JSON.stringify(line);
}

/** Calls `onLine` for every status line `stream` delivers; other output (text, partial lines) is skipped. */
export function readStatusLines(stream: Readable, onLine: (line: StatusLine) => void): void {
  let buffered = "";
  stream.on("data", (chunk: Buffer) => {
    buffered += chunk.toString();
    let nl: number;
    while ((nl = buffered.indexOf("\n")) >= 0) {
      const text = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      if (!text.startsWith("{")) continue;
      let parsed: StatusLine;
      try {
        parsed = JSON.parse(text) as StatusLine;
      } catch {
        continue; // not a status line
      }
      onLine(parsed);
    }
  });
}
