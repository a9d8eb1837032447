// 预约号源 (issue 17 item 4): a hall's slot rules, one per service (`GET /api/admin/slot-rules`) —
// the bookable hours per weekday, lunch breaks, people per slot, slot length, when slots are
// released (提前几天、几点放号), on or off. Edit one or add one for a service without a rule; every
// field is checked as typed with the BFF's ranges. Before anything is saved the BFF's preview says
// in words what the change does to the slots (新增、调整、撤下; booked ones kept unchanged, with their
// dates) and only then 确认保存; the saved answer's numbers are shown again. Admins any hall (?id=),
// a hall manager their own.
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { getAdminOffice, type AdminOffice } from '../../../api/admin';
import { createSlotRule, listSlotRules, patchSlotRule, previewSlotRule, type AdminSlotRule, type SlotPlanSummary } from '../../../api/admin-hall';
import { useApi } from '../../../api/use-api';
import { Button } from '../../../components/button';
import { Card } from '../../../components/card';
import { ChoiceList } from '../../../components/choice-list';
import { ErrorState } from '../../../components/error-state';
import { StatusTag } from '../../../components/status-tag';
import { TextField } from '../../../components/text-field';
import { ADJUSTED_WEEKDAYS, adjustedWords, NEW_RULE, readRuleDraft, RULE_LIMITS, RULE_NUMBERS, ruleChanges, ruleDraftOf, slotPlanWords, weekWords, type RuleDraft, type RuleFields } from '../hall-model';
import { hoursText, WEEKDAY_WORDS, WEEKDAYS, type Weekday } from '../model';
import { Confirm, Done, HallPage, Problem, reloadAll, useAction } from '../shared';
import '../shared.scss';

export default function AdminSlotsPage() {
  return <HallPage title='预约号源'>{(id) => <SlotsConsole id={id} />}</HallPage>;
}

/** The form open: a rule being changed, or a new one for a service. */
type Editing = { rule: AdminSlotRule } | { serviceId: string; serviceName: string };

function SlotsConsole({ id }: { id: string }) {
  const office = useApi(id ? () => getAdminOffice(id, { isQuiet: true }) : null, [id]);
  const rules = useApi(id ? () => listSlotRules(id, { isQuiet: true }) : null, [id]);
  const [fresh, setFresh] = useState<AdminSlotRule[] | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [done, setDone] = useState<string | null>(null);
  if (!id) return <ErrorState id='admin-slots-none' message='没有指定大厅，请从管理后台选择。' />;
  const error = office.error ?? rules.error;
  if (error) {
    return (
      <ErrorState id='admin-slots-error' message={error.message} onRetry={reloadAll(office, rules)} />
    );
  }
  const items = fresh ?? rules.data?.items;
  if (!office.data || !items) return <Text className='palm-secondary'>正在加载…</Text>;
  const saved = (words: string) => {
    setEditing(null);
    setDone(words);
    void listSlotRules(id, { isQuiet: true }).then((list) => setFresh(list.items), rules.reload);
  };
  const open = (next: Editing) => {
    setDone(null);
    setEditing(next);
  };
  return (
    <View>
      <Text id='admin-slots-office' className='palm-section-title'>
        {office.data.name}
      </Text>
      <Done id='admin-slots-done' text={done} />
      <View className='admin-wide'>
        <View>
          <Card id='admin-slot-rules' title={`预约规则（${items.length}项业务）`}>
            {items.length === 0 ? <Text id='admin-slot-rules-empty'>还没有预约规则，市民不能预约本大厅的业务。</Text> : null}
            {items.map((rule, index) => (
              <RuleRow key={rule.id} index={index} rule={rule} onEdit={() => open({ rule })} isEditing={editing !== null && 'rule' in editing && editing.rule.id === rule.id} />
            ))}
          </Card>
        </View>
        {editing ? (
          <RuleForm
            key={'rule' in editing ? editing.rule.id : editing.serviceId}
            officeId={id}
            editing={editing}
            onSaved={saved}
            onCancel={() => setEditing(null)}
          />
        ) : (
          <NewRuleChoice office={office.data} rules={items} onChoose={open} />
        )}
      </View>
    </View>
  );
}

