import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const api = process.env.SUMMITRY_API ?? "http://127.0.0.1:3000";

// The web client. `npm run build:client` writes dist/client, which the server serves;
// `npm run dev:client` serves it with hot reload, proxying the API to a running server.
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  plugins: [react()],
  // Every bare "zod" import in the client's bundle (shared/ included) goes through the module that
  // turns zod's eval-compiled parsers off first: the page's CSP refuses eval (see that file).
  resolve: {
    alias: [{ find: /^zod$/, replacement: fileURLToPath(new URL("src/core/zodJitless.ts", import.meta.url)) }],
  },
  build: {
    outDir: fileURLToPath(new URL("../dist/client", import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 600,
  },
  server: {
    proxy: {
      "/api": api,
      "/health": api,
      "/socket.io": { target: api, ws: true },
    },
  },
});
