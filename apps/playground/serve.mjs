#!/usr/bin/env node
// Serves apps/playground/dist on 127.0.0.1 with node:http (no dependency): the page needs http(s), not
// file://, to fetch its .wasm files. Used by tools/test-browser.mjs too (port 0: a random free port).
// Usage: node apps/playground/serve.mjs [--port 8080]
import { existsSync, readFileSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { dirname, extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";

const DIST = join(dirname(fileURLToPath(import.meta.url)), "dist");
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".map": "application/json", ".wasm": "application/wasm" };

/** Starts a static server for `dir` on 127.0.0.1:`port`; resolves to the listening server. */
export function serveDist(dir = DIST, port = 0) {
  const root = normalize(dir + sep);
  const server = createServer((req, res) => {
    const path = normalize(join(root, decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname)));
    const file = existsSync(path) && statSync(path).isDirectory() ? join(path, "index.html") : path;
    if (!file.startsWith(root) || !existsSync(file)) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve(server));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (!existsSync(join(DIST, "index.html"))) {
    console.error("playground: no dist/index.html: build it first (node apps/playground/build.mjs)");
    process.exit(1);
  }
  const port = process.argv.includes("--port") ? Number(process.argv[process.argv.indexOf("--port") + 1]) : 8080;
  const server = await serveDist(DIST, port);
  console.log(`playground: http://127.0.0.1:${server.address().port}/ (Ctrl-C to stop)`);
}
