// The reporter's message of a step, as words (pure: no database).
import { renderReportUpdated } from '../../src/reports/notifications';

describe('REPORT_UPDATED in words', () => {
  const facts = { reportId: 'r', words: '已办结', statusWords: '已办结', officeName: '青石县政务服务中心', dueAt: null, at: '2026-11-23T01:30:00.000Z' };

  it('ends the note with one full stop whether or not the staff member wrote one', () => {
    const withStop = renderReportUpdated({ ...facts, note: '已为您补办社保卡，系统已恢复。', inviteRating: true });
    expect(withStop.body).toBe('您在青石县政务服务中心反映的问题已办结。说明：已为您补办社保卡，系统已恢复。请对处理结果进行评价。可在“我的反映”中查看全部进展。');
    expect(renderReportUpdated({ ...facts, note: '已为您补办社保卡' }).body).toContain('说明：已为您补办社保卡。可在');
    expect(renderReportUpdated({ ...facts, note: '。' }).body).not.toContain('说明');
    expect(withStop.body).not.toMatch(/。。/);
  });
});
