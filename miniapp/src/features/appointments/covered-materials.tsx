// 免证办 as the hall's clerk sees it (今日预约, check-in): each material the person brings nothing
// for, the licence that covers it (masked) and its trust level in words — "居民身份证：用电子证照
// （居民身份证 3601**********1234）· A级：当日经发证机关核验". Nothing when none is covered.
import { Text, View } from '@tarojs/components';
import type { CoveredMaterial } from '@palm/shared/server';
import { idProps } from '../../components/class-names';
import './styles.scss';

export function CoveredMaterials({ id, items }: { id?: string; items: readonly CoveredMaterial[] | undefined }) {
  if (!items || items.length === 0) return null;
  return (
    <View {...idProps(id)} className='book__covered'>
      <Text className='book__covered-title'>{`免证办：${items.length}项材料不用带纸质件`}</Text>
      {items.map((m) => (
        <Text key={m.position} className='book__covered-item'>
          {`· ${m.name}：${m.words} · ${m.trustLabel}`}
        </Text>
      ))}
    </View>
  );
}
