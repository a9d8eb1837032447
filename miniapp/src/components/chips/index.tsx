// A row of choices as chips (filters, the desk's sections, the console's years): role=radio with aria-checked, the
// chosen one says ✓ in words as well as in colour.
import { Text, View } from '@tarojs/components';
import { cx } from '../class-names';
import { pressable } from '../pressable';
import './index.scss';

export interface Chip<K extends string> {
  key: K;
  text: string;
}

export function Chips<K extends string>({ idPrefix, label, chips, chosen, onChoose }: { idPrefix: string; label: string; chips: ReadonlyArray<Chip<K>>; chosen: K; onChoose: (key: K) => void }) {
  return (
    <View className='palm-chips' role='radiogroup' aria-label={label}>
      <Text className='palm-chips__label' aria-hidden='true'>
        {label}
      </Text>
      {chips.map((chip) => {
        const isOn = chip.key === chosen;
        return (
          <View key={chip.key} id={`${idPrefix}-${chip.key}`} className={cx('palm-chip', isOn && 'palm-chip--on')} {...pressable(() => onChoose(chip.key), 'radio')} aria-checked={isOn ? 'true' : 'false'}>
            {isOn ? '✓ ' : ''}
            {chip.text}
          </View>
        );
      })}
    </View>
  );
}
