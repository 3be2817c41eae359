import { createReadStream, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, sep } from "node:path";

/** The content types of the files the build writes. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".json": "application/json",
};

/** A plain static file server (no API, nothing but files): what any static host does. */
export interface StaticServer {
  /** The page's address: `http://127.0.0.1:<port><mount>`. */
  readonly url: string;
  /** Every path asked for, in order. */
  readonly requests: readonly string[];
  readonly close: () => Promise<void>;
}

/**
 * Serves `folder` at `mount` (a path ending in `/`) on a free loopback port: GET and HEAD of its
 * files, `index.html` for a folder, 404 for anything else.
 */
export async function startStaticServer(folder: string, mount = "/"): Promise<StaticServer> {
  const requests: string[] = [];
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    requests.push(path);
    const inside = path.startsWith(mount) ? normalize(join(folder, path.slice(mount.length))) : undefined;
    const file = inside === undefined || !(inside + sep).startsWith(folder + sep) ? undefined : fileAt(inside);
    if ((request.method !== "GET" && request.method !== "HEAD") || file === undefined) {
      response.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("not found");
      return;
    }
    response.writeHead(200, { "content-type": CONTENT_TYPES[extname(file)] ?? "application/octet-stream", "cache-control": "no-cache" });
    if (request.method === "HEAD") response.end();
    else createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${mount}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error === undefined ? resolve() : reject(error)));
      }),
  };
}

function fileAt(path: string): string | undefined {
  try {
    const stat = statSync(path);
    if (stat.isFile()) return path;
    if (stat.isDirectory() && statSync(join(path, "index.html")).isFile()) return join(path, "index.html");
  } catch {
    return undefined;
  }
  return undefined;
}
