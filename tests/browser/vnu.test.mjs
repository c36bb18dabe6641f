// The W3C Nu HTML Checker (vnu.jar from npm, run with the machine's Java)
// over every HTML file of both builds: zero errors. Warnings are printed.

import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { htmlFiles, relativeSiteDir, siteDir } from "./harness.mjs";

const VNU = createRequire(import.meta.url).resolve("vnu-jar/build/dist/vnu.jar");

/** Runs vnu over folders; returns its JSON report (which it writes to stderr). */
function vnu(dirs) {
  const r = spawnSync("java", ["-Xss1024k", "-jar", VNU, "--skip-non-html", "--format", "json", ...dirs], {
    encoding: "utf8",
    maxBuffer: 64 << 20,
  });
  if (r.error) throw new Error(`could not run java -jar ${VNU}: ${r.error.message}`);
  // Exit 1 means "found errors"; anything else is vnu itself failing.
  if (r.status !== 0 && r.status !== 1) throw new Error(`vnu exited with ${r.status}: ${r.stderr.slice(0, 2000)}`);
  return JSON.parse(r.stderr.trim() || '{"messages":[]}');
}

test("the Nu HTML Checker finds no errors in any page of either build", () => {
  const dirs = [siteDir(), relativeSiteDir()];
  const files = dirs.reduce((n, d) => n + htmlFiles(d).length, 0);
  const report = vnu(dirs);
  const messages = report.messages || [];
  const errors = messages.filter((m) => m.type === "error" || m.type === "non-document-error");
  const warnings = messages.filter((m) => m.type === "info" && m.subType === "warning");
  const fmt = (m) => `${m.url?.replace(/^file:/, "")}:${m.lastLine ?? "?"}:${m.firstColumn ?? m.lastColumn ?? "?"}: ${m.message}`;
  for (const w of warnings) console.log(`warning: ${fmt(w)}`);
  console.log(`vnu: ${files} HTML files, ${errors.length} errors, ${warnings.length} warnings`);
  assert.deepEqual(errors.map(fmt), [], "HTML errors");
});
