// 候补: the use cases (service.ts), promotion's lock protocol (promotion.ts), their SQL
// (statements.ts), the refusals (rules.ts) and the holder's view (view.ts).
import type { AppointmentJobStep } from '../jobs';
import { WaitlistService } from './service';

export { WaitlistService, type JoinInput } from './service';
export type { Promotion, PromotionResult } from './promotion';
export { WAITLIST_CLOSES_MINUTES } from './rules';
export type { WaitlistEntryRow } from './view';

/** The minute job's step (jobs.ts): promote, free and expire what the routes' promotions left. */
export const waitlistJobStep: AppointmentJobStep = {
  name: 'waitlist',
  run: (app) => new WaitlistService(app).runJob(),
};
