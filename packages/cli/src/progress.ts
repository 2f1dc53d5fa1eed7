// Renders run events: a progress bar (step/s, ETA, latest losses) on a TTY via cli-progress, plain
// lines otherwise (every `every` steps), and one line per metric, checkpoint and the end.
import cliProgress from "cli-progress";
import type { GantryEvent } from "@gantry/core";

export interface Reporter {
  onEvent(event: GantryEvent): void;
  stop(): void;
}

const fmt = (v: number): string => (Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(2) : v.toFixed(4));

/** The headline numbers of a step: losses first, then D outputs. */
export function summarizeStats(stats: Readonly<Record<string, number>>): string {
  const keys = ["dLoss", "gLoss", "dReal", "dFake", "dAccuracy", "criticGap"].filter((k) => k in stats);
  return keys.map((k) => `${k} ${fmt(stats[k])}`).join("  ");
}

/** `totalSteps` is the run's length until the start event says otherwise (the method's own length). */
export function createReporter(totalSteps: number | undefined, out: NodeJS.WriteStream = process.stderr, plainEvery = 50): Reporter {
  const tty = Boolean(out.isTTY) && process.env.CI !== "true";
  let bar: cliProgress.SingleBar | undefined;
  let started = 0;
  let firstStep = 0;
  const line = (s: string): void => {
    if (bar) bar.stop();
    out.write(s + "\n");
    if (bar) bar = undefined;
  };
  const startBar = (step: number): void => {
    bar = new cliProgress.SingleBar({
      stream: out, format: " {bar} {value}/{total} | {rate} step/s | ETA {eta_formatted} | {stats}",
      hideCursor: true, clearOnComplete: false, etaBuffer: 50,
    }, cliProgress.Presets.shades_classic);
    bar.start(totalSteps ?? 0, step, { rate: "0.0", stats: "" });
  };
  return {
    onEvent(e) {
      switch (e.type) {
        case "start":
          totalSteps = e.totalSteps ?? totalSteps;
          started = performance.now();
          firstStep = e.step;
          line(`gantry: ${e.name} on ${e.backend}, ${e.step > 0 ? `resuming at step ${e.step}` : "starting"} (${totalSteps} steps)`);
          if (tty) startBar(e.step);
          return;
        case "step": {
          const rate = (e.step - firstStep) / Math.max((performance.now() - started) / 1000, 1e-9);
          if (tty) {
            if (!bar) startBar(e.step);
            bar!.update(e.step, { rate: rate.toFixed(1), stats: summarizeStats(e.stats) });
          } else if (e.step % plainEvery === 0 || e.step === totalSteps) {
            out.write(`step ${e.step}/${totalSteps}  ${rate.toFixed(1)} step/s  ${summarizeStats(e.stats)}\n`);
          }
          return;
        }
        case "metric":
          line(`metric ${e.node} @ ${e.step}: ${Object.entries(e.result.values).map(([k, v]) => `${k}=${fmt(v)}`).join(" ")}`);
          return;
        case "checkpoint":
          if (!tty) out.write(`checkpoint @ ${e.step}: ${e.path}\n`);
          return;
        case "end":
          line(`gantry: ${e.reason} at step ${e.step}`);
          return;
        default:
          return;
      }
    },
    stop() {
      bar?.stop();
    },
  };
}
