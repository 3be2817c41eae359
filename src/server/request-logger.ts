import type { FastifyBaseLogger } from "fastify";

type Bindings = Parameters<FastifyBaseLogger["child"]>[0];
type ChildOptions = NonNullable<Parameters<FastifyBaseLogger["child"]>[1]>;

type LogMethod = "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";

/**
 * A request's logger that makes the real child logger (with the request's bindings, its
 * RequestId) only when something logs through it: a request answered as usual never does (its
 * line goes through the server's logger, with the RequestId as a field), so it never pays for a
 * child logger.
 */
class LazyChildLogger {
  #child: FastifyBaseLogger | undefined;
  readonly #parent: FastifyBaseLogger;
  readonly #bindings: Bindings;
  readonly #options: ChildOptions;

  constructor(parent: FastifyBaseLogger, bindings: Bindings, options: ChildOptions) {
    this.#parent = parent;
    this.#bindings = bindings;
    this.#options = options;
  }

  #real(): FastifyBaseLogger {
    return (this.#child ??= this.#parent.child(this.#bindings, this.#options));
  }

  get level(): string {
    return this.#child?.level ?? this.#options.level ?? this.#parent.level;
  }

  set level(level: string) {
    this.#real().level = level;
  }

  #call(method: LogMethod, args: unknown[]): void {
    const real = this.#real();
    Reflect.apply(real[method], real, args);
  }

  fatal(...args: unknown[]): void {
    this.#call("fatal", args);
  }
  error(...args: unknown[]): void {
    this.#call("error", args);
  }
  warn(...args: unknown[]): void {
    this.#call("warn", args);
  }
  info(...args: unknown[]): void {
    this.#call("info", args);
  }
  debug(...args: unknown[]): void {
    this.#call("debug", args);
  }
  trace(...args: unknown[]): void {
    this.#call("trace", args);
  }
  silent(...args: unknown[]): void {
    this.#call("silent", args);
  }
  child(...args: Parameters<FastifyBaseLogger["child"]>): FastifyBaseLogger {
    return this.#real().child(...args);
  }
}

/**
 * Fastify's `childLoggerFactory` for the server: each request gets a logger that logs as a
 * child of the server's (its lines carry the request's RequestId) but is made on first use.
 *
 * @example
 * ```ts
 * import { lazyChildLogger } from "./request-logger";
 *
 * const made: unknown[] = [];
 * const parent = { child: (bindings: object) => (made.push(bindings), { info: (...args: unknown[]) => void made.push(args) }) };
 * const logger = lazyChildLogger(parent as never, { RequestId: "R-1" }, {});
 * expect(made).toEqual([]); // nothing made until something logs
 * logger.info({ reason: "example" }, "logged through the request");
 * expect(made).toEqual([{ RequestId: "R-1" }, [{ reason: "example" }, "logged through the request"]]);
 * ```
 */
export function lazyChildLogger(logger: FastifyBaseLogger, bindings: Bindings, options: ChildOptions): FastifyBaseLogger {
  return new LazyChildLogger(logger, bindings, options);
}
