/**
 * What the server tests share: a memory store with the sample instance, a server both through
 * Fastify's `inject` and on a real socket (the same calls go through either), and signed calls
 * made with the Alibaba Cloud SDK's own signing code (`OpenApiUtil` of `@alicloud/openapi-core`),
 * never with the server's.
 */
import { createHash } from "node:crypto";
import { request as httpRequest } from "node:http";
import { $OpenApiUtil, OpenApiUtil } from "@alicloud/openapi-core";
import type { FastifyInstance } from "fastify";
import { SAMPLE_INSTANCE } from "../../src/examples/sample-instance";
import { createServer, serve, type ServeOptions, type ServerOptions } from "../../src/server/index";
import { memoryStore, registerInstance, type StateStore } from "../../src/store/index";

/** The clock of the server tests. */
export const NOW = new Date("2026-03-02T08:00:00Z");
export const now = () => NOW;

/** The access key the signed tests configure. */
export const KEY_ID = "LTAI-test-key";
export const KEY_SECRET = "test-secret-1";
export const ACCESS_KEYS: ReadonlyMap<string, string> = new Map([[KEY_ID, KEY_SECRET]]);
export const ADMIN_TOKEN = "admin-token-0123456789";

/** A memory store with the sample instance rm-demo registered (version 1, no jobs). */
export async function sampleStore(): Promise<StateStore> {
  const store = memoryStore();
  const { jobs: _jobs, version: _version, ...sample } = SAMPLE_INSTANCE;
  const registered = await registerInstance(store, sample);
  if (!registered.ok) throw new Error(registered.error.message);
  return store;
}

/** A call as a test sends it, through either transport. */
export interface TestCall {
  readonly method: string;
  readonly url: string;
  /** A `host` here replaces the one the transport would send. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Headers sent once per item (a header repeated). */
  readonly repeatedHeaders?: Readonly<Record<string, readonly string[]>>;
  readonly body?: string | Buffer;
}

/** An answer as a test reads it. */
export interface TestAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly text: string;
  /** The body as JSON, or undefined when it is not JSON. */
  readonly json: Record<string, unknown> | undefined;
}

/** A server under test: calls go through `send`, and `close` stops it (the test's `finally`/`afterEach` calls it). */
export interface TestServer {
  readonly transport: Transport;
  readonly server: FastifyInstance;
  readonly send: (call: TestCall) => Promise<TestAnswer>;
  readonly close: () => Promise<void>;
  /** The JSON log lines written so far. */
  readonly logs: () => Record<string, unknown>[];
  /** The host:port the socket transport listens on (`localhost:80` for inject). */
  readonly host: string;
}

export type Transport = "inject" | "socket";
export const TRANSPORTS: readonly Transport[] = ["inject", "socket"];

/** Starts a server over the given (or a fresh sample) store, reached by inject or by a real socket on 127.0.0.1. */
export async function startServer(transport: Transport, options: Partial<ServeOptions> = {}): Promise<TestServer> {
  const lines: string[] = [];
  const serverOptions: ServerOptions = {
    now,
    log: { write: (line) => lines.push(line) },
    ...options,
    store: options.store ?? (await sampleStore()),
  };
  const logs = () =>
    lines.flatMap((line) => line.split("\n").filter((part) => part !== "")).map((line) => JSON.parse(line) as Record<string, unknown>);
  if (transport === "inject") {
    const built = createServer(serverOptions);
    if (!built.ok) throw new Error(built.message);
    const { server } = built;
    const send = async (call: TestCall): Promise<TestAnswer> => {
      const answer = await server.inject({
        method: call.method as "GET",
        url: call.url,
        headers: headersOf(call),
        ...(call.body === undefined ? {} : { payload: call.body }),
      });
      return answerOf(answer.statusCode, answer.headers as Record<string, string>, answer.body);
    };
    return { transport, server, send, close: () => server.close(), logs, host: "localhost:80" };
  }
  const running = await serve({ ...serverOptions, host: "127.0.0.1", port: 0, handleSignals: false });
  if (!running.ok) throw new Error(running.message);
  const send = async (call: TestCall): Promise<TestAnswer> => {
    // fetch sets Host itself and joins repeated headers: such calls go through node:http, which sends them as given.
    if (call.repeatedHeaders !== undefined || (call.headers !== undefined && "host" in call.headers)) return sendRaw(running.url, call);
    const response = await fetch(new URL(call.url, running.url), {
      method: call.method,
      headers: { ...call.headers },
      ...(call.body === undefined ? {} : { body: call.body }),
    });
    return answerOf(response.status, Object.fromEntries(response.headers), await response.text());
  };
  return { transport, server: running.server, send, close: running.close, logs, host: new URL(running.url).host };
}

function headersOf(call: TestCall): Record<string, string | string[]> {
  return {
    ...call.headers,
    ...Object.fromEntries(Object.entries(call.repeatedHeaders ?? {}).map(([name, values]) => [name, [...values]])),
  };
}

