// A row of choices as chips (filters, the desk's sections): role=radio with aria-checked, the
// chosen one says ✓ in words as well as in colour.
import { Text, View } from '@tarojs/components';
import { cx } from '../../components/class-names';
import { pressable } from '../../components/pressable';

export interface Chip<K extends string> {
  key: K;
  text: string;
}

export function Chips<K extends string>({ idPrefix, label, chips, chosen, onChoose }: { idPrefix: string; label: string; chips: ReadonlyArray<Chip<K>>; chosen: K; onChoose: (key: K) => void }) {
  return (
    <View className='desk-chips' role='radiogroup' aria-label={label}>
      <Text className='desk-chips__label' aria-hidden='true'>
        {label}
      </Text>
      {chips.map((chip) => {
        const isOn = chip.key === chosen;
        return (
          <View key={chip.key} id={`${idPrefix}-${chip.key}`} className={cx('desk-chip', isOn && 'desk-chip--on')} {...pressable(() => onChoose(chip.key), 'radio')} aria-checked={isOn ? 'true' : 'false'}>
            {isOn ? '✓ ' : ''}
            {chip.text}
          </View>
        );
      })}
    </View>
  );
}
