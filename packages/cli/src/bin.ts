#!/usr/bin/env node
// The `gantry` executable: the project's own @gantry/cli when there is one (local-cli.ts), else this one.
import { localCliEntry } from "./local-cli.js";

const local = localCliEntry(process.cwd(), import.meta.url);
const { main } = (local ? await import(local) : await import("./main.js")) as typeof import("./main.js");
process.exitCode = await main(process.argv.slice(2));
