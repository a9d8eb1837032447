// Every component example (examples.ts next to each component) rendered in normal and 长辈版
// mode: its words are there, the page root carries the mode, and nothing depends on colour alone.
import { fireEvent, screen } from '@testing-library/react';
import { Button } from '../../src/components/button';
import { buttonExamples } from '../../src/components/button/examples';
import { Card } from '../../src/components/card';
import { cardExamples } from '../../src/components/card/examples';
import { Cell } from '../../src/components/cell';
import { cellExamples } from '../../src/components/cell/examples';
import { ElderSwitch } from '../../src/components/elder-switch';
import { elderSwitchExamples } from '../../src/components/elder-switch/examples';
import { ErrorState } from '../../src/components/error-state';
import { errorStateExamples } from '../../src/components/error-state/examples';
import { SearchBar } from '../../src/components/search-bar';
import { searchBarExamples } from '../../src/components/search-bar/examples';
import { StatusTag } from '../../src/components/status-tag';
import { statusTagExamples } from '../../src/components/status-tag/examples';
import { TextField } from '../../src/components/text-field';
import { textFieldExamples } from '../../src/components/text-field/examples';
import { MODES, renderInMode, resetAll } from '../helpers';

beforeEach(resetAll);

describe.each(MODES)('components in $name mode', ({ isElder }) => {
  const expectMode = (container: HTMLElement) => {
    const root = container.querySelector('.palm-page');
    expect(root).not.toBeNull();
    if (isElder) expect(root).toHaveClass('elder');
    else expect(root).not.toHaveClass('elder');
  };

  it.each(buttonExamples)('Button $name shows its label as a real button', ({ props, label }) => {
    const { container } = renderInMode(<Button {...props} />, isElder);
    expect(screen.getByRole('button', { name: label })).toBeInTheDocument();
    expectMode(container);
  });

  it.each(cellExamples)('Cell $name shows its words', ({ props, labels }) => {
    const { container } = renderInMode(<Cell {...props} />, isElder);
    labels.forEach((label) => expect(screen.getByText(label)).toBeInTheDocument());
    expectMode(container);
  });

  it.each(cardExamples)('Card $name shows its words', ({ props, labels }) => {
    const { container } = renderInMode(<Card {...props} />, isElder);
    labels.forEach((label) => expect(screen.getByText(label)).toBeInTheDocument());
    expectMode(container);
  });

  it.each(statusTagExamples)('StatusTag $name says the status in words and a shape, not colour alone', ({ props, labels, icon }) => {
    const { container } = renderInMode(<StatusTag {...props} />, isElder);
    labels.forEach((label) => expect(screen.getByText(label)).toBeInTheDocument());
    const iconElement = screen.getByText(icon);
    expect(iconElement).toHaveAttribute('aria-hidden', 'true');
    expectMode(container);
  });

  it.each(searchBarExamples)('SearchBar $name is labelled and has a visible 搜索 button', ({ props, labels }) => {
    const { container } = renderInMode(<SearchBar {...props} />, isElder);
    labels.forEach((label) => expect(screen.getByRole('button', { name: label })).toBeInTheDocument());
    expect(screen.getByRole('textbox', { name: '搜索办事服务' })).toHaveValue(props.value);
    expect(screen.getByRole('search')).toBeInTheDocument();
    expectMode(container);
  });

  it.each(errorStateExamples)('ErrorState $name is an inline alert with its copy', ({ props, labels }) => {
    const { container } = renderInMode(<ErrorState {...props} />, isElder);
    expect(screen.getByRole('alert')).toHaveTextContent(props.message);
    labels.forEach((label) => expect(screen.getAllByText(label).length).toBeGreaterThan(0));
    expectMode(container);
  });

  it.each(textFieldExamples)('TextField $name shows its label and names its input by it', ({ props, labels }) => {
    const { container } = renderInMode(<TextField {...props} />, isElder);
    labels.forEach((label) => expect(screen.getByText(label)).toBeInTheDocument());
    expect(screen.getByRole('textbox', { name: props.label })).toHaveValue(props.value);
    expectMode(container);
  });

  it.each(elderSwitchExamples)('ElderSwitch $name says its state in words', ({ props, labels }) => {
    const { container } = renderInMode(<ElderSwitch {...props} />, isElder);
    labels.forEach((label) => expect(screen.getByText(label)).toBeInTheDocument());
    const toggle = screen.getByRole('switch', { name: '长辈版' });
    expect(toggle).toHaveAttribute('aria-checked', String(isElder));
    expect(toggle).toHaveTextContent(isElder ? '已开启' : '已关闭');
    expectMode(container);
  });
});

describe('component behaviour', () => {
  it('ElderSwitch switches the whole page with one tap, and back', () => {
    const { container } = renderInMode(<ElderSwitch />, false);
    fireEvent.click(screen.getByRole('switch'));
    expect(container.querySelector('.palm-page')).toHaveClass('elder');
    expect(screen.getByRole('switch')).toHaveTextContent('已开启');
    fireEvent.click(screen.getByRole('switch'));
    expect(container.querySelector('.palm-page')).not.toHaveClass('elder');
  });

  it('SearchBar searches on the 搜索 button and on the keyboard key, and clears', () => {
    const onSearch = jest.fn();
    const onInput = jest.fn();
    renderInMode(<SearchBar value='社保' onInput={onInput} onSearch={onSearch} />, false);
    fireEvent.click(screen.getByRole('button', { name: '搜索' }));
    fireEvent.keyDown(screen.getByRole('textbox'), { key: 'Enter' });
    expect(onSearch).toHaveBeenNthCalledWith(1, '社保');
    expect(onSearch).toHaveBeenNthCalledWith(2, '社保');
    fireEvent.click(screen.getByRole('button', { name: '清除' }));
    expect(onInput).toHaveBeenCalledWith('');
  });

  it('a loading Button ignores taps and says 请稍候…', () => {
    const onClick = jest.fn();
    renderInMode(<Button isLoading onClick={onClick}>登录</Button>, false);
    const button = screen.getByRole('button', { name: '请稍候…' });
    expect(button).toBeDisabled();
    fireEvent.click(button);
    expect(onClick).not.toHaveBeenCalled();
  });

  it('ErrorState offers 重试 only when given a way to retry', () => {
    const onRetry = jest.fn();
    const { rerender } = renderInMode(<ErrorState message='网络连接不上' onRetry={onRetry} />, false);
    fireEvent.click(screen.getByRole('button', { name: '重试' }));
    expect(onRetry).toHaveBeenCalledTimes(1);
    rerender(<ErrorState message='没有找到相关内容' />);
    expect(screen.queryByRole('button', { name: '重试' })).toBeNull();
  });
});
