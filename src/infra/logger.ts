// pino root logger. Secrets and phone numbers never reach the log (SPEC §8).
import { pino, type Logger } from "pino";

export type { Logger };

const REDACT = [
  "*.token", "*.secret", "*.password", "*.access_token", "*.accessToken", "*.appSecret", "*.corpsecret",
  "*.phone", "*.mobile", "req.headers.authorization", "req.headers.cookie", "headers.authorization",
];

// Keeps the last four digits, which is what people use to tell phones apart (绑定 uses them too).
export function maskPhone(text: string): string {
  return text.replace(/(?<!\d)1[3-9]\d{5}(\d{4})(?!\d)/g, "1*******$1");
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACT, censor: "[redacted]" },
      formatters: { level: (label) => ({ level: label }) },
      hooks: {
        logMethod(args, method) {
          const masked = args.map((a) => (typeof a === "string" ? maskPhone(a) : a));
          method.apply(this, masked as Parameters<typeof method>);
        },
      },
    },
    destination ?? pino.destination({ dest: 2, sync: false }),
  );
}

/**
 * Standard output, written in blocks of at least 4 KB, and at least every half second: a write per line
 * cost each acknowledgement a system call (a third of its CPU on a loaded machine). Whatever is left is
 * written before the process exits.
 */
export function bufferedStdout(): pino.DestinationStream {
  const out = pino.destination({ dest: 1, sync: false, minLength: 4096 });
  setInterval(() => out.flush(), 500).unref();
  process.once("exit", () => out.flushSync());
  return out;
}
