// Jest globalTeardown (bff and e2e projects): ends the run's owner session opened by
// global-setup.ts, so the next run's setup sees this run as finished and drops its databases.
const state = globalThis as { palmTestOwner?: { end(): Promise<void> } };

export default async function globalTeardown(): Promise<void> {
  const owner = state.palmTestOwner;
  state.palmTestOwner = undefined;
  await owner?.end().catch(() => undefined);
}
