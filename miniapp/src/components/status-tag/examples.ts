import type { StatusTagProps } from './index';

export const statusTagExamples: Array<{ name: string; props: StatusTagProps; labels: string[]; icon: string }> = [
  { name: 'open', props: { tone: 'open', text: '营业中', detail: '17:30 关门' }, labels: ['营业中', '17:30 关门'], icon: '●' },
  { name: 'closed', props: { tone: 'closed', text: '休息中', detail: '明天 09:00 开门' }, labels: ['休息中', '明天 09:00 开门'], icon: '○' },
  { name: 'notice', props: { tone: 'notice', text: '可用电子证照替代' }, labels: ['可用电子证照替代'], icon: '!' },
  { name: 'neutral', props: { tone: 'neutral', text: '选填' }, labels: ['选填'], icon: '·' },
];
