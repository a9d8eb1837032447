import type { CardProps } from './index';

export const cardExamples: Array<{ name: string; props: CardProps; labels: string[] }> = [
  { name: 'titled', props: { title: '常用服务', children: '社会保障卡申领' }, labels: ['常用服务', '社会保障卡申领'] },
  { name: 'with extra', props: { title: '离您最近', extra: '全部大厅', children: '青石县政务服务中心' }, labels: ['离您最近', '全部大厅', '青石县政务服务中心'] },
  { name: 'notice', props: { title: '试试长辈版', isNotice: true, children: '字更大，按钮更大' }, labels: ['试试长辈版', '字更大，按钮更大'] },
];
