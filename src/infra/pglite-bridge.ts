// The embedded database seen from another thread. PGlite is PostgreSQL compiled to WebAssembly inside the
// one thread that opened it, and a second PGlite on the same folder would corrupt it, so the processing
// thread reaches the web thread's database through a MessagePort: Prisma's driver-adapter calls (plain
// SQL, arguments and rows, all structured-cloneable) go across, the web thread runs them on its adapter.
// Prisma's query planning and everything processing does around its queries stay in the processing thread.
import type { MessagePort } from "node:worker_threads";
import {
  DriverAdapterError, isDriverAdapterError,
  type IsolationLevel, type SqlDriverAdapter, type SqlDriverAdapterFactory, type SqlQuery, type SqlResultSet, type Transaction,
} from "@prisma/driver-adapter-utils";

type Request =
  | { op: "query" | "execute"; tx?: number; query: SqlQuery }
  | { op: "script"; script: string }
  | { op: "begin"; isolation?: IsolationLevel }
  | { op: "commit" | "rollback"; tx: number };
type Call = Request & { id: number };
type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; adapter?: DriverAdapterError["cause"]; message?: string };

/**
 * Serves `adapter` on `port` until the port closes. A transaction the other side left open (it crashed or
 * was terminated) is rolled back when the port closes: PGlite's transaction holds the one connection, and
 * every acknowledgement would wait behind it for good.
 */
export function servePglite(adapter: SqlDriverAdapter, port: MessagePort): { close(): Promise<void> } {
  const open = new Map<number, Transaction>();
  let nextTx = 1;
  const on = (tx?: number) => (tx === undefined ? adapter : transaction(tx));
  const transaction = (tx: number) => {
    const found = open.get(tx);
    if (!found) throw new Error(`transaction ${tx} is not open`);
    return found;
  };
  async function run(call: Call): Promise<unknown> {
    switch (call.op) {
      case "query": return on(call.tx).queryRaw(call.query);
      case "execute": return on(call.tx).executeRaw(call.query);
      case "script": return adapter.executeScript(call.script);
      case "begin": {
        const tx = await adapter.startTransaction(call.isolation);
        open.set(nextTx, tx);
        return { tx: nextTx++, options: tx.options };
      }
      case "commit":
      case "rollback": {
        const tx = transaction(call.tx);
        open.delete(call.tx);
        return call.op === "commit" ? tx.commit() : tx.rollback();
      }
    }
  }
  port.on("message", (call: Call) => {
    run(call).then(
      (value) => port.postMessage({ id: call.id, ok: true, value } satisfies Reply),
      (error: unknown) => port.postMessage(isDriverAdapterError(error)
        ? { id: call.id, ok: false, adapter: error.cause }
        : { id: call.id, ok: false, message: (error as Error).message ?? String(error) } satisfies Reply),
    );
  });
  const abandon = async () => {
    const left = [...open.values()];
    open.clear();
    await Promise.allSettled(left.map((tx) => tx.rollback()));
  };
  port.once("close", () => void abandon());
  return { close: async () => (port.close(), await abandon()) };
}

/** A Prisma adapter factory whose queries run wherever servePglite serves the other end of `port`. */
export function pgliteOverPort(port: MessagePort): SqlDriverAdapterFactory {
  const waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let nextId = 1;
  port.on("message", (reply: Reply) => {
    const w = waiting.get(reply.id);
    waiting.delete(reply.id);
    if (!w) return;
    if (reply.ok) w.resolve(reply.value);
    else w.reject(reply.adapter ? new DriverAdapterError(reply.adapter) : new Error(reply.message));
  });
  port.once("close", () => {
    for (const w of waiting.values()) w.reject(new Error("the embedded database's thread closed the connection"));
    waiting.clear();
  });
  const call = <T>(message: Request): Promise<T> => new Promise((resolve, reject) => {
    const id = nextId++;
    waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
    port.postMessage({ ...message, id });
  });
  const info = { provider: "postgres" as const, adapterName: "duikou-pglite-bridge" };
  const queryable = (tx?: number) => ({
    ...info,
    queryRaw: (query: SqlQuery) => call<SqlResultSet>({ op: "query", tx, query }),
    executeRaw: (query: SqlQuery) => call<number>({ op: "execute", tx, query }),
  });
  const adapter: SqlDriverAdapter = {
    ...queryable(),
    executeScript: (script) => call<void>({ op: "script", script }),
    async startTransaction(isolation) {
      const { tx, options } = await call<{ tx: number; options: Transaction["options"] }>({ op: "begin", isolation });
      return { ...queryable(tx), options, commit: () => call<void>({ op: "commit", tx }), rollback: () => call<void>({ op: "rollback", tx }) };
    },
    getConnectionInfo: () => ({ supportsRelationJoins: true }),
    dispose: async () => port.close(),
  };
  return { ...info, connect: async () => adapter };
}
