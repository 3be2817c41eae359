/** The three inputs of a case, exactly as typed. */
export interface SharedCase {
  readonly state: string;
  readonly request: string;
  readonly context: string;
}

/** The fragment's format: `#1.` then the case, compressed. Another format gets another number. */
const PREFIX = "1.";

/** A case larger than this, uncompressed, is not read from a link (a small link can inflate to gigabytes). */
export const MAX_CASE_BYTES = 1 << 20;

/**
 * The URL fragment (without `#`) that holds a case: the three texts as a JSON array, UTF-8,
 * compressed with the browser's `CompressionStream("deflate-raw")`, in base64url. JSON escapes
 * every character a text box can hold (lone surrogates included), so `decodeCase` gives back the
 * same three strings, code unit for code unit. Nothing leaves the browser: the fragment is never
 * sent to a server.
 *
 * @example
 * ```ts
 * import { decodeCase, encodeCase } from "./share-link";
 *
 * const shared = { state: '{\n  "instanceId": "rm-demo"\n}', request: "Action=CreateBackup&DBInstanceId=rm-demo", context: '{"now":"2026-03-02T08:00:00Z"}' };
 * const fragment = await encodeCase(shared);
 * expect(fragment).toMatch(/^1\.[A-Za-z0-9_-]+$/);
 * expect(await decodeCase(fragment)).toEqual({ ok: true, shared });
 * expect(await decodeCase("1.not-deflate")).toEqual({ ok: false, problem: "the link's case is damaged (it does not decompress)" });
 * ```
 */
export async function encodeCase(shared: SharedCase): Promise<string> {
  const json = JSON.stringify([shared.state, shared.request, shared.context]);
  const compressed = await new Response(
    new Blob([new TextEncoder().encode(json)]).stream().pipeThrough(new CompressionStream("deflate-raw")),
  ).arrayBuffer();
  return PREFIX + toBase64Url(new Uint8Array(compressed));
}

/** The case a fragment holds, or why it holds none. */
export type DecodedCase = { readonly ok: true; readonly shared: SharedCase } | { readonly ok: false; readonly problem: string };

/**
 * The case in a fragment written by `encodeCase` (with or without its `#`). Never throws: a
 * fragment of another format, damaged, or inflating beyond `MAX_CASE_BYTES` is a problem in words.
 *
 * @example
 * ```ts
 * import { decodeCase } from "./share-link";
 *
 * expect(await decodeCase("#rules")).toEqual({ ok: false, problem: "the link's fragment is not a case of this playground" });
 * ```
 */
export async function decodeCase(fragment: string): Promise<DecodedCase> {
  const body = fragment.startsWith("#") ? fragment.slice(1) : fragment;
  if (!body.startsWith(PREFIX) || !/^[A-Za-z0-9_-]*$/.test(body.slice(PREFIX.length))) {
    return { ok: false, problem: "the link's fragment is not a case of this playground" };
  }
  const bytes = fromBase64Url(body.slice(PREFIX.length));
  const inflated = bytes === undefined ? { ok: false as const, tooLarge: false } : await inflate(bytes);
  if (!inflated.ok) {
    return {
      ok: false,
      problem: inflated.tooLarge
        ? `the link's case is larger than ${MAX_CASE_BYTES} bytes`
        : "the link's case is damaged (it does not decompress)",
    };
  }
  let texts: unknown;
  try {
    texts = JSON.parse(inflated.text);
  } catch {
    return { ok: false, problem: "the link's case is damaged (it is not the three inputs)" };
  }
  if (!Array.isArray(texts) || texts.length !== 3 || !texts.every((text) => typeof text === "string")) {
    return { ok: false, problem: "the link's case is damaged (it is not the three inputs)" };
  }
  const [state, request, context] = texts as [string, string, string];
  return { ok: true, shared: { state, request, context } };
}

/** The UTF-8 text of deflate-raw bytes, at most MAX_CASE_BYTES of it; not ok when they do not inflate, are not UTF-8 or inflate beyond. */
async function inflate(
  bytes: Uint8Array<ArrayBuffer>,
): Promise<{ readonly ok: true; readonly text: string } | { readonly ok: false; readonly tooLarge: boolean }> {
  try {
    const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw")).getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_CASE_BYTES) {
        await reader.cancel();
        return { ok: false, tooLarge: true };
      }
      chunks.push(value);
    }
    const all = new Uint8Array(size);
    let at = 0;
    for (const chunk of chunks) {
      all.set(chunk, at);
      at += chunk.byteLength;
    }
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(all) };
  } catch {
    return { ok: false, tooLarge: false };
  }
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (let at = 0; at < bytes.length; at += 0x8000) binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | undefined {
  try {
    const binary = atob(text.replaceAll("-", "+").replaceAll("_", "/"));
    return Uint8Array.from(binary, (char) => char.charCodeAt(0));
  } catch {
    return undefined;
  }
}
