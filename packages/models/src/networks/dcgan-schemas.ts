// Options of the DCGAN generator and discriminator as zod schemas (the registry parses spec params
// with them; code callers go through parseDcganOptions, which turns a zod failure into a GantryError).
import { GantryError, z } from "@gantry/core";

const imageSchema = z
  .tuple([z.int().positive(), z.int().positive(), z.int().positive()])
  .describe("[height, width, channels]; height = width = 7·2^k or 4·2^k (28, 32, 64, …)");

const numClassesSchema = z.int().min(2).optional().describe("classes of a conditional network (labels in ApplyContext)");

export const dcganGeneratorSchema = z.strictObject({
  latent: z.int().positive().default(100).describe("size of the latent vector z"),
  image: imageSchema.default([28, 28, 1]),
  width: z.int().positive().default(64).describe("channels of the last hidden layer; doubled at each coarser scale"),
  numClasses: numClassesSchema,
  embedDim: z.int().positive().default(50).describe("size of the label embedding concatenated to z (conditional only)"),
});

export const dcganDiscriminatorSchema = z.strictObject({
  image: imageSchema.default([28, 28, 1]),
  width: z.int().positive().default(64).describe("channels of the first convolution; doubled at each stride-2 step"),
  norm: z.enum(["none", "layer", "batch"]).default("batch").describe("batch breaks per-sample gradient penalties (WGAN-GP, R1): use none or layer with them"),
  numClasses: numClassesSchema,
  leak: z.number().min(0).max(1).default(0.2).describe("leakyReLU slope"),
});

export type DcganGeneratorOptions = z.input<typeof dcganGeneratorSchema>;
export type DcganGeneratorConfig = z.output<typeof dcganGeneratorSchema>;
export type DcganDiscriminatorOptions = z.input<typeof dcganDiscriminatorSchema>;
export type DcganDiscriminatorConfig = z.output<typeof dcganDiscriminatorSchema>;
export type DcganNorm = DcganDiscriminatorConfig["norm"];

/** Parses options; a bad one is a PARAMS_INVALID GantryError naming the field. */
export function parseDcganOptions<S extends z.ZodType>(schema: S, options: unknown, name: string): z.output<S> {
  const result = schema.safeParse(options ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new GantryError("PARAMS_INVALID", `network/${name}: ${issue.message}`, {
    where: { field: ["params", ...issue.path.map(String)].join(".") },
    hint: `see ${name} in the @gantry/models README`,
  });
}
