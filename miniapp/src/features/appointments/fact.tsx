// One fact of a booking, the label above the value: long values (a hall's name, 11月23日 周一
// 09:40–10:00) keep the full width at 长辈版 sizes instead of being squeezed beside the label.
import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { idProps } from '../../components/class-names';
import './styles.scss';

export function Fact({ id, label, value, detail }: { id?: string; label: string; value: ReactNode; detail?: ReactNode }) {
  return (
    <View {...idProps(id)} className='book__fact'>
      <Text className='book__fact-label'>{label}</Text>
      <Text className='book__fact-value'>{value}</Text>
      {detail ? <Text className='book__fact-detail'>{detail}</Text> : null}
    </View>
  );
}
