// 设置: the text size is shown (not set) here, so the page says where it comes from and how to enlarge it.
import { render, screen } from '@testing-library/react';
import SettingsPage from '../../src/pages/settings/index';
import { resetAll } from '../helpers';

beforeEach(resetAll);

describe('设置', () => {
  it('says the text size follows the phone and points to 长辈版 for bigger text', () => {
    render(<SettingsPage />);
    expect(document.getElementById('settings-font-hint')).toHaveTextContent('字号跟随手机的字体设置。想让字再大一些：打开上面的长辈版。');
    expect(screen.getByRole('switch', { name: '长辈版' })).toBeInTheDocument();
  });
});