function RuleRow({ index, rule, isEditing, onEdit }: { index: number; rule: AdminSlotRule; isEditing: boolean; onEdit: () => void }) {
  return (
    <View id={`admin-slot-rule-${index}`} data-rule-id={rule.id} className='admin-row'>
      <View className='admin-row__main'>
        <Text className='admin-row__title'>{rule.serviceName}</Text>
        <View>
          {weekWords(rule.weekTemplate).map((words, at, all) => (
            <Text key={words} className='admin-nowrap'>{`${words}${at < all.length - 1 ? '，' : ''}`}</Text>
          ))}
        </View>
        <Text className='palm-secondary'>
          {`午休 ${hoursText(rule.breaks) || '无'}；每${rule.slotMinutes}分钟一个号源，每个可约${rule.capacityPerSlot}人；提前${rule.horizonDays}天 ${rule.releaseTime} 放号；${adjustedWords(rule.adjustedWorkdayWeekday)}`}
        </Text>
        <StatusTag tone={rule.active ? 'open' : 'closed'} text={rule.active ? '放号中' : '已停用'} />
      </View>
      {isEditing ? (
        <Text className='palm-secondary'>正在修改</Text>
      ) : (
        <Button id={`admin-slot-rule-${index}-edit`} variant='secondary' onClick={onEdit}>
          修改
        </Button>
      )}
    </View>
  );
}

/** The hall's services without a rule yet, to add one. */
function NewRuleChoice({ office, rules, onChoose }: { office: AdminOffice; rules: readonly AdminSlotRule[]; onChoose: (editing: Editing) => void }) {
  const free = office.services.filter((s) => !rules.some((r) => r.serviceId === s.id));
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  if (free.length === 0) return null;
  const service = free.find((s) => s.id === chosen);
  return (
    <Card id='admin-new-rule' title='为其他业务新增预约规则'>
      <ChoiceList idPrefix='admin-new-rule-service' label='业务' choices={free.map((s) => ({ id: s.id, title: s.name }))} chosenId={chosen} onChoose={setChosen} />
      <View className='palm-spacer' />
      <Button id='admin-new-rule-start' isBlock isDisabled={!service} onClick={() => service && onChoose({ serviceId: service.id, serviceName: service.name })}>
        {service ? `填写“${service.name}”的规则` : '请先选择业务'}
      </Button>
    </Card>
  );
}

interface RuleFormProps {
  officeId: string;
  editing: Editing;
  onSaved: (words: string) => void;
  onCancel: () => void;
}

