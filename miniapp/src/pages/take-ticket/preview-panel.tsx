// What a number taken now would face (GET /api/offices/:id/queue/preview): people ahead and the
// wait range, or in words why no number can be taken, with the way on where there is one.
import { Text, View } from '@tarojs/components';
import type { QueuePreview } from '@palm/shared/server';
import { Button } from '../../components/button';
import { StatusTag } from '../../components/status-tag';
import { formatEstimate } from '../../features/queue/ticket-status';
import { openPage, PAGES } from '../../lib/routes';

/** `actingForName`: the preview is of the person the app acts for (their lane, their number). */
export function PreviewPanel({ preview, actingForName }: { preview: QueuePreview; actingForName?: string }) {
  return (
    <View id='take-preview' className='palm-stack'>
      {preview.open ? <StatusTag id='take-open' tone='open' text='现在可以取号' /> : null}
      {!preview.open ? (
        <View id='take-reason' role='alert'>
          <StatusTag tone='closed' text='现在不能取号' />
          <Text className='take__line palm-font-large'>{preview.reason ?? '现在不能取号'}</Text>
        </View>
      ) : null}
      {preview.activeTicketId ? (
        <Button id='take-open-active' isBlock onClick={() => openPage(PAGES.ticket, { id: preview.activeTicketId })}>
          {actingForName ? `查看 ${actingForName} 的排队号` : '查看我的排队号'}
        </Button>
      ) : null}
      {preview.code !== 'SERVICE_NOT_OFFERED' ? (
        <View>
          <Text className='take__line'>
            前面还有
            <Text id='take-people-ahead' className='take__figure'>
              {' '}
              {preview.peopleAhead}{' '}
            </Text>
            人
          </Text>
          <Text className='take__line'>
            预计等候 <Text id='take-estimate'>{formatEstimate(preview.estimate)}</Text>
          </Text>
        </View>
      ) : null}
    </View>
  );
}
