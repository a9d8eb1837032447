// The window's buttons. Each is enabled only when its step is legal from the current number's
// status (TICKET_TRANSITIONS, the same table the BFF enforces) and the window's state; a line of
// words says why 叫下一位 is unavailable, so a disabled button never goes unexplained.
import { Text, View } from '@tarojs/components';
import { canTransition, type TicketAction } from '@palm/shared';
import type { CounterDetail } from '@palm/shared/server';
import { Button } from '../../components/button';
import type { TicketStep } from '../../api/counters';

export type PanelAction = 'call-next' | TicketStep | 'transfer';

const STEPS: ReadonlyArray<{ action: TicketStep | 'transfer'; label: string; variant: 'primary' | 'secondary' | 'danger' }> = [
  { action: 'recall', label: '重呼', variant: 'secondary' },
  { action: 'skip', label: '过号', variant: 'danger' },
  { action: 'start', label: '开始办理', variant: 'primary' },
  { action: 'finish', label: '办结', variant: 'primary' },
  { action: 'transfer', label: '转办', variant: 'secondary' },
];

export interface ActionsProps {
  detail: CounterDetail;
  busy: PanelAction | null;
  onAction: (action: PanelAction) => void;
}

function callNextHint(detail: CounterDetail): string | null {
  if (!detail.canOperate) return '您可以查看本窗口，叫号等操作由窗口工作人员进行。';
  if (detail.state !== 'OPEN') return '窗口未开放：点“开窗”后才能叫号。';
  if (detail.current) return `请先办结、过号或转办 ${detail.current.displayNumber}，再叫下一位。`;
  return null;
}

export function Actions({ detail, busy, onAction }: ActionsProps) {
  const current = detail.current;
  const hint = callNextHint(detail);
  const isLegal = (action: TicketAction) => detail.canOperate && current !== null && canTransition(action, current.status);
  return (
    <View className='palm-stack counter__actions'>
      <Button
        id='counter-call-next'
        isBlock
        className='counter__call-next'
        isDisabled={hint !== null || (busy !== null && busy !== 'call-next')}
        isLoading={busy === 'call-next'}
        onClick={() => onAction('call-next')}
      >
        叫下一位
      </Button>
      {hint ? (
        <Text id='counter-call-next-hint' className='palm-secondary'>
          {hint}
        </Text>
      ) : null}
      <View className='counter__buttons'>
        {STEPS.map(({ action, label, variant }) => (
          <Button
            key={action}
            id={`counter-${action}`}
            variant={variant}
            className='counter__step'
            isDisabled={!isLegal(action) || (busy !== null && busy !== action)}
            isLoading={busy === action}
            onClick={() => onAction(action)}
          >
            {label}
          </Button>
        ))}
      </View>
    </View>
  );
}
