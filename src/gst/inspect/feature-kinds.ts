// The kinds of registry features gst-inspect lists (a plain list: the CLI's flags load no zod).
export const FEATURE_KINDS = ['element', 'typefind', 'tracer', 'device-provider', 'dynamic-type', 'other'] as const;
