import { defineConfig } from "vite";

const api = process.env.FAILOVER_API_URL ?? "http://127.0.0.1:3000";

// The API function serves dist/ from the binary: index.html at GET / and every other file at GET /assets/<file>.
// One flat assets folder, hashed names (cached for a year), no inline scripts (the CSP allows only 'self').
export default defineConfig({
  base: "/",
  build: {
    outDir: "dist",
    assetsDir: "assets",
    emptyOutDir: true,
    target: "es2022",
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
    reportCompressedSize: false,
  },
  server: {
    // `npm run dev` (and `vite preview`): the page talks to the local stack's API, or to $FAILOVER_API_URL.
    proxy: { "/trees": api, "/runs": api, "/imports": api },
  },
});
