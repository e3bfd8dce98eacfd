// The typed records that gst-inspect-1.0 output is parsed into (zod schemas; types inferred).
import { z } from 'zod';
import { FEATURE_KINDS } from './feature-kinds.js';

// Integers past 2^53 (uint64 ranges) stay exact as strings; everything else is a number.
const numeric = z.union([z.number(), z.string()]);

export { FEATURE_KINDS } from './feature-kinds.js';
export const featureKindSchema = z.enum(FEATURE_KINDS);

export const featureSchema = z.object({
  plugin: z.string(),
  name: z.string(),
  kind: featureKindSchema,
  /** Long name (element), extensions as printed (typefind), or the factory type (others). */
  description: z.string(),
  extensions: z.array(z.string()).optional(),
  factoryType: z.string().optional(),
});

export const listingSchema = z.object({
  features: z.array(featureSchema),
  /** Plugins that appear in the listing (at least one feature), sorted. */
  plugins: z.array(z.string()),
  /** The `Total count:` line; null when it was missing (a crashed or cut-off listing). */
  totals: z.object({ plugins: z.number(), features: z.number(), blacklisted: z.number() }).nullable(),
  /** Plugins counted in the totals but never named: they registered no feature (e.g. nvcodec without a GPU). */
  featurelessPlugins: z.number(),
  /** Features parsed and plugins accounted for both match the `Total count:` line. */
  consistent: z.boolean(),
  unparsed: z.array(z.string()),
});

export const capsStructureSchema = z.object({
  name: z.string(),
  /** Caps features such as memory:GLMemory; empty for system memory. */
  features: z.array(z.string()),
  /** Field values exactly as GStreamer serializes them, e.g. "{ (string)avc, (string)byte-stream }". */
  fields: z.record(z.string(), z.string()),
});

export const capsSchema = z.object({ any: z.boolean(), structures: z.array(capsStructureSchema) });

export const enumValueSchema = z.object({ value: z.number(), nick: z.string(), description: z.string() });

export const propertyTypeSchema = z.enum([
  'Boolean', 'Integer', 'Unsigned Integer', 'Integer64', 'Unsigned Integer64', 'Long', 'Unsigned Long',
  'Float', 'Double', 'String', 'Enum', 'Flags', 'Caps', 'Object', 'Boxed', 'Pointer', 'Fraction',
  'ValueArray', 'Array', 'Unknown',
]);

export const propertySchema = z.object({
  name: z.string(),
  blurb: z.string(),
  /** As printed: readable, writable, controllable, deprecated, "changeable only in NULL or READY state", … */
  flags: z.array(z.string()),
  type: propertyTypeSchema,
  /** The GType behind Enum, Flags, Object, Boxed, Pointer and array types. */
  typeName: z.string().optional(),
  range: z.object({ min: numeric, max: numeric }).optional(),
  /** Boolean, number (or exact string past 2^53), string, fraction "a/b"; null when GStreamer prints null. */
  default: z.union([z.boolean(), z.number(), z.string(), z.null()]).optional(),
  /** Enum: the default's nick; Flags: the nicks set in the default. */
  defaultNicks: z.array(z.string()).optional(),
  values: z.array(enumValueSchema).optional(),
  caps: capsSchema.optional(),
});

export const padTemplateSchema = z.object({
  name: z.string(),
  direction: z.enum(['src', 'sink', 'unknown']),
  presence: z.enum(['always', 'sometimes', 'request', 'unknown']),
  caps: capsSchema,
  padType: z.string().optional(),
  padProperties: z.array(propertySchema),
});

export const pluginDetailsSchema = z.object({
  name: z.string(),
  description: z.string().optional(),
  filename: z.string().optional(),
  version: z.string().optional(),
  license: z.string().optional(),
  sourceModule: z.string().optional(),
  documentation: z.string().optional(),
  releaseDate: z.string().optional(),
  binaryPackage: z.string().optional(),
  originUrl: z.string().optional(),
  /** Every key as printed, including ones not named above. */
  fields: z.record(z.string(), z.string()),
});

