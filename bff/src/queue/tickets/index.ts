// Queue tickets: the use cases (service.ts), their SQL (statements.ts) and the holder's view (view.ts).
export { TicketService, type IssueInput } from './service';
export { activeKeyOf } from './statements';
export type { TicketRow } from './view';
