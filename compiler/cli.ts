#!/usr/bin/env node
// The coralc bin: everything is in coralc.ts, so tests can call main() in-process.
import { main } from "./coralc.js";

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`coralc: internal error: ${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 70;
  },
);
