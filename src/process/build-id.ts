// This build of the CLI: a hash of its compiled modules, set in the bundle by scripts/bundle-cli.mjs,
// for caches of what the program itself computed (a parser's output changes with the parser).
// undefined when running tsc's modules (the library, the unit tests): such caches are then not used.
declare const __LYDLR_GST_BUILD__: string | undefined;

export const BUILD_ID: string | undefined = typeof __LYDLR_GST_BUILD__ === 'string' ? __LYDLR_GST_BUILD__ : undefined;
