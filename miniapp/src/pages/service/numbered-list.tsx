import { Text, View } from '@tarojs/components';

/** Conditions and steps: numbers as text, so the order survives without styling. */
export function NumberedList({ items }: { items: readonly string[] }) {
  return (
    <View>
      {items.map((item, index) => (
        <View key={item} className='guide__list-item'>
          <Text className='guide__list-marker'>{index + 1}.</Text>
          <Text>{item}</Text>
        </View>
      ))}
    </View>
  );
}
