import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    // The API runs separately in development; in production it serves this build on the same origin.
    proxy: { '/api': { target: 'http://localhost:3000' } },
  },
  build: { sourcemap: true },
});
