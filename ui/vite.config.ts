import { defineConfig } from "vitest/config";
import { svelte } from "@sveltejs/vite-plugin-svelte";

// Built into ui/dist, which tauri.conf.json serves; no dev server, no CDN:
// every asset (the Khmer font included) is bundled.
export default defineConfig({
  plugins: [svelte()],
  clearScreen: false,
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "safari16",
    // Inline nothing: the CSP allows scripts, styles and fonts from 'self' only.
    assetsInlineLimit: 0,
  },
  test: {
    include: ["src/**/*.test.ts"],
    environment: "node",
  },
});
