// Safe, deterministic defaults for every bff test file (jest `setupFiles`). Values already in the
// environment win, so a developer or CI can still point a run elsewhere.
const defaults: Record<string, string> = {
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  // Fixed test-only secrets: never used outside tests (production refuses the dev defaults).
  PALM_PII_KEY: 'palm-test-pii-key-not-a-secret',
  PALM_JWT_SECRET: 'palm-test-jwt-secret-0123456789abcdef-not-a-secret',
  // A Monday morning with the halls open (DESIGN.md §2), so tests never depend on the hour.
  PALM_CLOCK: '2026-11-23T09:30:00+08:00',
};

for (const [name, value] of Object.entries(defaults)) {
  if (process.env[name] === undefined) process.env[name] = value;
}
