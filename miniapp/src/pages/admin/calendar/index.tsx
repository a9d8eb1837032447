// 节假日安排 (issue 17 item 7): a year's loaded holidays and 调休 working days, the warning when any
// of the coming 60 days falls in a year with no notice loaded (GET /api/admin/calendar), and
// importing a year: paste the notice, or on H5 choose it as a file (file-picker.tsx), as JSON
// ({year, days: [{date, kind, name}]}), as lines ("2027-01-01 HOLIDAY 元旦") or as CSV
// ("2027-01-01,HOLIDAY,元旦", a header allowed), checked as typed (counts and the first problems),
// previewed, then imported after a confirmation; the result says what changed and whether the warning cleared.
// Admins only.
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { getCalendar, importCalendar, type AdminCalendar, type AdminCalendarImportResult } from '../../../api/admin';
import { useApi } from '../../../api/use-api';
import { Button } from '../../../components/button';
import { scrollTo } from '../../../features/appointments/scroll';
import { Card } from '../../../components/card';
import { ErrorState } from '../../../components/error-state';
import { PageShell } from '../../../components/page-shell';
import { StatusTag } from '../../../components/status-tag';
import { serverToday } from '../../../lib/server-clock';
import { Chips } from '../../../components/chips';
import { calendarLines, coverageWords, isAdmin, KIND_LABELS, parseCalendarText, stretches, type CalendarDay } from '../model';
import { AdminGate, Confirm, Done, Problem, TextArea, useAction } from '../shared';
import { CalendarFilePicker } from './file-picker';
import '../shared.scss';

export default function AdminCalendarPage() {
  return (
    <PageShell title='节假日安排'>
      <AdminGate allows={isAdmin}>{() => <CalendarConsole />}</AdminGate>
    </PageShell>
  );
}

function CalendarConsole() {
  const thisYear = Number(serverToday().slice(0, 4));
  const [year, setYear] = useState(thisYear + 1);
  const [imported, setImported] = useState<AdminCalendarImportResult | null>(null);
  // A loaded year put into the import box to correct (a new key starts the box afresh with it).
  const [draft, setDraft] = useState({ text: '', key: 0 });
  const calendar = useApi(() => getCalendar(year, { isQuiet: true }), [year, imported?.year, imported?.created, imported?.updated]);
  const shown = calendar.data ?? (imported?.year === year ? imported : undefined);
  const years = [thisYear - 1, thisYear, thisYear + 1, thisYear + 2].map((y) => ({ key: String(y), text: `${y}年` }));
  return (
    <View>
      {shown ? <Coverage calendar={shown} /> : null}
      <View className='admin-wide'>
        <Card id='admin-calendar-year' title='各年安排'>
          <Chips idPrefix='admin-calendar-year' label='年份' chips={years} chosen={String(year)} onChoose={(key) => setYear(Number(key))} />
          {calendar.error ? <ErrorState id='admin-calendar-error' message={calendar.error.message} onRetry={calendar.reload} /> : null}
          {!shown && !calendar.error ? <Text className='palm-secondary'>正在加载…</Text> : null}
          {shown ? <YearView calendar={shown} onCorrect={() => {
                setDraft((had) => ({ text: calendarLines(shown.days), key: had.key + 1 }));
                scrollTo('#admin-calendar-import');
              }} /> : null}
        </Card>
        <ImportYear key={draft.key} initialText={draft.text} onImported={(result) => {
            setImported(result);
            setYear(result.year);
          }} />
      </View>
    </View>
  );
}

/** The 60-day coverage: a warning in words (!) while a coming day has no notice loaded, else that all is covered. */
function Coverage({ calendar }: { calendar: AdminCalendar }) {
  const { coverage } = calendar;
  const warning = coverageWords(coverage);
  if (warning) {
    return (
      <Card id='admin-calendar-warning' title='！节假日安排缺失' isNotice>
        <Text>{warning}</Text>
      </Card>
    );
  }
  return (
    <Card id='admin-calendar-covered'>
      <View className='admin-stack'>
        <StatusTag tone='open' text='节假日安排齐全' />
        <Text>{`未来60天（${coverage.horizon.from} 至 ${coverage.horizon.to}）的节假日安排都已导入。`}</Text>
      </View>
    </Card>
  );
}

function DayStretches({ days, idPrefix }: { days: readonly CalendarDay[]; idPrefix: string }) {
  return (
    <View id={idPrefix} className='admin-list'>
      {stretches(days).map((s, index) => (
        <View key={`${s.from}-${s.kind}`} id={`${idPrefix}-${index}`} className='admin-row'>
          <View className='admin-row__main'>
            <Text className='admin-row__title'>{`${s.name}：${KIND_LABELS[s.kind]}`}</Text>
            <Text>{s.count > 1 ? `${s.from} 至 ${s.to}（${s.count}天）` : s.from}</Text>
          </View>
        </View>
      ))}
    </View>
  );
}

