import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * Writes `sw.js` beside the build: the service worker (src/shell/service-worker.js)
 * with the list of the build's files to keep and a version made from their names,
 * which carry their content's hash, and from the page itself.
 */
function serviceWorker(): Plugin {
  return {
    name: 'inbox-service-worker',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle).filter((name) => !name.startsWith('.vite/') && !name.endsWith('.map')).sort();
      const page = bundle['index.html'];
      const version = createHash('sha256').update(files.join('\n')).update(page && page.type === 'asset' ? String(page.source) : '').digest('hex').slice(0, 16);
      const shell = ['/index.html', ...files.filter((name) => name !== 'index.html').map((name) => `/${name}`)];
      const source = readFileSync(here('src/shell/service-worker.js'), 'utf8').replace('__VERSION__', version).replace('__SHELL__', JSON.stringify(shell));
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}

/**
 * The agents' web app. Vite 8 transforms TSX itself (oxc); the React plugin
 * is not needed for a production build. The socket protocol is compiled from
 * the realtime library itself, so server and client cannot drift apart.
 */
export default defineConfig({
  root: here('.'),
  base: '/',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic' } },
  plugins: [serviceWorker()],
  resolve: {
    alias: {
      '@inbox/realtime-protocol': here('../../libs/realtime/src/socket-protocol.ts'),
      '@inbox/whatsapp-metadata': here('../../libs/channels/contract/src/whatsapp-metadata.ts'),
    },
  },
  build: {
    outDir: here('dist'),
    emptyOutDir: true,
    target: 'es2022',
    // Only the inbox is on the first load; supervisor and admin screens are separate chunks.
    manifest: true,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 800,
    rolldownOptions: {
      onwarn(warning, warn) {
        // React Server Components' "use client" markers mean nothing in a client-only bundle.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000', '/socket.io': { target: 'ws://127.0.0.1:3000', ws: true } },
  },
});
