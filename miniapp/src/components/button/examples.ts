import type { ButtonProps } from './index';

/** Examples as data: rendered by the tests in normal and 长辈版 mode. */
export const buttonExamples: Array<{ name: string; props: ButtonProps; label: string }> = [
  { name: 'primary', props: { children: '登录' }, label: '登录' },
  { name: 'secondary', props: { children: '查看全部', variant: 'secondary' }, label: '查看全部' },
  { name: 'danger', props: { children: '退出登录', variant: 'danger', isBlock: true }, label: '退出登录' },
  { name: 'text', props: { children: '暂不需要', variant: 'text' }, label: '暂不需要' },
  { name: 'loading', props: { children: '获取验证码', isLoading: true }, label: '请稍候…' },
  { name: 'disabled', props: { children: '重新发送', isDisabled: true }, label: '重新发送' },
];
