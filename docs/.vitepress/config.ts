// The documentation site: VitePress over docs/. `npm run docs:build` first writes the API reference
// (docs/api/, generated from TSDoc by docs/scripts/build-api.mjs), then builds; a dead link fails it.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig, type DefaultTheme } from "vitepress";

const repo = "https://github.com/gantry-gan/gantry";
const apiSidebarFile = fileURLToPath(new URL("../api/typedoc-sidebar.json", import.meta.url));
// Absent until docs/scripts/build-api.mjs has run (e.g. `vitepress dev` on a fresh clone).
const apiSidebar: DefaultTheme.SidebarItem[] = existsSync(apiSidebarFile)
  ? (JSON.parse(readFileSync(apiSidebarFile, "utf8")) as DefaultTheme.SidebarItem[])
  : [];

const adrs: DefaultTheme.SidebarItem[] = [
  ["0001-functional-params", "0001 Functional params"],
  ["0002-inversify-behind-define-plugin", "0002 Inversify behind definePlugin"],
  ["0003-backend-kernel-shims", "0003 Backend kernel shims"],
  ["0004-gradient-fixes", "0004 Gradient fixes"],
  ["0005-safetensors-checkpoints", "0005 Safetensors checkpoints"],
  ["0006-stock-gradients-from-the-union-package", "0006 Stock gradients (superseded)"],
  ["0007-regularizers-keyed-and-declarative", "0007 Regularizers keyed and declarative"],
  ["0008-players-and-method-length", "0008 Players and method length"],
  ["0009-adagan-rounds-are-methods", "0009 AdaGAN rounds are methods"],
  ["0010-sweeps-on-bullmq", "0010 Sweeps on BullMQ"],
  ["0011-stock-gradients-bundled-from-tfjs-core", "0011 Stock gradients from tfjs-core"],
  ["0012-native-backend", "0012 Native backend"],
  ["0013-gantry-kernels-backends-may-provide", "0013 Gantry kernels backends may provide"],
].map(([file, text]) => ({ text, link: `/adr/${file}` }));

export default defineConfig({
  title: "Gantry",
  description: "Train and evaluate GANs in TypeScript on TensorFlow.js",
  cleanUrls: true,
  // A dead internal link fails the build: `npm run docs:build` is the link check.
  ignoreDeadLinks: false,
  srcExclude: ["README.md", "scripts/**"],
  // The one chunk over Vite's 500 kB warning is the local search index (≈1.3 MB, API pages included),
  // loaded only when the search box opens.
  vite: { build: { chunkSizeWarningLimit: 2000 } },
  themeConfig: {
    nav: [
      { text: "Guide", link: "/guide/getting-started" },
      { text: "Recipes", link: "/recipes/vanishing-gradients" },
      { text: "API", link: "/api/" },
      { text: "Benchmarks", link: "/benchmarks" },
      { text: "Architecture", link: "/architecture" },
    ],
    sidebar: {
      "/api/": [{ text: "API reference", link: "/api/", items: apiSidebar }],
      "/": [
        { text: "Guide", items: [{ text: "Getting started", link: "/guide/getting-started" }] },
        {
          text: "Recipes",
          items: [
            { text: "Vanishing gradients", link: "/recipes/vanishing-gradients" },
            { text: "Mode collapse", link: "/recipes/mode-collapse" },
            { text: "Failure to converge", link: "/recipes/failure-to-converge" },
            { text: "Evaluation", link: "/recipes/evaluation" },
          ],
        },
        {
          text: "Reference",
          items: [
            { text: "API", link: "/api/" },
            { text: "Benchmarks", link: "/benchmarks" },
            { text: "Performance", link: "/performance" },
          ],
        },
        {
          text: "Design",
          items: [
            { text: "Architecture", link: "/architecture" },
            { text: "Writing a plugin", link: "/plugins" },
            { text: "Distributed sweeps", link: "/distributed" },
            { text: "Security", link: "/security" },
            { text: "Decisions (ADRs)", collapsed: true, items: adrs },
          ],
        },
      ],
    },
    socialLinks: [{ icon: "github", link: repo }],
    editLink: { pattern: `${repo}/edit/main/docs/:path` },
    search: { provider: "local" },
  },
});
