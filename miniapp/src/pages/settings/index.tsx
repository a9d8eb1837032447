// 设置: 长辈版 and the text size in use. The size follows the platform (WeChat 字体大小 / 关怀模式)
// and the saved preference; it is shown here, changed in the platform's own settings.
import { Text, View } from '@tarojs/components';
import { Card } from '../../components/card';
import { Cell } from '../../components/cell';
import { ElderSwitch } from '../../components/elder-switch';
import { PageShell } from '../../components/page-shell';
import { effectiveFontScale, useElderState } from '../../theme/elder-store';

function scaleSource(system: number, saved: number): string {
  if (process.env.TARO_ENV === 'weapp' && system > 1) return '跟随微信字体大小';
  if (saved > 1) return '跟随您在其他平台的设置';
  return '标准';
}

export default function SettingsPage() {
  const elder = useElderState();
  const scale = effectiveFontScale(elder);
  return (
    <PageShell title='设置'>
      <ElderSwitch id='settings-elder-switch' />
      <Card title='字体大小' id='settings-font-scale'>
        <Cell title='当前倍数' value={`${scale.toFixed(2)} 倍`} description={scaleSource(elder.systemFontScale, elder.fontScale)} />
        <Cell title='正文字号' value={elder.elderMode ? '长辈版大字' : '标准字号'} />
        {/* Shown, not set, here: say where the size comes from and how to make it bigger. */}
        <Text id='settings-font-hint' className='palm-secondary'>
          {process.env.TARO_ENV === 'weapp'
            ? '想让字再大一些：打开上面的长辈版，或在微信“我 → 设置 → 关怀模式”或“通用 → 字体大小”中调整。'
            : '字号跟随手机的字体设置。想让字再大一些：打开上面的长辈版。'}
        </Text>
      </Card>
      <Card title='示例'>
        <Text className='palm-font-large'>社会保障卡申领</Text>
        <View>
          <Text>持身份证到任一窗口即可办理，资料齐全当场领卡。</Text>
        </View>
      </Card>
    </PageShell>
  );
}
