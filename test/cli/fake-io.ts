import type { CliIo } from "../../src/cli/cli-io";

/** An injected world for the CLI: files by path (written back by `--write`), stdin, a fixed clock, and captured output. */
export function fakeIo(options: { files?: Record<string, string>; stdin?: string; now?: string } = {}) {
  const files: Record<string, string> = { ...options.files };
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    write: (text) => {
      stdout += text;
    },
    writeError: (text) => {
      stderr += text;
    },
    readFile: (path) => {
      const text = files[path];
      if (text === undefined) throw new Error(`ENOENT: no such file or directory, open '${path}'\n    at Object.openSync (node:fs:1)`);
      return text;
    },
    writeFile: (path, text) => {
      if (path.startsWith("/read-only/")) throw new Error(`EACCES: permission denied, open '${path}'`);
      files[path] = text;
    },
    readStdin: async () => options.stdin ?? "",
    now: () => new Date(options.now ?? "2026-03-02T08:00:00Z"),
    packageVersion: () => "9.8.7",
  };
  return { io, stdout: () => stdout, stderr: () => stderr, files: () => files };
}
