// The facts people ask at the window first: how long, how much, how it is done and by whom, and
// which department. 办理方式 is the same answer the action bar shows (describeHandling); a fee
// that depends on the case is a range with the note that says which case costs what.
import { Text } from '@tarojs/components';
import type { Handling } from '@palm/shared';
import type { ServiceGuide } from '@palm/shared/server';
import { Cell } from '../../components/cell';
import { formatPromisedDays } from '../../lib/format';

/** The fee's basis with each amount kept whole: a line never breaks between 20 and 元. */
function FeeNote({ note }: { note: string }) {
  const parts = note.split(/(\d+(?:\.\d+)?元)/);
  return <>{parts.map((part, index) => (index % 2 === 1 ? <Text key={`${index}-${part}`} className='guide__keep'>{part}</Text> : part))}</>;
}

export function GuideFacts({ guide, handling }: { guide: ServiceGuide; handling: Handling }) {
  return (
    <>
      <Cell title='承诺时限' value={formatPromisedDays(guide.promisedDays)} />
      <Cell title='法定时限' value={`${guide.legalDays}个工作日`} />
      <Cell
        id='service-fee'
        title='收费'
        value={<Text className='guide__keep'>{guide.fee.display}</Text>}
        description={guide.fee.note ? <FeeNote note={guide.fee.note} /> : undefined}
      />
      <Cell
        id='service-ways'
        title='办理方式'
        description={
          <>
            <Text className='guide__way'>{handling.ways}</Text>
            <Text className='guide__way-detail'>{handling.atHall}</Text>
            <Text className='guide__way-detail'>{handling.byWhom}</Text>
          </>
        }
      />
      <Cell title='办理部门' value={guide.department} />
    </>
  );
}
