// Whether a page's figures are live, in words with a shape (DESIGN.md §4): 实时更新中 (● green)
// while the live socket is open, the polling interval while it has fallen back to polling.
import { StatusTag } from '../../components/status-tag';
import type { LiveStatus } from '../../lib/live';

export function LiveIndicator({ id, live, pollingText }: { id: string; live: LiveStatus | null; pollingText: string }) {
  if (live === 'live') return <StatusTag id={id} tone='open' text='实时更新中' />;
  if (live === 'polling') return <StatusTag id={id} tone='neutral' text={pollingText} />;
  return <StatusTag id={id} tone='neutral' text='正在连接…' />;
}
