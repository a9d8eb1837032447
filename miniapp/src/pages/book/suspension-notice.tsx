// Online booking suspended (3 no-shows in 30 days, DESIGN.md §4): the reason and the end date in
// plain words, that the hall's window still serves (现场办理不受影响), and 申诉 as a form in the
// page itself — never a modal (长辈版 allows no pop-ups, and a form in place is as clear for all).
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { appealSuspension, type BookingSuspension } from '../../api/appointments';
import { messageOf } from '../../api/errors';
import { Button } from '../../components/button';
import { Card } from '../../components/card';
import { ErrorState } from '../../components/error-state';
import { StatusTag } from '../../components/status-tag';
import { TextField } from '../../components/text-field';
import { dayLabel, shanghaiTime } from '../../features/appointments/words';

const MINUTE = 60_000;
/** SuspensionAppealBodySchema: a reason of at least 5 characters. */
const APPEAL_MIN_LENGTH = 5;

/** The last day of the suspension in words: an end at midnight is the day before's end. */
function untilLabel(endsAt: string): string {
  const shanghai = new Date(new Date(endsAt).getTime() + 8 * 60 * MINUTE - 1).toISOString();
  const time = shanghaiTime(endsAt);
  return time === '00:00' ? `${dayLabel(shanghai.slice(0, 10))}（含当天）` : `${dayLabel(shanghai.slice(0, 10))} ${time}`;
}

function Appeal({ suspension, onChange }: { suspension: BookingSuspension; onChange: (s: BookingSuspension) => void }) {
  const [isOpen, setIsOpen] = useState(false);
  const [text, setText] = useState('');
  const [isSending, setIsSending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (suspension.appealStatus === 'PENDING') return <StatusTag id='suspension-appeal-status' tone='notice' text='已提交申诉，正在处理' />;
  if (suspension.appealStatus === 'UPHELD') {
    return <Text id='suspension-appeal-status' className='book__line'>{`申诉未通过${suspension.decisionNote ? `：${suspension.decisionNote}` : ''}`}</Text>;
  }
  if (suspension.appealStatus === 'GRANTED') return <Text id='suspension-appeal-status' className='book__line'>申诉已通过，网上预约已恢复。</Text>;
  if (!suspension.canAppeal) return null;
  if (!isOpen) {
    return (
      <Button id='suspension-appeal-open' variant='secondary' isBlock onClick={() => setIsOpen(true)}>
        我要申诉
      </Button>
    );
  }
  const send = async () => {
    if (text.trim().length < APPEAL_MIN_LENGTH) {
      setError(`请写下申诉理由，至少${APPEAL_MIN_LENGTH}个字`);
      return;
    }
    setIsSending(true);
    setError(null);
    try {
      onChange(await appealSuspension(suspension.id, text.trim(), { isQuiet: true }));
    } catch (failure) {
      setError(messageOf(failure));
    }
    setIsSending(false);
  };
  return (
    <View id='suspension-appeal-form' className='palm-stack'>
      {error ? <ErrorState id='suspension-appeal-error' message={error} /> : null}
      <TextField id='suspension-appeal-text' label='申诉理由（至少5个字，例如当天因病未能到场）' value={text} maxLength={500} onInput={setText} />
      {/* Never greyed out until the text is long enough: a grey button says its state by colour
          alone (DESIGN.md §4); a tap too early says in words what is missing. */}
      <Button id='suspension-appeal-send' isBlock isLoading={isSending} onClick={() => void send()}>
        提交申诉
      </Button>
    </View>
  );
}

export interface SuspensionNoticeProps {
  suspension: BookingSuspension | null;
  /** What the BFF said when it refused, shown when the suspension itself could not be read. */
  message?: string;
  onChange: (suspension: BookingSuspension) => void;
}

export function SuspensionNotice({ suspension, message, onChange }: SuspensionNoticeProps) {
  return (
    <Card id='suspension' title='网上预约已暂停' isNotice>
      <View className='palm-stack' role='alert'>
        {suspension ? (
          <>
            <Text id='suspension-reason' className='book__line'>{`原因：${suspension.reason}`}</Text>
            <Text id='suspension-until' className='book__line'>{`暂停到：${untilLabel(suspension.endsAt)}`}</Text>
          </>
        ) : (
          <Text id='suspension-reason' className='book__line'>{message}</Text>
        )}
        <Text id='suspension-offline' className='book__line palm-font-large'>
          现场办理不受影响：可以直接到大厅窗口取号办理。
        </Text>
      </View>
      {suspension ? (
        <View className='palm-stack--spaced'>
          <Appeal suspension={suspension} onChange={onChange} />
        </View>
      ) : null}
    </Card>
  );
}
