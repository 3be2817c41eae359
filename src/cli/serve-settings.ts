import { nearestName } from "../index";
import { CliUsageError } from "./cli-io";

/** The options of `serve`, for `node:util` parseArgs; their defaults are applied by `readServeSettings`, which knows where each value came from. */
export const SERVE_FLAGS = {
  store: { type: "string" },
  host: { type: "string" },
  port: { type: "string" },
  "time-zone": { type: "string" },
  "daily-limit": { type: "string" },
  "admin-token-file": { type: "string" },
  "access-keys-file": { type: "string" },
  "connect-timeout": { type: "string" },
  "statement-timeout": { type: "string" },
  "request-timeout": { type: "string" },
  "grace-period": { type: "string" },
  "log-level": { type: "string" },
  "allowed-hosts": { type: "string" },
} as const;

/** One of `serve`'s flags, without its dashes. */
export type ServeFlag = keyof typeof SERVE_FLAGS;

/** The defaults of the flags that have one; the others are unset unless given. */
export const SERVE_DEFAULTS: Readonly<Partial<Record<ServeFlag, string>>> = {
  host: "127.0.0.1",
  port: "8080",
  "connect-timeout": "5s",
  "statement-timeout": "5s",
  "request-timeout": "15s",
  "grace-period": "30s",
  "log-level": "info",
};

/** The prefix of the environment variables that stand for `serve`'s flags. */
export const ENV_PREFIX = "RDS_BACKUP_RULES_";

/** pino's levels, quietest last. */
export const LOG_LEVELS = ["trace", "debug", "info", "warn", "error", "fatal", "silent"] as const;

/** One of pino's levels. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Where a setting's value came from. */
export type SettingSource = "flag" | "environment" | "default";

/** A setting as given: its text (undefined when nobody set it and it has no default) and its source. */
export interface GivenSetting {
  readonly text: string | undefined;
  readonly source: SettingSource;
}

/** What `serve` runs with, read from its flags, the environment and the defaults. */
export interface ServeSettings {
  /** The PostgreSQL URL; undefined for the in-memory store. */
  readonly store: string | undefined;
  readonly host: string;
  readonly port: number;
  /** The flags that build the policy, as `policyFromOptions` takes them. */
  readonly policyFlags: { readonly "time-zone"?: string; readonly "daily-limit"?: string };
  readonly adminTokenFile: string | undefined;
  readonly accessKeysFile: string | undefined;
  readonly connectTimeoutMs: number;
  readonly statementTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly gracePeriodMs: number;
  readonly logLevel: LogLevel;
  /** Lower-case host names (or addresses) the `Host` header may name beyond the listening address and loopback. */
  readonly allowedHosts: readonly string[];
  /** Every flag's text and source, for the start-up log and for messages that name where a value came from. */
  readonly given: Readonly<Record<ServeFlag, GivenSetting>>;
}

/**
 * The environment variable that stands for a flag: `RDS_BACKUP_RULES_` and the flag in upper
 * case, dashes as underscores.
 *
 * @example
 * ```ts
 * import { variableOf } from "./serve-settings";
 *
 * expect(variableOf("admin-token-file")).toBe("RDS_BACKUP_RULES_ADMIN_TOKEN_FILE");
 * ```
 */
export function variableOf(flag: ServeFlag): string {
  return `${ENV_PREFIX}${flag.toUpperCase().replaceAll("-", "_")}`;
}

/**
 * How a message names where a setting came from: `--flag` when given as a flag or by default,
 * the variable when it came from the environment.
 *
 * @example
 * ```ts
 * import { labelOf } from "./serve-settings";
 *
 * expect(labelOf("port", "flag")).toBe("--port");
 * expect(labelOf("port", "environment")).toBe("RDS_BACKUP_RULES_PORT");
 * ```
 */
export function labelOf(flag: ServeFlag, source: SettingSource): string {
  return source === "environment" ? variableOf(flag) : `--${flag}`;
}

