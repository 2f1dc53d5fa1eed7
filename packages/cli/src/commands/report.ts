// `gantry report <run-dir>`: (re)builds report.html from the run directory's files.
import { resolve } from "node:path";
import { openRunDirectory, writeReport } from "@gantry/pipeline";

export function reportCommand(runDir: string): string {
  return `report: ${writeReport(openRunDirectory(resolve(runDir)))}`;
}
