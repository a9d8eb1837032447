// A status in words with a shape, never by colour alone (DESIGN.md §4): ● filled for open/yes,
// ○ hollow for closed/no, ! for a notice. The icon is hidden from screen readers; the words carry it.
import { Text, View } from '@tarojs/components';
import { cx, idProps } from '../class-names';
import './index.scss';

export type StatusTone = 'open' | 'closed' | 'notice' | 'neutral';

const ICONS: Record<StatusTone, string> = { open: '●', closed: '○', notice: '!', neutral: '·' };

export interface StatusTagProps {
  tone: StatusTone;
  text: string;
  /** Extra words after the status, e.g. 至 17:30. */
  detail?: string;
  id?: string;
}

export function StatusTag({ tone, text, detail, id }: StatusTagProps) {
  return (
    <View {...idProps(id)} className={cx('palm-status-tag', `palm-status-tag--${tone}`)}>
      <Text className='palm-status-tag__icon' aria-hidden='true'>
        {ICONS[tone]}
      </Text>
      <Text className='palm-status-tag__text'>{text}</Text>
      {detail ? <Text className='palm-status-tag__detail'>{detail}</Text> : null}
    </View>
  );
}
