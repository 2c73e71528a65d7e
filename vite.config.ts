import { vitePlugin as remix } from "@remix-run/dev";
import autoprefixer from "autoprefixer";
import tailwindcss from "tailwindcss";
import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";
import remixOptions from "./remix.config.js";

const isVitest = Boolean(process.env.VITEST);

export default defineConfig({
  server: { port: 3000 },
  css: {
    postcss: {
      plugins: [
        tailwindcss({
          content: ["./app/**/*.{ts,tsx}"],
          theme: { extend: {} },
        }),
        autoprefixer(),
      ],
    },
  },
  plugins: [...(isVitest ? [] : [remix(remixOptions)]), tsconfigPaths()],
  test: {
    include: ["app/**/*.test.ts", "test/integration/**/*.test.ts", "scripts/**/*.test.ts"],
    globalSetup: ["test/integration/global-setup.ts"],
    setupFiles: ["test/integration/setup-each.ts"],
    pool: "forks",
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
