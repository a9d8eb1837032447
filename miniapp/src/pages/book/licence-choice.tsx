// 免证办 in 确认预约: each guide material the person (or the person acted for, under a
// LICENCE_PRESENT grant) holds in a VALID e-licence, ticked 用电子证照 by default — untick to bring
// the paper one. Said in words, the licence masked: “用电子证照（居民身份证 3601**********1234）”.
// Nothing shows when no material can be covered.
import { Text, View } from '@tarojs/components';
import type { CoverOption } from '../../api/licence-free';

export interface LicenceChoiceProps {
  options: readonly CoverOption[];
  /** Positions ticked 用电子证照. */
  ticked: ReadonlySet<number>;
  onToggle: (position: number) => void;
  isElder: boolean;
}

export function LicenceChoice({ options, ticked, onToggle, isElder }: LicenceChoiceProps) {
  if (options.length === 0) return null;
  const count = options.filter((o) => ticked.has(o.position)).length;
  return (
    <View id='book-licences' className='book__licences'>
      <Text className='book__licences-title'>免证办：这些材料可以不带</Text>
      {options.map((o) => {
        const on = ticked.has(o.position);
        const toggle = () => onToggle(o.position);
        return (
          <View key={o.position} id={`book-licence-${o.position}`} className='book__licence' role='checkbox' aria-checked={on} aria-label={`${o.name}：${on ? o.words : '带纸质材料'}`} onClick={toggle}>
            <View className={`book__licence-box${on ? ' book__licence-box--on' : ''}`} aria-hidden>
              {on ? '✓' : ''}
            </View>
            <View className='book__licence-text'>
              <Text className='book__licence-name'>{o.name}</Text>
              <Text className='book__licence-words'>{on ? o.words : '带纸质材料'}</Text>
            </View>
          </View>
        );
      })}
      <Text id='book-licences-note' className='book__line palm-secondary'>
        {count > 0
          ? isElder
            ? `打勾的${count}项不用带，工作人员在窗口核对电子证照。`
            : `打勾的${count}项不用带纸质材料：预约记下所用证照，窗口工作人员据此核对。取消勾选则需带上纸质材料。`
          : '都没有勾选：请按办事指南带齐纸质材料。'}
      </Text>
    </View>
  );
}