/**
 * Each flag's text and source: the flag if given, else its environment variable (an empty
 * variable counts as unset), else its default. A `RDS_BACKUP_RULES_…` variable that stands for no
 * flag is a usage error (a typo would otherwise be ignored silently), with the nearest name.
 *
 * @example
 * ```ts
 * import { givenSettings } from "./serve-settings";
 *
 * const given = givenSettings({ port: "9000" }, { RDS_BACKUP_RULES_PORT: "9100", RDS_BACKUP_RULES_HOST: "::1", RDS_BACKUP_RULES_STORE: "" });
 * expect([given.port, given.host, given.store, given["log-level"]]).toEqual([
 *   { text: "9000", source: "flag" }, { text: "::1", source: "environment" }, { text: undefined, source: "default" }, { text: "info", source: "default" },
 * ]);
 * expect(() => givenSettings({}, { RDS_BACKUP_RULES_PROT: "1" })).toThrow("unknown environment variable RDS_BACKUP_RULES_PROT; did you mean RDS_BACKUP_RULES_PORT?");
 * ```
 */
export function givenSettings(
  flags: Readonly<Partial<Record<ServeFlag, string | undefined>>>,
  env: Readonly<Record<string, string | undefined>>,
): Record<ServeFlag, GivenSetting> {
  const names = Object.keys(SERVE_FLAGS) as ServeFlag[];
  const variables = names.map(variableOf);
  for (const variable of Object.keys(env).sort()) {
    if (!variable.startsWith(ENV_PREFIX) || variables.includes(variable)) continue;
    const nearest = nearestName(
      variable.slice(ENV_PREFIX.length),
      variables.map((name) => name.slice(ENV_PREFIX.length)),
    );
    throw new CliUsageError(
      `unknown environment variable ${variable}${nearest === undefined ? "" : `; did you mean ${ENV_PREFIX}${nearest}?`} (serve reads ${ENV_PREFIX}<FLAG> for each of its flags)`,
    );
  }
  const given = {} as Record<ServeFlag, GivenSetting>;
  for (const flag of names) {
    const fromFlag = flags[flag];
    const fromEnv = env[variableOf(flag)];
    given[flag] =
      fromFlag !== undefined
        ? { text: fromFlag, source: "flag" }
        : fromEnv !== undefined && fromEnv !== ""
          ? { text: fromEnv, source: "environment" }
          : { text: SERVE_DEFAULTS[flag], source: "default" };
  }
  return given;
}

/**
 * Reads `serve`'s settings from its parsed flags and the environment (`givenSettings`), each
 * checked: a port, durations, a log level, a host list. A value that is wrong is a usage error
 * naming the flag, or the variable it came from.
 *
 * @example
 * ```ts
 * import { readServeSettings } from "./serve-settings";
 *
 * const settings = readServeSettings({ "grace-period": "2s" }, { RDS_BACKUP_RULES_ALLOWED_HOSTS: "rds.internal, Backup.Example" });
 * expect([settings.port, settings.gracePeriodMs, settings.requestTimeoutMs, settings.allowedHosts]).toEqual([8080, 2_000, 15_000, ["rds.internal", "backup.example"]]);
 * expect(() => readServeSettings({}, { RDS_BACKUP_RULES_PORT: "http" })).toThrow('RDS_BACKUP_RULES_PORT must be a port number from 0 to 65535; received "http"');
 * ```
 */
