// Subscription messages ("快到您了", "请到 3 号窗口") on WeChat and Alipay. The platform shows its
// own prompt only from a tap (WeChat ≥ 2.8.2), so the template ids are fetched beforehand and the
// prompt is the first thing the 取号 tap does. None of this may ever stop someone taking a number:
// every failure is swallowed. H5 has no such prompt and asks nothing.
import Taro from '@tarojs/taro';
import { request } from '../api/request';

export type SubscribePlatform = 'weapp' | 'alipay';

interface TemplateList {
  items: Array<{ kind: string; templateId: string }>;
}

/** The platform that has subscription messages, or null (H5). Read at call time: tests switch it. */
export function subscribePlatform(): SubscribePlatform | null {
  if (process.env.TARO_ENV === 'weapp') return 'weapp';
  if (process.env.TARO_ENV === 'alipay') return 'alipay';
  return null;
}

/** Which screen asks: 取号 and the ticket page ask for the queue templates, 预约 for the reminder. */
export type SubscribeScene = 'ticket' | 'appointment';

/**
 * Template ids to ask for on one screen (at most 3, the platforms' limit); none on H5, when
 * unconfigured or on any failure. The BFF lists only the scene's templates.
 */
export async function loadSubscribeTemplates(scene: SubscribeScene = 'ticket'): Promise<string[]> {
  const platform = subscribePlatform();
  if (!platform) return [];
  try {
    const { items } = await request<TemplateList>('/api/notifications/templates', { query: { platform, scene }, isQuiet: true, shouldRedirectToLogin: false });
    return [...new Set(items.map((item) => item.templateId).filter(Boolean))].slice(0, 3);
  } catch {
    return [];
  }
}

type PromptResult = Record<string, unknown> & { result?: { subscribeEntityIds?: unknown } };

/** WeChat answers per id ('accept' …); Alipay may instead list the accepted ids. */
function acceptedIn(result: PromptResult, id: string): boolean {
  const answer = result[id];
  if (answer === 'accept' || answer === 'acceptWithAudio') return true;
  const listed = result.result?.subscribeEntityIds;
  return Array.isArray(listed) && listed.includes(id);
}

/**
 * Shows the platform's prompt for `templateIds` and records the answer with the BFF. Call it
 * synchronously from the tap handler (before any await), or WeChat refuses to show the prompt.
 * Resolves when the person has answered; never rejects.
 */
export function askToSubscribe(templateIds: readonly string[]): Promise<void> {
  const platform = subscribePlatform();
  if (!platform || templateIds.length === 0) return Promise.resolve();
  let prompt: Promise<unknown>;
  try {
    const ids = [...templateIds];
    // Alipay names the ids entityIds, WeChat tmplIds (Taro's type wrongly requires both).
    const option = (platform === 'alipay' ? { entityIds: ids } : { tmplIds: ids }) as unknown as Taro.requestSubscribeMessage.Option;
    prompt = Promise.resolve(Taro.requestSubscribeMessage(option));
  } catch (error) {
    prompt = Promise.reject(error);
  }
  return prompt.then(
    (raw) => {
      const result = (raw ?? {}) as PromptResult;
      const accepted = templateIds.filter((id) => acceptedIn(result, id));
      const rejected = templateIds.filter((id) => !accepted.includes(id));
      // Recorded in the background: the person is not kept waiting for it.
      request('/api/notifications/subscriptions', { method: 'POST', data: { platform, accepted, rejected }, isQuiet: true, shouldRedirectToLogin: false }).catch(() => undefined);
    },
    () => undefined,
  );
}