export const rankSchema = z.object({ name: z.string(), value: z.number() });

export const factoryDetailsSchema = z.object({
  rank: rankSchema.optional(),
  longName: z.string().optional(),
  klass: z.string().optional(),
  description: z.string().optional(),
  author: z.string().optional(),
  documentation: z.string().optional(),
  fields: z.record(z.string(), z.string()),
});

export const elementInfoSchema = z.object({
  kind: z.literal('element'),
  name: z.string(),
  factory: factoryDetailsSchema,
  plugin: pluginDetailsSchema.nullable(),
  hierarchy: z.array(z.string()),
  interfaces: z.array(z.string()),
  padTemplates: z.array(padTemplateSchema),
  clocking: z.object({ requiresClock: z.boolean(), providesClock: z.boolean(), notes: z.array(z.string()) }),
  uriHandler: z.object({ type: z.string(), protocols: z.array(z.string()) }).nullable(),
  pads: z.array(z.object({ name: z.string(), direction: z.enum(['src', 'sink', 'unknown']), template: z.string().optional() })),
  properties: z.array(propertySchema),
  signals: z.array(z.string()),
  actions: z.array(z.string()),
  children: z.array(z.string()),
  presets: z.array(z.object({ name: z.string(), comment: z.string().optional() })),
});

export const pluginInfoSchema = z.object({
  kind: z.literal('plugin'),
  name: z.string(),
  plugin: pluginDetailsSchema,
  features: z.array(z.object({ name: z.string(), description: z.string() })),
  /** The summary under the feature list: element, typefind, tracer, device-provider, other → count. */
  featureCounts: z.record(z.string(), z.number()),
  totalFeatures: z.number().optional(),
});

export const typefindInfoSchema = z.object({
  kind: z.literal('typefind'),
  name: z.string(),
  rank: rankSchema.optional(),
  caps: z.array(z.string()),
  extensions: z.array(z.string()),
  plugin: pluginDetailsSchema.nullable(),
});

export const tracerInfoSchema = z.object({
  kind: z.literal('tracer'),
  name: z.string(),
  plugin: pluginDetailsSchema.nullable(),
  hierarchy: z.array(z.string()),
});

export const notFoundSchema = z.object({
  kind: z.literal('not-found'),
  name: z.string(),
  suggestions: z.array(z.string()),
  /** Set when the listing knows the name but gst-inspect cannot describe it (device providers, dynamic types). */
  feature: featureSchema.optional(),
});

export const describeResultSchema = z.discriminatedUnion('kind', [
  elementInfoSchema, pluginInfoSchema, typefindInfoSchema, tracerInfoSchema, notFoundSchema,
]);

export type FeatureKind = z.infer<typeof featureKindSchema>;
export type Feature = z.infer<typeof featureSchema>;
export type Listing = z.infer<typeof listingSchema>;
export type CapsStructure = z.infer<typeof capsStructureSchema>;
export type Caps = z.infer<typeof capsSchema>;
export type EnumValue = z.infer<typeof enumValueSchema>;
export type PropertyType = z.infer<typeof propertyTypeSchema>;
export type Property = z.infer<typeof propertySchema>;
export type PadTemplate = z.infer<typeof padTemplateSchema>;
export type PluginDetails = z.infer<typeof pluginDetailsSchema>;
export type FactoryDetails = z.infer<typeof factoryDetailsSchema>;
export type ElementInfo = z.infer<typeof elementInfoSchema>;
export type PluginInfo = z.infer<typeof pluginInfoSchema>;
export type TypefindInfo = z.infer<typeof typefindInfoSchema>;
export type TracerInfo = z.infer<typeof tracerInfoSchema>;
export type NotFound = z.infer<typeof notFoundSchema>;
export type DescribeResult = z.infer<typeof describeResultSchema>;
