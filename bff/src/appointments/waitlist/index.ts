// 候补: the use cases (service.ts), promotion's lock protocol (promotion.ts), their SQL
// (statements.ts), the refusals (rules.ts) and the holder's view (view.ts).
export { WaitlistService, type JoinInput } from './service';
export type { Promotion, PromotionResult } from './promotion';
export { WAITLIST_CLOSES_MINUTES } from './rules';
export type { WaitlistEntryRow } from './view';
