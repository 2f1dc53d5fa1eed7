// A real redis-server for a test: on a free loopback port, without persistence, killed after. Without
// the binary the tests are skipped outside CI (say so); in CI (process.env.CI) a missing binary fails.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";

export const hasRedis = (): boolean => spawnSync("redis-server", ["--version"]).status === 0;

/** Skip (with the reason) only when the binary is missing and this is not CI. */
export function redisOrSkip(): { readonly skip: boolean; readonly reason: string } {
  if (hasRedis()) return { skip: false, reason: "" };
  if (process.env.CI) throw new Error("redis-server is not installed, and CI must run the sweep tests: add redis-server to .ci/run's apt list");
  return { skip: true, reason: "redis-server is not installed (apt-get install redis-server); skipping the queue tests" };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

export interface RedisServer {
  readonly url: string;
  stop(): Promise<void>;
}

export async function startRedis(): Promise<RedisServer> {
  const port = await freePort();
  const child: ChildProcess = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis-server did not start on port ${port}:\n${output}`)), 10_000);
    child.stdout!.on("data", (d) => {
      output += String(d);
      if (/Ready to accept connections/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on("exit", (code) => reject(new Error(`redis-server exited (${code}):\n${output}`)));
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    }),
  };
}
