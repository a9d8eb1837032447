// 办不成事？ — on the ticket, appointment, service guide and hall pages: opens the form with what
// the page is about already filled in.
import { Text, View } from '@tarojs/components';
import { Button } from '../../components/button';
import { openReportForm } from './open';
import type { ReportContext } from './words';

export interface ReportEntryProps {
  id: string;
  context: ReportContext;
  /** A line above the button; default: 遇到办不成、办不好的事，可以直接告诉我们。 */
  hint?: string;
}

export function ReportEntry({ id, context, hint }: ReportEntryProps) {
  return (
    <View className='palm-stack'>
      <Text className='palm-secondary'>{hint ?? '遇到办不成、办不好的事，可以直接告诉我们。'}</Text>
      <Button id={id} variant='secondary' isBlock onClick={() => openReportForm(context)}>
        办不成事？
      </Button>
    </View>
  );
}
