// The kill-and-resume fault suite on wasm (a file per backend, so vitest runs the backends side by side).
import { killAndResumeSuite } from "./kill-and-resume-suite.js";

killAndResumeSuite("wasm");