function YearView({ calendar, onCorrect }: { calendar: AdminCalendar; onCorrect: () => void }) {
  if (!calendar.covered) {
    return (
      <View className='admin-stack'>
        <StatusTag id='admin-calendar-state' tone='closed' text={`${calendar.year}年尚未导入`} />
        <Text className='palm-secondary'>未导入的年份只按法定节日（元旦、春节、清明、劳动节、端午、中秋、国庆）放假，没有连休和调休上班。国务院通知发布后，请在右侧（手机上在下方）导入。</Text>
      </View>
    );
  }
  const holidays = calendar.days.filter((d) => d.kind === 'HOLIDAY').length;
  return (
    <View className='admin-stack'>
      <StatusTag id='admin-calendar-state' tone='open' text={`${calendar.year}年已导入`} detail={`放假${holidays}天，调休上班${calendar.days.length - holidays}天`} />
      <DayStretches days={calendar.days} idPrefix='admin-calendar-days' />
      <Button id='admin-calendar-correct' variant='secondary' onClick={onCorrect}>
        修改这一年的安排
      </Button>
      <Text className='palm-secondary'>这一年的每一天会放进“导入”的框中，改好后检查并重新导入，整年的安排以新导入的为准。</Text>
    </View>
  );
}

const EXAMPLE = '2027-01-01 HOLIDAY 元旦\n2027-02-06 休 春节\n2027-02-14 班 春节';

function ImportYear({ initialText, onImported }: { initialText: string; onImported: (result: AdminCalendarImportResult) => void }) {
  const [text, setText] = useState(initialText);
  const [isConfirming, setIsConfirming] = useState(false);
  const [file, setFile] = useState<{ name?: string; problem?: string } | null>(null);
  const action = useAction();
  const edit = (next: string) => {
    setText(next);
    setIsConfirming(false);
    action.clear();
  };
  const parsed = parseCalendarText(text);
  const isValid = parsed.year !== null && parsed.days.length > 0 && parsed.problems.length === 0;
  const holidays = parsed.days.filter((d) => d.kind === 'HOLIDAY').length;

  const save = () => {
    if (parsed.year === null) return;
    const body = { year: parsed.year, days: parsed.days };
    action.run(
      () => importCalendar(body, { isQuiet: true }),
      (result) => {
        setIsConfirming(false);
        setText('');
        onImported(result);
        const left = coverageWords(result.coverage);
        const warning = left ? `仍有提醒：${left}` : '未来60天的节假日安排已全部导入，提醒已消除。';
        return `已导入${result.year}年：新增${result.created}天，更新${result.updated}天，删除${result.deleted}天。${warning}`;
      },
      () => setIsConfirming(false),
    );
  };

  return (
    <Card id='admin-calendar-import' title='导入一年的放假安排'>
      <View className='palm-stack'>
        <Text className='palm-secondary'>{'粘贴 JSON（{"year": 2027, "days": [{"date", "kind", "name"}]}），或每行一天：日期 类别 名称（CSV 用逗号分隔这三项，可带表头）。类别写 HOLIDAY 或“休”、WORKDAY 或“班”（调休上班）。须包含元旦。'}</Text>
        <TextArea
          id='admin-calendar-text'
          label='放假安排'
          value={text}
          placeholder={EXAMPLE}
          onInput={(value) => {
            edit(value);
            setFile(null);
          }}
        />
        <CalendarFilePicker
          onText={(read, name) => {
            edit(read);
            setFile({ name });
          }}
          onFail={(problem) => setFile({ problem })}
        />
        {file?.name ? <Text id='admin-calendar-file-read'>{`已读入“${file.name}”，内容在上面的框中，可以再修改。`}</Text> : null}
        <Problem id='admin-calendar-file-problem' text={file?.problem} />
        {text.trim() ? (
          <Text id='admin-calendar-counts'>{`${parsed.year ?? '？'}年：放假${holidays}天，调休上班${parsed.days.length - holidays}天${parsed.problems.length > 0 ? `；${parsed.problems.length}处问题` : '，没有发现问题'}`}</Text>
        ) : null}
        {parsed.problems.slice(0, 5).map((problem, index) => (
          <Problem key={`${problem.line}-${index}`} id={`admin-calendar-problem-${index}`} text={problem.message} />
        ))}
        {isValid ? (
          <View id='admin-calendar-preview'>
            <Text className='admin-row__title'>预览</Text>
            <DayStretches days={parsed.days} idPrefix='admin-calendar-preview-rows' />
          </View>
        ) : null}
        {action.error ? <ErrorState id='admin-calendar-import-error' message={action.error} /> : null}
        {isConfirming && isValid ? (
          <Confirm
            idPrefix='admin-calendar-import'
            title='导入前请确认'
            words={`导入后，${parsed.year}年的安排换成这${parsed.days.length}天（放假${holidays}天，调休上班${parsed.days.length - holidays}天），原有的${parsed.year}年安排被替换；各大厅的可预约时段随之更新。`}
            confirmText='确认导入'
            isBusy={action.isBusy}
            onConfirm={save}
            onCancel={() => setIsConfirming(false)}
          />
        ) : (
          <Button id='admin-calendar-import-check' isBlock isDisabled={!isValid} onClick={() => setIsConfirming(true)}>
            {isValid ? `导入${parsed.year}年` : '请先粘贴或选择文件，并改正放假安排'}
          </Button>
        )}
        <Done id='admin-calendar-import-done' text={action.done} />
      </View>
    </Card>
  );
}
