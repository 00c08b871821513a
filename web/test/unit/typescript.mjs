// Lets `node --test` import the dashboard's TypeScript modules: a load hook that strips the types with esbuild (the
// compiler vite itself uses), so the unit tests run the very files the build bundles.
import { register } from "node:module";

register("./typescript-hooks.mjs", import.meta.url);