/** A call through node:http, with its headers exactly as given (a Host of the caller's choosing, repeated headers). */
function sendRaw(base: string, call: TestCall): Promise<TestAnswer> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      {
        host: hostname,
        port,
        method: call.method,
        path: call.url,
        setHost: !("host" in (call.headers ?? {})),
        headers: headersOf(call),
        agent: false,
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
        incoming.on("end", () =>
          resolve(answerOf(incoming.statusCode ?? 0, incoming.headers as Record<string, string>, Buffer.concat(chunks).toString("utf8"))),
        );
        incoming.on("error", reject);
      },
    );
    outgoing.on("error", reject);
    outgoing.end(call.body);
  });
}

function answerOf(status: number, headers: Record<string, string>, text: string): TestAnswer {
  let json: Record<string, unknown> | undefined;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = undefined;
  }
  return { status, headers, text, json };
}

/** A fresh RequestId: an upper-case UUID. */
export const REQUEST_ID = /^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/;

/** `x-acs-date` / `Timestamp` as the SDK writes it (UTC to the second). */
export function signedDate(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/**
 * A V3 (`ACS3-HMAC-SHA256`) signed POST / with the parameters in the query and the action in
 * `x-acs-action`, as today's SDKs send it, signed by the SDK's `OpenApiUtil.getAuthorization`.
 */
export function v3Call(
  params: Readonly<Record<string, string>>,
  options: {
    action?: string;
    keyId?: string;
    secret?: string;
    date?: Date;
    nonce?: string;
    body?: string;
    extraHeaders?: Readonly<Record<string, string>>;
    /** Headers sent but left out of the signature (added after signing; a content-type here replaces the signed one). */
    unsignedHeaders?: Readonly<Record<string, string>>;
  } = {},
): TestCall {
  const body = options.body ?? "";
  const unsigned = options.unsignedHeaders ?? {};
  const headers: Record<string, string> = {
    "x-acs-action": options.action ?? "CreateBackup",
    "x-acs-version": "2014-08-15",
    "x-acs-date": signedDate(options.date ?? NOW),
    "x-acs-signature-nonce": options.nonce ?? createHash("sha256").update(`${Math.random()}`).digest("hex"),
    "x-acs-content-sha256": createHash("sha256").update(body).digest("hex"),
    ...(body === "" || "content-type" in unsigned ? {} : { "content-type": "application/x-www-form-urlencoded" }),
    ...options.extraHeaders,
  };
  const request = { method: "POST", pathname: "/", query: { ...params }, headers };
  const payloadHash = headers["x-acs-content-sha256"]!;
  const authorization = OpenApiUtil.getAuthorization(
    request as never,
    "ACS3-HMAC-SHA256",
    payloadHash,
    options.keyId ?? KEY_ID,
    options.secret ?? KEY_SECRET,
  );
  return {
    method: "POST",
    url: `/?${new URLSearchParams(params).toString().replaceAll("+", "%20")}`,
    headers: { ...headers, ...unsigned, authorization },
    ...(body === "" ? {} : { body }),
  };
}

/** A V1 (`HMAC-SHA1`) signed call, signed by the SDK's `OpenApiUtil.getRPCSignature`; GET with the query, or a form POST. */
export function v1Call(
  params: Readonly<Record<string, string>>,
  options: {
    method?: "GET" | "POST";
    keyId?: string;
    secret?: string;
    date?: Date;
    nonce?: string;
    extraHeaders?: Readonly<Record<string, string>>;
  } = {},
): TestCall {
  const method = options.method ?? "GET";
  const signed: Record<string, string> = {
    Format: "JSON",
    Version: "2014-08-15",
    AccessKeyId: options.keyId ?? KEY_ID,
    SignatureMethod: "HMAC-SHA1",
    SignatureVersion: "1.0",
    SignatureNonce: options.nonce ?? createHash("sha256").update(`${Math.random()}`).digest("hex"),
    Timestamp: signedDate(options.date ?? NOW),
    ...params,
  };
  const Signature = OpenApiUtil.getRPCSignature(signed, method, options.secret ?? KEY_SECRET);
  const text = new URLSearchParams({ ...signed, Signature }).toString();
  const extra = options.extraHeaders ?? {};
  return method === "GET"
    ? { method, url: `/?${text}`, headers: { ...extra } }
    : { method, url: "/", headers: { "content-type": "application/x-www-form-urlencoded", ...extra }, body: text };
}

/** An SDK config for the server at `host` (`127.0.0.1:PORT`), plain HTTP. */
export function sdkConfig(host: string, options: { keyId?: string; secret?: string; v1?: boolean; headers?: Record<string, string> } = {}) {
  return new $OpenApiUtil.Config({
    accessKeyId: options.keyId ?? KEY_ID,
    accessKeySecret: options.secret ?? KEY_SECRET,
    endpoint: host,
    protocol: "http",
    ...(options.v1 === true ? { signatureAlgorithm: "v2" } : {}),
    ...(options.headers === undefined ? {} : { globalParameters: new $OpenApiUtil.GlobalParameters({ headers: options.headers }) }),
  });
}
