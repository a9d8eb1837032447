// A set of tap tiles to choose from (a service, a window). The chosen one says so in words (✓ and
// aria-pressed), not only by its border (DESIGN.md §4).
import { Text, View } from '@tarojs/components';
import { cx } from '../../components/class-names';

export interface Choice {
  key: string;
  label: string;
  id: string;
  detail?: string;
}

export interface ChoiceTilesProps {
  choices: Choice[];
  selected?: string | null;
  onSelect: (key: string) => void;
}

export function ChoiceTiles({ choices, selected, onSelect }: ChoiceTilesProps) {
  return (
    <View className='palm-tiles counter__tiles'>
      {choices.map((choice) => {
        const isSelected = choice.key === selected;
        return (
          <View
            key={choice.key}
            id={choice.id}
            className={cx('palm-tile counter__tile', isSelected && 'counter__tile--selected')}
            role='button'
            tabIndex={0}
            aria-pressed={isSelected ? 'true' : 'false'}
            onClick={() => onSelect(choice.key)}
          >
            <Text>{isSelected ? `✓ ${choice.label}` : choice.label}</Text>
            {choice.detail ? <Text className='counter__tile-detail'>{choice.detail}</Text> : null}
          </View>
        );
      })}
    </View>
  );
}
