/**
 * A user's project, outside this repository, that installs coralseq as a
 * package, compiles a schema with the installed `coralc` bin, type-checks the
 * generated code and runs it. This is what proves generated code imports its
 * support by package name and not by a path into this repository.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const repo = resolve(import.meta.dirname, "../..");
const tsc = join(repo, "node_modules/typescript/bin/tsc");
let scratch: string;

function run(cmd: string, args: string[], cwd: string): string {
  return execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 120_000 });
}

function newestMtime(dir: string, ext: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full, ext));
    else if (entry.name.endsWith(ext)) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

function distIsStale(): boolean {
  const dist = join(repo, "dist");
  if (!existsSync(join(dist, "compiler", "cli.js"))) return true;
  const sources = Math.max(newestMtime(join(repo, "compiler"), ".ts"), newestMtime(join(repo, "runtime"), ".ts"));
  return sources > newestMtime(dist, ".js");
}

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), "coralseq-user-"));
  // Pack exactly what npm would publish, from a dist/ no older than the sources
  // (npm install/ci built it through `prepare`; rebuild only after edits).
  if (distIsStale()) run("npm", ["run", "--silent", "build"], repo);
  const packDir = join(scratch, "pack");
  mkdirSync(packDir);
  run("npm", ["pack", "--ignore-scripts", "--silent", "--pack-destination", packDir], repo);
  const tarball = join(packDir, readdirSync(packDir).find((f) => f.endsWith(".tgz"))!);

  const app = join(scratch, "app");
  mkdirSync(join(app, "schemas"), { recursive: true });
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "user-app", private: true, type: "module" }));
  run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--silent", tarball], app);

  // A schema in the CoralSequencer form, as a user would write it.
  writeFileSync(
    join(app, "schemas", "Heartbeat.idl"),
    ["CLASSNAME = com.user.Heartbeat", "TYPE = H", "SUBTYPE = B", "", "node: chars(8)", "seq: long", "load: double!", ""].join("\n"),
  );
  writeFileSync(
    join(app, "main.ts"),
    [
      'import { HeartbeatEncoder, HeartbeatDecoder } from "./gen/Heartbeat.js";',
      "const buf = new Uint8Array(64);",
      'const enc = new HeartbeatEncoder().wrap(buf, 0).node("gw-1").seq(123456789012).load(null);',
      "const dec = new HeartbeatDecoder().wrap(buf, 0, enc.encodedLength());",
      'console.log(JSON.stringify({ node: dec.node(), seq: dec.seq(), load: dec.load(), len: dec.encodedLength() }));',
      "",
    ].join("\n"),
  );
  writeFileSync(
    join(app, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        target: "ES2022",
        module: "NodeNext",
        moduleResolution: "NodeNext",
        strict: true,
        outDir: "out",
        types: [],
        skipLibCheck: false,
      },
      include: ["main.ts", "gen/**/*.ts"],
    }),
  );
}, 240_000);

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe("coralseq installed in a user's project", () => {
  it("compiles a schema with the installed coralc, type-checks it strictly and runs it", () => {
    const app = join(scratch, "app");
    const out = run(join(app, "node_modules/.bin/coralc"), ["schemas", "-o", "gen"], app);
    expect(out).toContain("1 module(s)");
    run(process.execPath, [tsc, "-p", "tsconfig.json"], app);
    const printed = run(process.execPath, ["out/main.js"], app).trim();
    expect(JSON.parse(printed)).toEqual({ node: "gw-1", seq: 123456789012, load: null, len: 8 + 8 + 8 + 8 });
  }, 180_000);
});
