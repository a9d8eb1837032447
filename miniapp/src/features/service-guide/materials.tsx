// 所需材料: required or optional and how many copies, in words; where an e-licence may stand in
// for the paper (亮证 at the window), it says 可用电子证照替代 and which one. The service's guide
// shows today's list; an appointment the list of the guide version it was booked under.
import { Text, View } from '@tarojs/components';
import type { ServiceMaterial } from '@palm/shared/server';
import { StatusTag } from '../../components/status-tag';
import './styles.scss';

function copies(material: ServiceMaterial): string {
  const parts: string[] = [];
  if (material.originals > 0) parts.push(`原件${material.originals}份`);
  if (material.copies > 0) parts.push(`复印件${material.copies}份`);
  return parts.join('，');
}

export function Materials({ materials, idPrefix = 'material' }: { materials: readonly ServiceMaterial[]; idPrefix?: string }) {
  if (materials.length === 0) return <Text>无需提交材料</Text>;
  return (
    <View>
      {materials.map((material, index) => (
        <View key={`${material.position}-${material.name}`} id={`${idPrefix}-${index}`} className='materials__item'>
          <Text className='materials__name'>
            {index + 1}. {material.name}
          </Text>
          <View className='materials__tags'>
            <StatusTag tone={material.required ? 'notice' : 'neutral'} text={material.required ? '必须提交' : '视情况提交'} />
            {material.licenceLabel ? <StatusTag tone='open' text='可用电子证照替代' detail={material.licenceLabel} /> : null}
          </View>
          {copies(material) ? <Text className='materials__small'>{copies(material)}</Text> : null}
          {material.note ? <Text className='materials__small'>{material.note}</Text> : null}
        </View>
      ))}
    </View>
  );
}
