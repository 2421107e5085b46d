// The web simulator's bundle: web/ (index.html, main.ts, the panels) with host/board, host/sim and
// host/report as they are, and build/firmware.wasm as a file of its own, into dist/web/ (tsc's
// CLI build is dist/host/). Relative paths, so the folder can be served from anywhere.

import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const root = fileURLToPath(new URL(".", import.meta.url));
const repo = fileURLToPath(new URL("..", import.meta.url));

export default defineConfig({
  root,
  base: "./",
  publicDir: false,
  resolve: {
    // The report inlines Vega's browser build; the package does not export that file.
    alias: [{ find: /^calmfoot-vega-browser(\?raw)$/, replacement: `${repo}node_modules/vega/build/vega.min.js$1` }],
  },
  build: {
    outDir: `${repo}dist/web`,
    emptyOutDir: true,
    target: "es2022",
    // The firmware stays a file (never inlined as base64), fetched and compiled as it is.
    assetsInlineLimit: 0,
    // Vega (for the report) is a chunk of its own, loaded only when a report is asked for.
    chunkSizeWarningLimit: 2000,
    reportCompressedSize: false,
  },
  server: { fs: { allow: [repo] } },
});
