// The shape of one notification kind's declaration (a domain's notifications.ts, collected by
// kinds.ts). It imports nothing of any domain, so every domain may use it.
import type { NotificationTemplateKey } from '@palm/shared/server';

export type Rendered = { title: string; body: string };
/** A platform message's template data: keyword → value. */
export type TemplateData = Record<string, { value: string }>;

interface KindBase<F> {
  /** The in-app title and body, from the facts stored in the outbox row. */
  inApp(facts: F): Rendered;
  /**
   * Its facts describe one appointment at one time: the worker sends a platform row only while that
   * still holds, and the inbox says when the appointment was cancelled or moved since. With
   * `hideOnceCancelled` the inbox no longer lists it once the appointment is cancelled (a reminder
   * would send the person to a booking that is gone).
   */
  appointment?: { hideOnceCancelled: boolean };
}

/** In-app only (no platform template), or sent with a template: then its words per platform too. */
export type KindSpec<F = never> =
  | (KindBase<F> & { template: null })
  | (KindBase<F> & {
      template: NotificationTemplateKey;
      /** WeChat subscribe-message data (keywords as in notify/README.md). */
      wechat(facts: F): TemplateData;
      /** Alipay template data. */
      alipay(facts: F): TemplateData;
    });

/**
 * Declares a domain's kinds, each typed by its own facts; the outbox row's payload is those facts
 * (`never` here: a caller of a declared kind passes the stored payload, whatever its kind).
 */
export const defineKinds = <K extends string>(kinds: { [Kind in K]: KindSpec }): { readonly [Kind in K]: KindSpec } => kinds;

/** One kind's declaration with its facts' type checked against its renderers. */
export const kind = <F>(spec: KindSpec<F>): KindSpec => spec as unknown as KindSpec;
