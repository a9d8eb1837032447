/** @jest-config-loader ts-node */
/** @jest-config-loader-options {"transpileOnly": true} */
// One Jest run, one project per workspace. Tests are compiled by SWC (type checking is its own
// step: `npm run typecheck`), which is about twice as fast as ts-jest on these machines.
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Config } from 'jest';

const swc: Config['transform'] = {
  '^.+\\.(t|j)sx?$': [
    '@swc/jest',
    { jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022' }, module: { type: 'commonjs' } },
  ],
};

// ESM-only dependencies that Jest must transform to CommonJS (light-my-request pulls in cookie@2,
// @fastify/swagger-ui content-disposition).
const esmOnly = ['cookie', 'chinese-days', 'jose', 'content-disposition'];
const transformIgnorePatterns = [`/node_modules/(?!(${esmOnly.join('|')})/)`];

const bffModules = {
  '^@palm/shared$': '<rootDir>/../shared/src/index.ts',
  '^@palm/shared/server$': '<rootDir>/../shared/src/server/index.ts',
  '^@palm/db$': '<rootDir>/../db/src/index.ts',
  '^@palm/db/client$': '<rootDir>/../db/src/generated/prisma/client.ts',
};

const config: Config = {
  // Jest's default (cores − 1) runs one file at a time on the 2-core machines here. Every test file
  // is isolated (its worker's own database and Redis logical database, bff/test/db.ts; its own BFF
  // and browser on port 0), and much of an E2E file's time is waiting on Chromium, timers or the
  // network. Measured on 2 cores (2026-12-07, the whole suite): two at a time 645 s with ~0.6 of a
  // core idle while E2E files wait; three at a time 558 s with the cores 94 % busy. Four would only
  // queue. The load three bring showed two waits that were too short (a pool wait in the
  // 500-takers test, a hash-only navigation in 办理中), both fixed. At most 8 (15 Redis databases).
  maxWorkers: Math.min(8, Math.max(3, availableParallelism() + 1)),
  // The browser suites first (scripts/test-sequencer.mjs says why).
  testSequencer: join(__dirname, 'scripts', 'test-sequencer.mjs'),
  projects: [
    {
      displayName: 'shared',
      rootDir: '<rootDir>/shared',
      testEnvironment: 'node',
      transform: swc,
      transformIgnorePatterns,
      testMatch: ['<rootDir>/test/**/*.test.ts'],
    },
    {
      // The database package, and the lint boundaries that keep seeds/ and bff/ apart.
      displayName: 'db',
      rootDir: '<rootDir>/db',
      testEnvironment: 'node',
      transform: swc,
      transformIgnorePatterns,
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      moduleNameMapper: bffModules,
    },
    {
      displayName: 'bff',
      rootDir: '<rootDir>/bff',
      testEnvironment: 'node',
      transform: swc,
      transformIgnorePatterns,
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      globalSetup: '<rootDir>/test/global-setup.ts',
      globalTeardown: '<rootDir>/test/global-teardown.ts',
      setupFiles: ['<rootDir>/test/setup-env.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/timeouts.ts'],
      moduleNameMapper: bffModules,
    },
    {
      displayName: 'miniapp',
      rootDir: '<rootDir>/miniapp',
      // Components render into jsdom through stand-ins for Taro's components and APIs; the code is
      // compiled by the app's own babel-preset-taro config (CommonJS under NODE_ENV=test).
      testEnvironment: 'jsdom',
      transform: { '^.+\\.(t|j)sx?$': ['babel-jest', { configFile: join(__dirname, 'miniapp', 'babel.config.js') }] },
      transformIgnorePatterns,
      testMatch: ['<rootDir>/__tests__/**/*.test.ts?(x)'],
      setupFiles: ['<rootDir>/__tests__/setup/env.ts'],
      setupFilesAfterEnv: ['<rootDir>/__tests__/setup/dom.ts'],
      moduleNameMapper: {
        '^@tarojs/components$': '<rootDir>/__tests__/__mocks__/taro-components.tsx',
        '^@tarojs/taro$': '<rootDir>/__tests__/__mocks__/taro.ts',
        '\\.(css|scss)$': '<rootDir>/__tests__/__mocks__/style.ts',
        '^@palm/shared$': '<rootDir>/../shared/src/index.ts',
        '^@palm/shared/server$': '<rootDir>/../shared/src/server/index.ts',
      },
    },
    {
      // The built apps: H5 in real Chromium, the compiled weapp/alipay bundles in Node, package
      // sizes, and the WeChat DevTools automator specs (run only where DevTools is installed).
      displayName: 'e2e',
      rootDir: '<rootDir>/miniapp',
      // Node's, plus whether a test failed, so the browser checks record what its pages showed.
      testEnvironment: '<rootDir>/e2e/support/environment.ts',
      transform: swc,
      // The compiled bundles are loaded as they are, never re-transformed.
      transformIgnorePatterns: [...transformIgnorePatterns, '<rootDir>/dist/'],
      testMatch: ['<rootDir>/e2e/**/*.test.ts'],
      globalSetup: '<rootDir>/e2e/support/global-setup.ts',
      globalTeardown: '<rootDir>/../bff/test/global-teardown.ts',
      setupFiles: ['<rootDir>/../bff/test/setup-env.ts'],
      setupFilesAfterEnv: ['<rootDir>/e2e/support/timeouts.ts'],
      moduleNameMapper: bffModules,
    },
  ],
};

export default config;
