// `gantry new plugin <name>`: scaffolds a third-party plugin package (plain ESM JavaScript, no build
// step): a plugin object with one example loss, a README, and a spec that uses it via `plugins`.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { GantryError } from "@gantry/core";

const NAME = /^(@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/;

function files(name: string, coreVersion: string): Record<string, string> {
  const short = name.replace(/^@[^/]+\//, "");
  return {
    "package.json": JSON.stringify({
      name, version: "0.1.0", description: `A Gantry plugin: ${short}`, type: "module",
      exports: { ".": "./index.js" }, files: ["index.js", "README.md", "example.yaml"], keywords: ["gantry-plugin"],
      peerDependencies: { "@gantry/core": `^${coreVersion}`, "@tensorflow/tfjs-core": "4.22.0" },
    }, null, 2) + "\n",
    "index.js": `// ${name}: a Gantry plugin. A plugin is a plain frozen object; nothing registers itself on import.
// Each entry has a kind, a name, a zod params schema and a create function (see @gantry/core's README).
import { definePlugin, entry, tf, z } from "@gantry/core";

/** A least-squares-style loss with a configurable margin, on logits (an example to replace). */
export function marginLoss({ margin }) {
  return {
    output: "critic",
    discriminator: (real, fake) => tf.tidy(() => tf.add(
      tf.mean(tf.square(tf.sub(real, margin))), tf.mean(tf.square(tf.add(fake, margin))))),
    generator: (fake) => tf.tidy(() => tf.mean(tf.square(tf.sub(fake, margin)))),
  };
}

export const plugin = definePlugin({
  name: ${JSON.stringify(name)},
  version: "0.1.0",
  provides: [
    entry({
      kind: "loss", name: ${JSON.stringify(`${short}-margin`)}, description: "least squares with a margin (example)",
      params: z.object({ margin: z.number().positive().default(1) }).strict(),
      create: (params) => marginLoss(params),
    }),
  ],
});
`,
    "example.yaml": `# Uses the plugin by package name: install it next to @gantry/cli, then \`gantry run example.yaml\`.
name: ${short}-example
seed: 1
plugins: [${name}]
nodes:
  data:      { use: dataset/ring }
  generator: { use: network/mlp, params: { input: 8, hidden: [64], output: 2 } }
  critic:    { use: network/mlp, params: { input: 2, hidden: [64], output: 1 } }
  train:
    use: method/alternating
    with: { data: data, generator: generator, discriminator: critic, loss: { use: loss/${short}-margin, params: { margin: 1 } } }
    params: { steps: 200 }
`,
    "README.md": `# ${name}

A [Gantry](https://www.npmjs.com/package/@gantry/core) plugin.

\`\`\`sh
npm install -D @gantry/cli ${name}
npx gantry run node_modules/${name}/example.yaml   # a spec that lists ${name} in plugins
\`\`\`

From code: \`createRegistry().use(plugin)\` with \`import { plugin } from "${name}"\`.
Entries are plain objects with a zod params schema; see \`gantry list\` for the kinds and their ports,
and Gantry's docs/plugins.md for the plugin contract (peer dependencies, exports) and its semver promise.
`,
  };
}

export function newPluginCommand(name: string, options: { dir?: string; coreVersion: string }): string {
  if (!NAME.test(name)) {
    throw new GantryError("CLI_BAD_NAME", `"${name}" is not a valid npm package name`, { hint: "use lower case, digits and dashes, e.g. gantry-plugin-margin" });
  }
  const dir = resolve(options.dir ?? name.replace(/^@[^/]+\//, ""));
  if (existsSync(dir)) throw new GantryError("CLI_EXISTS", `${dir} already exists`, { hint: "choose another name or --dir" });
  mkdirSync(dir, { recursive: true });
  const out = files(name, options.coreVersion);
  for (const [file, text] of Object.entries(out)) writeFileSync(join(dir, file), text);
  return `created ${dir}: ${Object.keys(out).join(", ")}`;
}
