import { Text, View } from '@tarojs/components';
import type { ServiceCategoryKey } from '@palm/shared/server';
import { cx } from '../../components/class-names';
import { SERVICE_CATEGORIES } from '../../lib/categories';

export interface CategoriesProps {
  selected: ServiceCategoryKey | null;
  onSelect: (key: ServiceCategoryKey | null) => void;
}

export function Categories({ selected, onSelect }: CategoriesProps) {
  return (
    <View className='palm-tiles services__categories'>
      {SERVICE_CATEGORIES.map(({ key, label }) => {
        const isSelected = key === selected;
        return (
          <View
            key={key}
            id={`category-${key}`}
            className={cx('palm-tile services__category', isSelected && 'services__category--selected')}
            role='button'
            tabIndex={0}
            aria-pressed={isSelected ? 'true' : 'false'}
            onClick={() => onSelect(isSelected ? null : key)}
          >
            <Text>{isSelected ? `✓ ${label}` : label}</Text>
          </View>
        );
      })}
    </View>
  );
}
