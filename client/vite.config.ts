import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

const clientDir = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: clientDir,
  plugins: [vue()],
  resolve: {
    alias: [{ find: /^@preau\/shared$/, replacement: fileURLToPath(new URL('../shared/src/index.ts', import.meta.url)) }],
  },
  define: {
    // Build flags of Vue and vue-i18n: no Options API, no legacy i18n API, no devtools in production.
    __VUE_OPTIONS_API__: false,
    __VUE_PROD_DEVTOOLS__: false,
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: false,
    __VUE_I18N_LEGACY_API__: false,
    __VUE_I18N_FULL_INSTALL__: true,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // dist/.vite/manifest.json maps each route's view to its chunks, for `npm run bench:client`.
    manifest: true,
    target: 'es2022',
    rollupOptions: {
      output: {
        // The shared schemas bring zod; give them one named chunk that only the screens using them load.
        manualChunks: (id) => (/\/shared\/src\/|\/node_modules\/zod\//.test(id) ? 'shared-schemas' : undefined),
      },
    },
  },
  server: {
    proxy: {
      '/api': 'http://localhost:3000',
      // Live events; the server checks the Origin of the upgrade against the Host, so the host is left as the browser sent it.
      '/socket.io': { target: 'http://localhost:3000', ws: true },
    },
  },
});
