import { defineConfig } from 'vite';

/**
 * Built by `npm run build:web` (part of `npm run build`) into web/dist, which the API serves (src/web/).
 * No React plugin: Oxc compiles JSX for the production build, and there is no dev server to hot-reload.
 */
export default defineConfig({
  base: '/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    rolldownOptions: {
      onwarn(warning, warn) {
        // react-router marks its modules "use client" (for React Server Components); meaningless in this build.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
});