export function readServeSettings(
  flags: Readonly<Partial<Record<ServeFlag, string | undefined>>>,
  env: Readonly<Record<string, string | undefined>>,
): ServeSettings {
  const given = givenSettings(flags, env);
  const label = (flag: ServeFlag) => labelOf(flag, given[flag].source);
  const text = (flag: ServeFlag) => given[flag].text;
  const timeZone = text("time-zone");
  const dailyLimit = text("daily-limit");
  return {
    store: text("store"),
    host: text("host") ?? "127.0.0.1",
    port: readPort(text("port") ?? "8080", label("port")),
    policyFlags: {
      ...(timeZone === undefined ? {} : { "time-zone": timeZone }),
      ...(dailyLimit === undefined ? {} : { "daily-limit": dailyLimit }),
    },
    adminTokenFile: text("admin-token-file"),
    accessKeysFile: text("access-keys-file"),
    connectTimeoutMs: readDuration(text("connect-timeout") ?? "5s", label("connect-timeout"), 1),
    statementTimeoutMs: readDuration(text("statement-timeout") ?? "5s", label("statement-timeout"), 1),
    requestTimeoutMs: readDuration(text("request-timeout") ?? "15s", label("request-timeout"), 1),
    gracePeriodMs: readDuration(text("grace-period") ?? "30s", label("grace-period"), 0),
    logLevel: readLogLevel(text("log-level") ?? "info", label("log-level")),
    allowedHosts: readHostList(text("allowed-hosts"), label("allowed-hosts")),
    given,
  };
}

/**
 * Runs `read`, and when it throws a usage error naming `--flag` for a value that came from the
 * environment, names the variable instead (the rule set's and the store's messages name flags).
 *
 * @example
 * ```ts
 * import { CliUsageError } from "./cli-io";
 * import { naming } from "./serve-settings";
 *
 * const fail = () => { throw new CliUsageError("--daily-limit must be a positive integer"); };
 * expect(() => naming("daily-limit", "environment", fail)).toThrow(/^RDS_BACKUP_RULES_DAILY_LIMIT must be a positive integer$/);
 * expect(() => naming("daily-limit", "flag", fail)).toThrow(/^--daily-limit must be/);
 * ```
 */
export function naming<T>(flag: ServeFlag, source: SettingSource, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof CliUsageError) || source !== "environment") throw error;
    throw new CliUsageError(error.message.replace(`--${flag}`, variableOf(flag)), error.violation);
  }
}

/** The longest duration a flag takes: a day. */
const MAX_DURATION_MS = 86_400_000;
const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/**
 * A duration as the flags take it: a whole number and a unit, `ms`, `s`, `m` or `h` (`500ms`,
 * `5s`, `2m`), from `minMs` to a day; a bare number is refused, as its unit would be a guess.
 *
 * @example
 * ```ts
 * import { readDuration } from "./serve-settings";
 *
 * expect([readDuration("500ms", "--x", 1), readDuration("5s", "--x", 1), readDuration("2m", "--x", 1), readDuration("0s", "--x", 0)]).toEqual([500, 5_000, 120_000, 0]);
 * expect(() => readDuration("5", "--connect-timeout", 1)).toThrow('--connect-timeout must be a duration such as 5s, 500ms or 2m, from 1ms to 24h; received "5"');
 * expect(() => readDuration("0s", "--connect-timeout", 1)).toThrow("from 1ms to 24h");
 * ```
 */
export function readDuration(text: string, label: string, minMs: number): number {
  const match = /^([0-9]{1,9})(ms|s|m|h)$/.exec(text.trim());
  const ms = match === null ? Number.NaN : Number(match[1]) * (UNIT_MS[match[2]!] ?? Number.NaN);
  if (!(ms >= minMs && ms <= MAX_DURATION_MS)) {
    throw new CliUsageError(
      `${label} must be a duration such as 5s, 500ms or 2m, from ${minMs}ms to 24h; received ${JSON.stringify(text)}`,
    );
  }
  return ms;
}

function readPort(text: string, label: string): number {
  if (!/^[0-9]{1,5}$/.test(text) || Number(text) > 65535)
    throw new CliUsageError(`${label} must be a port number from 0 to 65535; received ${JSON.stringify(text)}`);
  return Number(text);
}

function readLogLevel(text: string, label: string): LogLevel {
  const level = LOG_LEVELS.find((known) => known === text.trim().toLowerCase());
  if (level === undefined) throw new CliUsageError(`${label} must be one of ${LOG_LEVELS.join(", ")}; received ${JSON.stringify(text)}`);
  return level;
}

