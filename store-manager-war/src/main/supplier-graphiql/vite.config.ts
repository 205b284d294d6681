import { defineConfig } from "vitest/config";

// The suppliers' GraphiQL page (README.md "GraphQL for suppliers"). Three files with fixed names, because the
// gateway (KrakenD CE) has no wildcard routes: krakend.json routes /store-api/graphql/ui/, .../graphiql.js and
// .../graphiql.css. They land in the WAR's classes (GraphiqlPageServlet serves them at /graphql/ui/); GraphiQL,
// React and graphql-js are bundled in, nothing is loaded from elsewhere.
// `npx vite`: a development server with hot reload on http://127.0.0.1:5173/store-api/graphql/ui/ (the page's
// path through the gateway, so that its relative GraphQL endpoint is the same), GraphQL proxied to the gateway.
declare const process: { env: Record<string, string | undefined> }; // Node's, without @types/node
const gateway = process.env.GATEWAY_URL ?? "http://127.0.0.1:8080";

export default defineConfig(({ command }) => ({
  base: command === "serve" ? "/store-api/graphql/ui/" : "./",
  server: { host: "127.0.0.1", proxy: { "^/store-api/graphql$": gateway } },
  esbuild: { jsx: "automatic", jsxImportSource: "react" },
  build: {
    outDir: "../../../target/classes/supplier-graphiql",
    emptyOutDir: true,
    target: "es2020",
    modulePreload: false,
    reportCompressedSize: true,
    // GraphiQL with CodeMirror 5 and React is one large bundle by nature; it is loaded once per visit.
    chunkSizeWarningLimit: 2500,
    rollupOptions: {
      // Radix UI's modules start with "use client" (React Server Components), which means nothing in a bundle.
      onwarn(warning, warn) {
        if (warning.code !== "MODULE_LEVEL_DIRECTIVE") warn(warning);
      },
      output: {
        inlineDynamicImports: true,
        entryFileNames: "graphiql.js",
        assetFileNames: "graphiql[extname]",
      },
    },
  },
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
  },
}));
