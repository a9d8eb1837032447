// The facts people ask at the window first: how long, how much, where and how it can be done.
import type { ServiceGuide } from '@palm/shared/server';
import { Cell } from '../../components/cell';
import { formatPromisedDays } from '../../lib/format';

function channels(guide: ServiceGuide): string {
  const ways = ['窗口办理'];
  if (guide.channels.online) ways.push('网上办理');
  if (guide.channels.proxy) ways.push('可代办');
  return ways.join('、');
}

export function GuideFacts({ guide }: { guide: ServiceGuide }) {
  return (
    <>
      <Cell title='承诺时限' value={formatPromisedDays(guide.promisedDays)} />
      <Cell title='法定时限' value={`${guide.legalDays}个工作日`} />
      <Cell title='收费' value={guide.fee.display} description={guide.fee.note ?? undefined} />
      <Cell title='办理方式' value={channels(guide)} description={guide.channels.appointmentRequired ? '需要先预约' : '无需预约，可直接到窗口'} />
      <Cell title='办理部门' value={guide.department} />
    </>
  );
}