/** A host name, an IPv4 address, or an IPv6 address in brackets; no port, no white space. */
const HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\.?|\[[0-9a-f:.]+\])$/;

function readHostList(text: string | undefined, label: string): readonly string[] {
  if (text === undefined) return [];
  const hosts = text.split(",").map((host) => host.trim().toLowerCase());
  const wrong = hosts.find((host) => !HOST.test(host));
  if (wrong !== undefined) {
    throw new CliUsageError(
      `${label} takes host names separated by commas (no port, IPv6 in brackets); ${JSON.stringify(wrong)} is not one`,
    );
  }
  return hosts;
}

/** The text that stands for a password or secret in the log. */
const MASK = "*****";

/**
 * A PostgreSQL URL with its password masked (in the user part and in a `password` or
 * `sslpassword` parameter), for the log; any other text as it is.
 *
 * @example
 * ```ts
 * import { maskUrl } from "./serve-settings";
 *
 * expect(maskUrl("postgres://app:s3cr%40t@db:5432/rds?sslmode=require")).toBe("postgres://app:*****@db:5432/rds?sslmode=require");
 * expect(maskUrl("postgresql://app@db/rds?password=s3cret&application_name=x")).toBe("postgresql://app@db/rds?password=*****&application_name=x");
 * expect(maskUrl("postgres://db/rds")).toBe("postgres://db/rds");
 * ```
 */
export function maskUrl(url: string): string {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(url)?.[0];
  if (scheme === undefined) return url;
  const rest = url.slice(scheme.length);
  // The user part ends at the last "@" (a password may hold an unencoded one); masking too much is safe.
  const at = rest.lastIndexOf("@");
  const colon = rest.indexOf(":");
  const user = at >= 0 && colon >= 0 && colon < at ? `${rest.slice(0, colon)}:${MASK}@${rest.slice(at + 1)}` : rest;
  return `${scheme}${user}`.replace(/([?&](?:ssl)?password=)[^&#]*/gi, `$1${MASK}`);
}

/** Where the PostgreSQL password comes from, as libpq (and pg) look for it. */
function passwordSource(url: string, env: Readonly<Record<string, string | undefined>>): string {
  if (maskUrl(url) !== url) return "the URL";
  if ((env["PGPASSWORD"] ?? "") !== "") return "environment PGPASSWORD";
  return "libpq's password file (PGPASSFILE, else ~/.pgpass), if it has a line for this database; else none";
}

/**
 * The settings as the start-up log line shows them: each flag's value (the URL's password
 * masked; a secret file by its path, never its content) and its source (`flag`, `environment`
 * with the variable's name, or `default`), and, with a PostgreSQL store, where its password comes from.
 *
 * @example
 * ```ts
 * import { readServeSettings, settingsForLog } from "./serve-settings";
 *
 * const env = { RDS_BACKUP_RULES_STORE: "postgres://app:pw@db/rds" };
 * const shown = settingsForLog(readServeSettings({ port: "0" }, env), env);
 * expect(shown.store).toEqual({ value: "postgres://app:*****@db/rds", source: "environment RDS_BACKUP_RULES_STORE" });
 * expect(shown.port).toEqual({ value: "0", source: "flag --port" });
 * expect(shown["time-zone"]).toEqual({ value: null, source: "default" });
 * expect(shown["store-password"]).toEqual({ source: "the URL" });
 * ```
 */
export function settingsForLog(
  settings: ServeSettings,
  env: Readonly<Record<string, string | undefined>>,
): Record<string, { value?: string | null; source: string }> {
  const shown: Record<string, { value?: string | null; source: string }> = {};
  for (const [flag, { text, source }] of Object.entries(settings.given) as [ServeFlag, GivenSetting][]) {
    const value = text === undefined ? null : flag === "store" ? maskUrl(text) : text;
    shown[flag] = { value, source: source === "default" ? "default" : `${source} ${labelOf(flag, source)}` };
  }
  if (settings.store !== undefined) shown["store-password"] = { source: passwordSource(settings.store, env) };
  return shown;
}
