import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { transform } from "esbuild";

export async function resolve(specifier, context, nextResolve) {
  // The sources import each other without extensions, as the bundler allows.
  if (specifier.startsWith(".") && !/\.([cm]?[jt]s|json)$/.test(specifier) && context.parentURL?.endsWith(".ts")) {
    return nextResolve(`${specifier}.ts`, context);
  }
  return nextResolve(specifier, context);
}

export async function load(url, context, nextLoad) {
  // The editor imports the spec's JSON Schema as the bundler does, without an import attribute.
  if (url.endsWith(".json") && context.importAttributes?.type !== "json") {
    return { format: "module", source: `export default ${await readFile(fileURLToPath(url), "utf8")};`, shortCircuit: true };
  }
  if (!url.endsWith(".ts")) return nextLoad(url, context);
  const source = await readFile(fileURLToPath(url), "utf8");
  const { code } = await transform(source, { loader: "ts", format: "esm", sourcefile: fileURLToPath(url), target: "es2022" });
  return { format: "module", source: code, shortCircuit: true };
}
