// import() of what stays outside the CLI bundle: a package left external (graphviz's WebAssembly) or a
// user's module (LYDLR_JOBS). The bundle runs as a V8-cached script (bin/lydlr-gst.cjs), where Node 20
// drops import()'s loader ("A dynamic import callback was not specified"), so the launcher, an ES
// module, lends its own import(); the library (tsc's ES modules) uses import() as is.
const LAUNCHER_IMPORT = Symbol.for('lydlr-gst.import');

type Importer = (specifier: string) => Promise<unknown>;

export function importExternal(specifier: string): Promise<unknown> {
  const launcher = (globalThis as { [LAUNCHER_IMPORT]?: Importer })[LAUNCHER_IMPORT];
  return launcher ? launcher(specifier) : import(specifier);
}
