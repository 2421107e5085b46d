// `calmfoot web`: serves the web simulator (the static files vite built into dist/web/) on this
// machine only (127.0.0.1), with sirv, and opens it in the browser. Nothing else is served and
// nothing is fetched from elsewhere: the page runs offline.

import { existsSync } from "node:fs";
import { type Server, createServer } from "node:http";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import sirv from "sirv";
import { InputError } from "./inputError.js";

/** The project root: the nearest folder above this file with a package.json (from host/ or dist/host/). */
function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json")) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/** Where `npm run build` puts the page. */
export const WEB_ROOT = join(projectRoot(), "dist", "web");

/** Starts serving dist/web on 127.0.0.1:`port` (0: any free port); resolves with the server and its URL. */
export async function serveWeb(port: number, root = WEB_ROOT): Promise<{ server: Server; url: string }> {
  if (!existsSync(join(root, "index.html"))) {
    throw new InputError(root, "the web simulator is not built (run npm run build)");
  }
  const files = sirv(root, { etag: true, dev: false });
  const server = createServer((req, res) => files(req, res, () => {
    res.statusCode = 404;
    res.end("not found");
  }));
  await new Promise<void>((resolve, reject) => {
    server.once("error", (err: NodeJS.ErrnoException) => {
      reject(err.code === "EADDRINUSE" ? new InputError(`--port ${port}`, "that port is in use (try another, or --port 0)") : err);
    });
    server.listen(port, "127.0.0.1", resolve);
  });
  const address = server.address();
  const actual = typeof address === "object" && address ? address.port : port;
  return { server, url: `http://127.0.0.1:${actual}/` };
}
