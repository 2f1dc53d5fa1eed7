#!/usr/bin/env node
// Installs the workspace's npm dependencies on first use (a fresh clone has no node_modules), so the
// README's two commands work as they are. Uses only Node built-ins; does nothing once installed.
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const marker = join(root, "node_modules", ".package-lock.json");
if (!existsSync(marker) || !existsSync(join(root, "node_modules", "nx"))) {
  console.error("gantry: first run — installing npm dependencies (npm ci)…");
  const r = spawnSync("npm", ["ci", "--no-audit", "--no-fund"], { cwd: root, stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
