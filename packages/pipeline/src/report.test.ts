// report.html from a run folder: text taken from the folder's files (metric value names in metrics.jsonl) is data,
// never markup or script, even when a crafted folder tries to close the inline script.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { scriptJson, writeReport } from "./report.js";
import { appendJsonl, createRunDirectory } from "./run-directory.js";

it("escapes '<' in the charts' JSON, so a metric value named </script><script>… stays a string", () => {
  const dir = createRunDirectory(mkdtempSync(join(tmpdir(), "gantry-report-")), "evil", "name: evil\n");
  const evil = "</script><script>document.title='pwned'</script>";
  appendJsonl(dir.eventsFile, { type: "start", time: "t", name: "evil", step: 0, backend: "cpu", totalSteps: 2 });
  for (const step of [1, 2]) {
    appendJsonl(dir.eventsFile, { type: "step", time: "t", step, stats: { gLoss: step } });
    appendJsonl(dir.metricsFile, { time: "t", step, node: "coverage", values: { [evil]: step } });
  }
  const html = readFileSync(writeReport(dir), "utf8");
  expect(html).not.toContain("<script>document.title");
  expect(html).toContain("\\u003c/script>\\u003cscript>");
  expect(JSON.parse(scriptJson({ a: "<b>" }))).toEqual({ a: "<b>" });
});
