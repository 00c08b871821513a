import { defineConfig } from "vite";

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
    // `npm run dev`: the page on :5173 talks to the local stack's API.
    proxy: { "/trees": "http://127.0.0.1:3000", "/runs": "http://127.0.0.1:3000" },
  },
});
