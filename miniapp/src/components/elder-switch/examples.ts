import type { ElderSwitchProps } from './index';

export const elderSwitchExamples: Array<{ name: string; props: ElderSwitchProps; labels: string[] }> = [
  { name: 'default', props: {}, labels: ['长辈版', '字更大、按钮更大、操作更简单'] },
  { name: 'search entry', props: { id: 'elder-mode-entry', description: '点一下即可开启或关闭' }, labels: ['长辈版', '点一下即可开启或关闭'] },
];
