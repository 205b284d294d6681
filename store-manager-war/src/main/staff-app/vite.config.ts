import { defineConfig } from "vitest/config";

// The staff app's build (docs/adr/0015-staff-web-app.md). Three files with fixed names, because the
// gateway (KrakenD CE) has no wildcard routes: krakend.json routes /app/, /app/app.js and /app/app.css.
// They land in the WAR's classes (StaffAppServlet serves them); chart.js and Preact are bundled in.
// `npx vite`: a development server with hot reload on 127.0.0.1:5173, the API proxied to the gateway.
declare const process: { env: Record<string, string | undefined> }; // Node's, without @types/node
const gateway = process.env.GATEWAY_URL ?? "http://127.0.0.1:8080";

export default defineConfig({
  base: "./",
  server: { host: "127.0.0.1", proxy: { "/store-api": gateway, "/payments-api": gateway } },
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
