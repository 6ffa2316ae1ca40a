// The browser tests run with @playwright/test against Debian's Chromium (browsers cannot be
// downloaded here) and a release build that scripts/test.sh starts: one worker, because the
// tests share one server and database and some count what others left; ten minutes per test
// so one that hangs fails instead of holding CI; a trace of every failed test to open with
// `npx playwright show-trace`.
import { defineConfig } from '@playwright/test';
import { CHROMIUM } from './tests/helpers.mjs';

export default defineConfig({
  testDir: './tests',
  testMatch: /.*\.test\.mjs$/,
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 600_000,
  reporter: [['list']],
  outputDir: './test-results',
  use: {
    baseURL: process.env.BASE_URL ?? 'http://127.0.0.1:3000',
    trace: 'retain-on-failure',
    launchOptions: CHROMIUM,
  },
});
