import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const controlPlane = process.env['BREAKWATER_URL'] ?? 'http://localhost:8080';

export default defineConfig({
  plugins: [react()],
  resolve: { conditions: ['@breakwater/source'] },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  server: {
    // `npm run dev -w @breakwater/admin` talks to a control plane started with `npm start`.
    proxy: {
      '/api': controlPlane,
      '/health': controlPlane,
      '/socket.io': { target: controlPlane, ws: true },
    },
  },
});
