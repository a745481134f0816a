import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/**
 * argon2id off the event loop (issue 21). hash-wasm computes a hash in one synchronous WebAssembly call: 19 MiB and
 * two passes hold the thread for 50 to 100 ms, so on the main thread every sign-in froze every other request (64
 * people signing in at once: 12 s of frozen pages). Hashes run in worker threads instead, one per core but the
 * one the event loop needs (at least one), first come first served; workers start on the first hash, do not keep the
 * process alive while idle, and one that dies fails its pending hashes and is replaced.
 */
const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { argon2id, argon2Verify } = require(workerData.hashWasm);
parentPort.on('message', ({ id, op, args }) => {
  (op === 'hash' ? argon2id(args) : argon2Verify(args)).then(
    (value) => parentPort.postMessage({ id, value }),
    (err) => parentPort.postMessage({ id, error: String((err && err.message) || err) }),
  );
});`;

type Job = {
  op: 'hash' | 'verify';
  args: Record<string, unknown>;
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
};

interface Slot {
  worker: Worker;
  running: Map<number, Job>;
  idle: NodeJS.Timeout | null;
}

/**
 * Cores minus one, at most two: each worker keeps about 30 MB (hash-wasm's 19 MiB and its own heap), and a container
 * with a CPU quota may see all of its host's cores. A worker idle for a minute is ended.
 */
export const ARGON2_WORKERS = Math.min(2, Math.max(1, availableParallelism() - 1));
const IDLE_MS = 60_000;

class Argon2Pool {
  private readonly slots: Slot[] = [];
  private readonly queue: (Job & { id: number })[] = [];
  private nextId = 1;

  run<T>(op: Job['op'], args: Record<string, unknown>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, op, args, resolve: resolve as (v: unknown) => void, reject });
      this.dispatch();
    });
  }

  /** Each worker computes one hash at a time (they are CPU-bound): the next waits for a free worker. */
  private dispatch(): void {
    while (this.queue.length) {
      let slot = this.slots.find((s) => s.running.size === 0);
      if (!slot && this.slots.length < ARGON2_WORKERS) slot = this.spawn();
      if (!slot) return;
      const job = this.queue.shift()!;
      if (slot.idle) clearTimeout(slot.idle);
      slot.idle = null;
      slot.running.set(job.id, job);
      slot.worker.ref(); // a hash in progress keeps the process alive (a CLI awaiting it); an idle worker does not
      slot.worker.postMessage({ id: job.id, op: job.op, args: job.args });
    }
  }

  /** Ends an idle worker; it is taken out of the pool first, so no hash is given to it while it stops. */
  private retire(slot: Slot): void {
    if (slot.running.size) return;
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots.splice(index, 1);
    void slot.worker.terminate();
  }

  private spawn(): Slot {
    const worker = new Worker(SOURCE, { eval: true, workerData: { hashWasm: require.resolve('hash-wasm') } });
    const slot: Slot = { worker, running: new Map(), idle: null };
    worker.on('message', (m: { id: number; value?: unknown; error?: string }) => {
      const job = slot.running.get(m.id);
      slot.running.delete(m.id);
      if (!slot.running.size) {
        worker.unref();
        slot.idle = setTimeout(() => this.retire(slot), IDLE_MS).unref();
      }
      if (job) {
        if (m.error === undefined) job.resolve(m.value);
        else job.reject(new Error(m.error));
      }
      this.dispatch();
    });
    const lost = (why: Error) => {
      if (slot.idle) clearTimeout(slot.idle);
      const index = this.slots.indexOf(slot);
      if (index >= 0) this.slots.splice(index, 1);
      for (const job of slot.running.values()) job.reject(why);
      slot.running.clear();
      this.dispatch();
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`argon2 worker exited with code ${code}`)));
    worker.unref(); // after the listeners: adding a 'message' listener refs the worker again
    this.slots.push(slot);
    return slot;
  }
}

const pool = new Argon2Pool();

export const argon2InWorker = {
  hash: (args: Record<string, unknown>) => pool.run<string>('hash', args),
  verify: (args: Record<string, unknown>) => pool.run<boolean>('verify', args),
};
