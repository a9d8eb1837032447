// A periodic job as a list of named steps, run in order. Each step must be idempotent and safe on
// several instances at once (it claims its rows in SQL); a failing step is logged and the next run
// retries it, without holding up the steps after it.
import type { FastifyInstance } from 'fastify';

export interface JobStep {
  name: string;
  /** What it did, for the logs and the tests. */
  run(app: FastifyInstance): Promise<unknown>;
}

/** One pass of every step; what each reported, `{ error: true }` for one that failed. */
export async function runJobSteps(app: FastifyInstance, steps: readonly JobStep[], job: string): Promise<Record<string, unknown>> {
  const results: Record<string, unknown> = {};
  for (const step of steps) {
    try {
      results[step.name] = await step.run(app);
    } catch (err) {
      app.log.warn({ err, step: step.name }, `${job} step failed; the next run retries`);
      results[step.name] = { error: true };
    }
  }
  return results;
}
