// Choosing the notice as a file (JSON, CSV or plain lines) on H5: a native file input whose text
// goes into the paste box, where the same checks run. The mini-programs cannot read a local file
// here: they say so, and take a paste only.
import { Text, View } from '@tarojs/components';
import type { ChangeEvent } from 'react';

export function CalendarFilePicker({ onText, onFail }: { onText: (text: string, fileName: string) => void; onFail: (words: string) => void }) {
  if (process.env.TARO_ENV !== 'h5') {
    return <Text className='palm-secondary'>小程序中只能粘贴；要从文件导入，请在电脑浏览器中打开管理后台。</Text>;
  }
  const read = (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.target;
    const file = input.files?.[0];
    if (!file) return;
    if (file.size > 200_000) {
      onFail(`“${file.name}”太大（一年的安排不会超过200KB），请确认选对了文件`);
      input.value = '';
      return;
    }
    const reader = new FileReader();
    reader.onload = () => onText(String(reader.result ?? ''), file.name);
    reader.onerror = () => onFail(`读不出“${file.name}”，请另存为 UTF-8 编码的 JSON、CSV 或 TXT 文件后再选`);
    reader.readAsText(file, 'utf-8');
    // The same file may be chosen again after it is edited.
    input.value = '';
  };
  // The browser's own file button speaks the browser's language ("Choose File"): it lies,
  // transparent, over a button in the app's words and takes its taps, clicks and keys.
  return (
    <View className='admin-file'>
      <Text aria-hidden='true'>
        从文件读入（JSON、CSV 或 TXT）
      </Text>
      <input id='admin-calendar-file' className='admin-file__input' type='file' accept='.json,.csv,.txt' aria-label='从文件读入放假安排（JSON、CSV 或 TXT）' onChange={read} />
    </View>
  );
}
