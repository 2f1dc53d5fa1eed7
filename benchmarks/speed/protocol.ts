// The coordinator ↔ worker protocol of benchmarks/speed: one JSON object per line on stdin (requests)
// and stdout (replies, tagged `"reply": true`, so that stray library output on stdout is skipped, not
// parsed). Both the Gantry worker (worker.ts) and the PyTorch one (torch_worker.py) speak it.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { createInterface } from "node:readline";

export const MODEL_IDS = ["dcgan", "mlp-ring", "wgan-gp", "unrolled5"] as const;
export type ModelId = (typeof MODEL_IDS)[number];

export type Request =
  | { readonly id: number; readonly op: "hello" }
  /** Time `steps` single full training steps (warm-up first, once per worker and model/threads). */
  | { readonly id: number; readonly op: "time"; readonly model: ModelId; readonly steps: number; readonly threads?: number }
  | { readonly id: number; readonly op: "quit" };

/** What a worker says about itself in reply to hello: its backend and library versions. */
export type WorkerInfo = Readonly<Record<string, string | number>>;

export type Reply =
  | { readonly id: number; readonly reply: true; readonly ok: true; readonly ms?: readonly number[]; readonly info?: WorkerInfo }
  | { readonly id: number; readonly reply: true; readonly ok: false; readonly error: string };

type RequestBody = Request extends infer R ? (R extends Request ? Omit<R, "id"> : never) : never;

/** A long-lived worker process answering one request at a time. */
export class WorkerProcess {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly pending = new Map<number, (r: Reply) => void>();
  private nextId = 1;
  private exited: string | undefined;

  constructor(readonly label: string, command: string, args: readonly string[]) {
    this.child = spawn(command, args, { stdio: ["pipe", "pipe", "pipe"] });
    createInterface({ input: this.child.stdout }).on("line", (line) => this.onLine(line));
    this.child.stderr.on("data", (b: Buffer) => process.stderr.write(`[${label}] ${b.toString()}`));
    this.child.on("exit", (code, signal) => this.onExit(`exited (code ${code}, signal ${signal})`));
    this.child.on("error", (e) => this.onExit(`failed to start: ${e.message}`));
    this.child.stdin.on("error", () => {}); // EPIPE from a worker that died: its "exit" reports it
  }

  request(body: RequestBody): Promise<Reply> {
    if (this.exited) return Promise.resolve({ id: 0, reply: true, ok: false, error: `${this.label} ${this.exited}` });
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.child.stdin.write(`${JSON.stringify({ id, ...body })}\n`);
    });
  }

  async quit(): Promise<void> {
    if (this.exited) return;
    const gone = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
    this.child.stdin.write(`${JSON.stringify({ id: 0, op: "quit" })}\n`);
    const timer = setTimeout(() => this.child.kill(), 10_000); // one that does not exit by itself
    await gone;
    clearTimeout(timer);
  }

  private onLine(line: string): void {
    const reply = parseReply(line);
    if (!reply) return void process.stderr.write(`[${this.label} stdout] ${line}\n`);
    this.pending.get(reply.id)?.(reply);
    this.pending.delete(reply.id);
  }

  private onExit(why: string): void {
    this.exited = why;
    for (const [id, resolve] of this.pending) resolve({ id, reply: true, ok: false, error: `${this.label} ${why}` });
    this.pending.clear();
  }
}

function parseReply(line: string): Reply | undefined {
  if (!line.startsWith("{")) return undefined;
  try {
    const value = JSON.parse(line) as Partial<Reply>;
    return value.reply === true && typeof value.id === "number" ? (value as Reply) : undefined;
  } catch {
    return undefined;
  }
}
