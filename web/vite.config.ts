/// <reference types="vitest/config" />
// Two apps, one build: the HR console (index.html, served at /) and the
// mobile app (m/index.html, served at /m/). Both share src/shared/.
import { fileURLToPath, URL } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import vue from '@vitejs/plugin-vue';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// In dev, send deep links under /m/ to the mobile app's index.html, as the
// server does in production (Vite's own fallback would serve the console).
function mobileHistoryFallback(): Plugin {
  return {
    name: 'luodi-mobile-history-fallback',
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        const url = req.url ?? '';
        const path = url.split('?')[0] ?? '';
        const isPage = req.method === 'GET' && !/\.[a-z0-9]+$/i.test(path) && !path.startsWith('/m/@');
        if (isPage && (path === '/m' || path.startsWith('/m/')) && (req.headers.accept ?? '').includes('text/html')) {
          req.url = '/m/index.html';
        }
        next();
      });
    },
  };
}

export default defineConfig({
  base: '/',
  plugins: [vue(), mobileHistoryFallback()],
  resolve: {
    alias: {
      '@shared': here('./src/shared'),
      '@console': here('./src/console'),
      '@mobile': here('./src/mobile'),
    },
  },
  define: {
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    emptyOutDir: true,
    // Element Plus and Vant are each one big chunk, loaded only by their own app.
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      input: {
        console: here('./index.html'),
        mobile: here('./m/index.html'),
      },
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts'],
    css: false,
    server: { deps: { inline: ['element-plus', 'vant'] } },
  },
});