function RuleForm({ officeId, editing, onSaved, onCancel }: RuleFormProps) {
  const rule = 'rule' in editing ? editing.rule : null;
  const had: RuleFields = rule ?? NEW_RULE;
  const serviceName = rule ? rule.serviceName : (editing as { serviceName: string }).serviceName;
  const [draft, setDraft] = useState<RuleDraft>(() => ruleDraftOf(had));
  const [preview, setPreview] = useState<SlotPlanSummary | null>(null);
  const previewing = useAction();
  const saving = useAction();
  const { fields, problems } = readRuleDraft(draft, had);
  const patch = fields && rule ? ruleChanges(rule, fields) : null;
  const isChanged = !rule || (patch !== null && Object.keys(patch).length > 0);
  const hasProblem = Object.keys(problems).length > 0;
  const edit = (next: Partial<RuleDraft>) => {
    setDraft((was) => ({ ...was, ...next }));
    setPreview(null);
    previewing.clear();
    saving.clear();
  };
  const newBody = () => ({ officeId, serviceId: (editing as { serviceId: string }).serviceId, ...fields! });
  const check = () =>
    previewing.run(
      () => previewSlotRule(rule ? { id: rule.id, ...patch } : newBody(), { isQuiet: true }),
      (answer) => {
        setPreview(answer.slots);
        return '';
      },
    );
  const save = () =>
    saving.run(
      () => (rule ? patchSlotRule(rule.id, patch!, { isQuiet: true }) : createSlotRule(newBody(), { isQuiet: true })),
      (result) => {
        onSaved(`“${serviceName}”的预约规则已保存：${slotPlanWords(result.slots)}`);
        return '';
      },
      () => setPreview(null),
    );
  const prefix = 'admin-rule';
  // 周一…周五; a rule saved with 周六 or 周日 (the API allows any weekday) keeps it on offer.
  const stored = had.adjustedWorkdayWeekday;
  const adjustedDays: readonly Weekday[] = stored !== null && stored > 5 ? [...ADJUSTED_WEEKDAYS, String(stored) as Weekday] : ADJUSTED_WEEKDAYS;
  return (
    <Card id='admin-rule-form' title={rule ? `修改“${serviceName}”的预约规则` : `新增“${serviceName}”的预约规则`}>
      <Text className='palm-secondary'>每天写一段可预约的时间，例如 09:00-17:00；空着表示这天不放号。午休时段每天都不放号。</Text>
      <View className='palm-spacer' />
      {WEEKDAYS.map((day) => (
        <View key={day}>
          <TextField id={`${prefix}-day-${day}`} label={`${WEEKDAY_WORDS[day]}${draft.days[day].trim() ? '' : '（不放号）'}`} value={draft.days[day]} maxLength={11} onInput={(value) => edit({ days: { ...draft.days, [day]: value } })} />
          <Problem id={`${prefix}-day-${day}-problem`} text={problems[day]} />
        </View>
      ))}
      {/* A 调休 Saturday or Sunday is a working day (节假日安排): which weekday's hours it takes. */}
      <View className='admin-field'>
        <Text aria-hidden='true' className='admin-row__title'>
          调休上班日（周末补班）按哪天的时间放号
        </Text>
        <ChoiceList
          idPrefix={`${prefix}-adjusted`}
          label='调休上班日（周末补班）按哪天的时间放号'
          choices={[
            { id: 'auto', title: '自动', detail: '按周一至周五中第一个放号的日子' },
            ...adjustedDays.map((day) => ({ id: day, title: `按${WEEKDAY_WORDS[day]}`, detail: draft.days[day].trim() || '这天不放号' })),
          ]}
          chosenId={draft.adjusted}
          onChoose={(adjusted) => edit({ adjusted: adjusted as RuleDraft['adjusted'] })}
        />
        <Problem id={`${prefix}-adjusted-problem`} text={problems.adjusted} />
      </View>
      <TextField id={`${prefix}-breaks`} label='午休等不放号的时段（例如 12:00-13:30）' value={draft.breaks} onInput={(breaks) => edit({ breaks })} />
      <Problem id={`${prefix}-breaks-problem`} text={problems.breaks} />
      {RULE_NUMBERS.map((field) => (
        <View key={field}>
          <TextField id={`${prefix}-${field}`} label={`${RULE_LIMITS[field].label}（${RULE_LIMITS[field].min}–${RULE_LIMITS[field].max}）`} type='number' value={draft.numbers[field]} maxLength={5} onInput={(value) => edit({ numbers: { ...draft.numbers, [field]: value } })} />
          <Problem id={`${prefix}-${field}-problem`} text={problems[field]} />
        </View>
      ))}
      <TextField id={`${prefix}-releaseTime`} label='几点放号（例如 08:00）' value={draft.releaseTime} maxLength={5} onInput={(releaseTime) => edit({ releaseTime: releaseTime.trim() })} />
      <Problem id={`${prefix}-releaseTime-problem`} text={problems.releaseTime} />
      <ChoiceList
        idPrefix={`${prefix}-active`}
        label='是否放号'
        choices={[
          { id: 'on', title: '放号', detail: '按上面的时间生成号源' },
          { id: 'off', title: '停用', detail: '不再生成新号源，未预约的号源撤下' },
        ]}
        chosenId={draft.active ? 'on' : 'off'}
        onChoose={(choice) => edit({ active: choice === 'on' })}
      />
      <View className='palm-spacer' />
      {previewing.error ? <ErrorState id={`${prefix}-preview-error`} message={previewing.error} /> : null}
      {saving.error ? <ErrorState id={`${prefix}-save-error`} message={saving.error} /> : null}
      {preview ? (
        <Confirm
          idPrefix={prefix}
          title='保存后号源将这样变化'
          words={slotPlanWords(preview)}
          confirmText='确认保存'
          isBusy={saving.isBusy}
          onConfirm={save}
          onCancel={() => setPreview(null)}
        />
      ) : (
        <View className='palm-stack'>
          <Button id={`${prefix}-check`} isBlock isDisabled={hasProblem || !isChanged} isLoading={previewing.isBusy} onClick={check}>
            {hasProblem ? '请先改正上面标出的内容' : isChanged ? '预览号源变化' : '没有改动'}
          </Button>
          <Button id={`${prefix}-cancel`} variant='secondary' isBlock onClick={onCancel}>
            不改了
          </Button>
        </View>
      )}
    </Card>
  );
}
