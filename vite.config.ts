// The demo shop's dev server and static build (design.md: the root vite.config.ts is the demo's).
// Pages live in demo/src; `/api` goes to the shop backend. Ports come from the environment so
// `pnpm demo` and the tests can move them.
import { fileURLToPath } from 'node:url';
// `vite` is the demo's dependency, not the root's: import its types only (erased at load).
import type { UserConfig } from 'vite';

const demoSrc = fileURLToPath(new URL('./demo/src/', import.meta.url));
const pages = ['index', 'cart', 'checkout', 'review', 'result', 'orders', 'service'];

const config: UserConfig = {
  root: demoSrc,
  publicDir: fileURLToPath(new URL('./demo/public/', import.meta.url)),
  clearScreen: false,
  build: {
    outDir: fileURLToPath(new URL('./demo/dist/', import.meta.url)),
    emptyOutDir: true,
    rollupOptions: {
      input: Object.fromEntries(pages.map((page) => [page, `${demoSrc}${page}.html`])),
    },
  },
  server: {
    host: '127.0.0.1',
    port: Number(process.env.DEMO_PORT ?? 5173),
    strictPort: true,
    proxy: {
      '/api': process.env.SHOP_BACKEND_URL ?? `http://127.0.0.1:${process.env.SHOP_PORT ?? 8787}`,
    },
  },
  preview: {
    host: '127.0.0.1',
    port: Number(process.env.DEMO_PORT ?? 5173),
    strictPort: true,
  },
};

export default config;
