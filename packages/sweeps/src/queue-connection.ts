// Where the queue lives: a redis:// (or rediss://) URL as BullMQ connection options, and one check that
// Redis answers, so `gantry sweep` against a wrong address fails in seconds with the address in the
// message instead of retrying silently. It does not create queues or workers.
import { GantryError } from "@gantry/core";
import type { ConnectionOptions, QueueBase } from "bullmq";

/** One queue serves every sweep: any worker can take any run. */
export const QUEUE_NAME = "gantry";

export function redisConnection(url: string): ConnectionOptions {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw badUrl(url);
  }
  if (parsed.protocol !== "redis:" && parsed.protocol !== "rediss:") throw badUrl(url);
  const db = parsed.pathname.replace(/^\//, "");
  if (db && !/^\d+$/.test(db)) throw badUrl(url);
  return {
    host: parsed.hostname || "127.0.0.1",
    port: parsed.port ? Number(parsed.port) : 6379,
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(db ? { db: Number(db) } : {}),
    ...(parsed.protocol === "rediss:" ? { tls: {} } : {}),
    // BullMQ's workers block on Redis; ioredis must not give up on a command while they wait.
    maxRetriesPerRequest: null,
  };
}

function badUrl(url: string): GantryError {
  return new GantryError("QUEUE_BAD_URL", `"${url}" is not a Redis URL`, {
    where: { field: "--queue" }, hint: "redis://host:6379 (rediss:// for TLS; redis://:password@host:6379/0)",
  });
}

/** Resolves once Redis answers; QUEUE_UNREACHABLE after `timeoutMs`. */
export async function waitForRedis(client: QueueBase, url: string, timeoutMs = 10_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new GantryError("QUEUE_UNREACHABLE", `no answer from Redis at ${url} within ${timeoutMs / 1000} s`, {
      where: { field: "--queue" }, hint: "start redis-server there, or check the host, port and password (docs/distributed.md)",
    })), timeoutMs);
  });
  try {
    await Promise.race([client.waitUntilReady(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
