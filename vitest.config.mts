import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{main,contract,preload,renderer,scripts,testing,bench}/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
  },
});
