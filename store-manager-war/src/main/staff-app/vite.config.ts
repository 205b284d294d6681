import { defineConfig } from "vitest/config";

// The staff app's build (docs/adr/0015-staff-web-app.md). Three files with fixed names, because the
// gateway (KrakenD CE) has no wildcard routes: krakend.json routes /app/, /app/app.js and /app/app.css.
// They land in the WAR's classes (StaffAppServlet serves them); chart.js and Preact are bundled in.
export default defineConfig({
  base: "./",
  esbuild: { jsx: "automatic", jsxImportSource: "preact" },
  build: {
    outDir: "../../../target/classes/staff-app",
    emptyOutDir: true,
    target: "es2020",
    modulePreload: false,
    reportCompressedSize: true,
    rollupOptions: {
      output: {
        inlineDynamicImports: true,
        entryFileNames: "app.js",
        assetFileNames: "app[extname]",
      },
    },
  },
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
  },
});
