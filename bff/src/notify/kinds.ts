// What a domain declares its notification kinds with (its `notifications.ts`): per kind, the
// platform template it is sent with (or in-app only), what it says on each channel, and whether it
// describes one appointment at one time. The outbox, the worker and the inbox read everything
// about a kind from here; the kinds a client may receive are the API contract's list
// (NOTIFICATION_KINDS in @palm/shared/server), which kinds.ts holds the declarations to exactly.
import type { NotificationKind, NotificationTemplateKey } from '@palm/shared/server';
import { APPOINTMENT_NOTIFICATIONS } from '../appointments/notifications';
import { GRANT_NOTIFICATIONS } from '../grants/notifications';
import { IDENTITY_NOTIFICATIONS } from '../identity/notifications';
import { LICENCE_NOTIFICATIONS } from '../licences/notifications';
import { QUEUE_NOTIFICATIONS } from '../queue/notifications';
import { REPORT_NOTIFICATIONS } from '../reports/notifications';
import type { KindSpec } from './kind-spec';

export type { KindSpec } from './kind-spec';

/** Every domain's kinds: a new domain adds its own here, once; its kinds are its business. */
const DOMAINS = [QUEUE_NOTIFICATIONS, APPOINTMENT_NOTIFICATIONS, IDENTITY_NOTIFICATIONS, GRANT_NOTIFICATIONS, LICENCE_NOTIFICATIONS, REPORT_NOTIFICATIONS] as const;

type Declared = (typeof DOMAINS)[number] extends infer D ? (D extends unknown ? keyof D : never) : never;
/** Compile-time: the declared kinds are exactly the contract's — none missing, none extra. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const DECLARED_AS_IN_THE_CONTRACT: Same<Declared, NotificationKind> = true;
void DECLARED_AS_IN_THE_CONTRACT;

/**
 * The domains' kinds merged. A kind declared by two domains is a mistake (one would silently say
 * the other's words): refused when the module loads, so the app does not start.
 */
export function collectKinds(domains: readonly Readonly<Record<string, KindSpec>>[]): Record<string, KindSpec> {
  const all: Record<string, KindSpec> = {};
  for (const kinds of domains) {
    for (const [kind, spec] of Object.entries(kinds)) {
      if (Object.hasOwn(all, kind)) throw new Error(`notify: kind "${kind}" is declared by two domains`);
      all[kind] = spec;
    }
  }
  return all;
}

export const KINDS = collectKinds(DOMAINS) as Readonly<Record<NotificationKind, KindSpec>>;

/** The platform template each kind is sent with; null: in-app only. */
export const templateKeyOf = (kind: NotificationKind): NotificationTemplateKey | null => KINDS[kind].template;
