// 编辑办事指南 (issue 17 item 5), admins only: every field of a service's guide — summary,
// conditions and steps one a line, materials as rows with the e-licence that may replace each,
// time limits, fees in 元, channels, search synonyms — checked as typed (model.ts readGuide). Before
// saving, a confirmation lists each change in words and says what saving does: a new version, and
// bookings from today on keep the version they were made under. After saving, the new version;
// when someone else saved meanwhile (409 GUIDE_VERSION_CONFLICT), says so and offers to read the
// guide again. The version history (版本记录) beside. On a desktop the texts and materials sit
// beside the limits, channels, synonyms and the save.
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { getAdminGuide, patchAdminGuide, type AdminGuide, type AdminGuideSaved } from '../../../api/admin';
import { ApiError } from '../../../api/errors';
import { useApi } from '../../../api/use-api';
import { Button } from '../../../components/button';
import { Card } from '../../../components/card';
import { Cell } from '../../../components/cell';
import { ErrorState } from '../../../components/error-state';
import { PageShell } from '../../../components/page-shell';
import { StatusTag } from '../../../components/status-tag';
import { TextField } from '../../../components/text-field';
import { openPage, PAGES } from '../../../lib/routes';
import { aliasProblem, GUIDE_LIMITS, guideChangeWords, guideConsequence, guideDraftOf, guidePatch, guideWords, isAdmin, readGuide, stampWords, versionWords, type GuideDraft } from '../model';
import { AdminGate, Confirm, Done, Problem, TextArea, useAction, YesNo } from '../shared';
import { MaterialsEditor } from './materials';
import '../shared.scss';

export default function AdminServicePage() {
  const params = useRouter().params;
  return (
    <PageShell title='编辑办事指南'>
      <AdminGate allows={isAdmin}>{() => <GuideConsole id={params.id ?? ''} />}</AdminGate>
    </PageShell>
  );
}

const savedWords = (saved: AdminGuideSaved): string =>
  `已保存为第 ${saved.version} 版办事指南（上一版为第 ${saved.previousVersion} 版）。${saved.activeBookings > 0 ? `已有的 ${saved.activeBookings} 个预约仍按预约时的版本办理。` : ''}`;

function GuideConsole({ id }: { id: string }) {
  const guide = useApi(id ? () => getAdminGuide(id, { isQuiet: true }) : null, [id]);
  // After a save or a conflict the guide is read again in place; the editor starts from it.
  const [fresh, setFresh] = useState<AdminGuide | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const shown = fresh ?? guide.data;
  const reread = () => void getAdminGuide(id, { isQuiet: true }).then(setFresh, guide.reload);
  if (!id) return <ErrorState id='admin-guide-none' message='没有指定事项，请从事项指南列表选择。' />;
  if (guide.error && !shown) return <ErrorState id='admin-guide-error' message={guide.error.message} onRetry={guide.reload} />;
  if (!shown) return <Text className='palm-secondary'>正在加载…</Text>;
  return (
    <GuideEditor
      key={`${shown.service.id}-${shown.version}`}
      guide={shown}
      done={done}
      onEdited={() => setDone(null)}
      onSaved={(saved) => {
        setDone(savedWords(saved));
        // The saved guide at once; its version history with the next read.
        setFresh({ ...shown, service: saved.service, version: saved.version, shownVersion: saved.version, activeBookings: saved.activeBookings });
        reread();
      }}
      onReread={() => {
        setDone(null);
        reread();
      }}
    />
  );
}

interface EditorProps {
  guide: AdminGuide;
  done: string | null;
  onEdited: () => void;
  onSaved: (saved: AdminGuideSaved) => void;
  onReread: () => void;
}

function GuideEditor({ guide, done, onEdited, onSaved, onReread }: EditorProps) {
  const { service, version } = guide;
  const [draft, setDraft] = useState<GuideDraft>(() => guideDraftOf(service));
  const [isConfirming, setIsConfirming] = useState(false);
  const [isConflict, setIsConflict] = useState(false);
  const action = useAction();
  const read = readGuide(draft);
  const changes = read.fields ? guideChangeWords(service, read.fields) : [];
  const edit = (patch: Partial<GuideDraft>) => {
    setDraft((had) => ({ ...had, ...patch }));
    setIsConfirming(false);
    action.clear();
    onEdited();
  };
  const save = () => {
    if (!read.fields) return;
    const patch = guidePatch(service, read.fields, version);
    action.run(
      () => patchAdminGuide(service.id, patch, { isQuiet: true }),
      (saved) => {
        setIsConfirming(false);
        onSaved(saved);
        return '';
      },
      (failure) => {
        setIsConfirming(false);
        setIsConflict(failure instanceof ApiError && failure.code === 'GUIDE_VERSION_CONFLICT');
      },
    );
  };

  return (
    <View>
      <Text id='admin-guide-name' className='palm-section-title'>
        {service.name}
      </Text>
      <View className='admin-head'>
        <StatusTag id='admin-guide-version' tone='open' text={`当前第 ${version} 版`} />
        <Text className='palm-secondary'>{`事项编码 ${service.code}，排队字母 ${service.categoryLetter}`}</Text>
      </View>
      <View className='admin-wide'>
        <View>
          <Card id='admin-guide-texts' title='简介、条件和流程'>
            <TextArea id='admin-guide-summary' label='事项简介' value={draft.summary} maxLength={GUIDE_LIMITS.summary} onInput={(summary) => edit({ summary })} />
            <Problem id='admin-guide-summary-problem' text={read.problems.summary} />
            <TextArea id='admin-guide-conditions' label='办理条件（每行一条）' value={draft.conditions} onInput={(conditions) => edit({ conditions })} />
            <Problem id='admin-guide-conditions-problem' text={read.problems.conditions} />
            <TextArea id='admin-guide-process' label='办理流程（每行一步）' value={draft.process} onInput={(process) => edit({ process })} />
            <Problem id='admin-guide-process-problem' text={read.problems.process} />
          </Card>
          <MaterialsEditor materials={draft.materials} problems={read.materials} onChange={(materials) => edit({ materials })} />
          <Problem id='admin-guide-materials-problem' text={read.problems.materials} />
        </View>
        <View>
          <LimitsAndFees draft={draft} problems={read.problems} onEdit={edit} />
          <Card id='admin-guide-channels' title='办理渠道'>
            <Text className='palm-secondary'>到大厅窗口办理总是可以的。</Text>
            <YesNo idPrefix='admin-guide-online' label='网上办理' value={draft.onlineAllowed} onChange={(onlineAllowed) => edit({ onlineAllowed })} />
            <YesNo idPrefix='admin-guide-proxy' label='委托他人代办' yes='可以代办' no='须本人办理' value={draft.proxyAllowed} onChange={(proxyAllowed) => edit({ proxyAllowed })} />
            <YesNo idPrefix='admin-guide-appointment' label='到大厅前' yes='须预约' no='不必预约' value={draft.appointmentRequired} onChange={(appointmentRequired) => edit({ appointmentRequired })} />
          </Card>
          <Synonyms name={service.name} aliases={draft.aliases} problem={read.problems.aliases} onChange={(aliases) => edit({ aliases })} />
          <Card id='admin-guide-save' title='保存修改'>
            {changes.length > 0 && !isConfirming ? <ChangeList id='admin-guide-changes' changes={changes} /> : null}
            {isConflict ? (
              <Card id='admin-guide-conflict' title='！有人先保存了' isNotice>
                <View className='palm-stack'>
                  <Text>在您修改期间，其他管理员保存了这项指南的新版本，您这次的修改没有保存。请重新读取最新版本，再改一次。</Text>
                  <Button id='admin-guide-reread' isBlock onClick={onReread}>
                    重新读取最新版本
                  </Button>
                </View>
              </Card>
            ) : null}
            {action.error && !isConflict ? <ErrorState id='admin-guide-save-error' message={action.error} /> : null}
            {isConfirming && read.fields ? (
              <Confirm
                idPrefix='admin-guide'
                title='保存前请确认'
                details={<ChangeList id='admin-guide-confirm-changes' changes={changes} />}
                words={guideConsequence(version, guide.activeBookings)}
                confirmText={`确认保存为第 ${version + 1} 版`}
                isBusy={action.isBusy}
                onConfirm={save}
                onCancel={() => setIsConfirming(false)}
              />
            ) : (
              <Button id='admin-guide-check' isBlock isDisabled={!read.fields || changes.length === 0 || isConflict} onClick={() => setIsConfirming(true)}>
                {!read.fields ? '请先改正上面标出的内容' : changes.length === 0 ? '还没有修改' : '检查并保存'}
              </Button>
            )}
            <Done id='admin-guide-done' text={done} />
          </Card>
          <Versions guide={guide} />
        </View>
      </View>
    </View>
  );
}

/** Each change in words, as a list: 本次修改（n处）. */
function ChangeList({ id, changes }: { id: string; changes: readonly string[] }) {
  return (
    <View id={id} className='admin-list admin-changes'>
      <Text className='admin-row__title'>{`本次修改（${changes.length}处）`}</Text>
      {changes.map((words, index) => (
        <Text key={words} id={`${id}-${index}`} className='admin-change'>
          {`· ${words}`}
        </Text>
      ))}
    </View>
  );
}

function LimitsAndFees({ draft, problems, onEdit }: { draft: GuideDraft; problems: ReturnType<typeof readGuide>['problems']; onEdit: (patch: Partial<GuideDraft>) => void }) {
  return (
    <Card id='admin-guide-limits' title='时限和收费'>
      <TextField id='admin-guide-legal-days' label='法定时限（工作日）' type='number' value={draft.legalDays} maxLength={3} onInput={(legalDays) => onEdit({ legalDays: legalDays.trim() })} />
      <Problem id='admin-guide-legal-days-problem' text={problems.legalDays} />
      <TextField id='admin-guide-promised-days' label='承诺时限（工作日，0 为即办）' type='number' value={draft.promisedDays} maxLength={3} onInput={(promisedDays) => onEdit({ promisedDays: promisedDays.trim() })} />
      <Problem id='admin-guide-promised-days-problem' text={problems.promisedDays} />
      <TextField id='admin-guide-fee' label='收费（元，免费填 0）' value={draft.fee} maxLength={12} onInput={(fee) => onEdit({ fee: fee.trim() })} />
      <Problem id='admin-guide-fee-problem' text={problems.fee} />
      <TextField id='admin-guide-fee-max' label='最高收费（元，只有一个金额时空着）' value={draft.feeMax} maxLength={12} onInput={(feeMax) => onEdit({ feeMax: feeMax.trim() })} />
      <Problem id='admin-guide-fee-max-problem' text={problems.feeMax} />
      <TextField id='admin-guide-fee-note' label='收费说明（可不填）' value={draft.feeNote} placeholder='例如 损坏换领 40 元' maxLength={GUIDE_LIMITS.note} onInput={(feeNote) => onEdit({ feeNote })} />
      <Problem id='admin-guide-fee-note-problem' text={problems.feeNote} />
    </Card>
  );
}

/** Search synonyms as removable chips and a field to add one (checked as typed). */
function Synonyms({ name, aliases, problem, onChange }: { name: string; aliases: string[]; problem: string | undefined; onChange: (aliases: string[]) => void }) {
  const [word, setWord] = useState('');
  const [isTried, setIsTried] = useState(false);
  const wordProblem = aliasProblem(word, aliases, name);
  const add = () => {
    setIsTried(true);
    if (wordProblem) return;
    onChange([...aliases, word.trim()]);
    setWord('');
    setIsTried(false);
  };
  return (
    <Card id='admin-guide-aliases' title={`搜索同义词（${aliases.length}个）`}>
      <Text className='palm-secondary'>市民搜这些词也能找到这项服务，例如 换身份证、社保。点一个词可删除。</Text>
      <View className='admin-chips' role='list' aria-label='搜索同义词'>
        {aliases.map((alias, index) => (
          <View key={alias} role='listitem'>
            <Button id={`admin-guide-alias-${index}`} variant='secondary' onClick={() => onChange(aliases.filter((a) => a !== alias))}>
              {`${alias} ✕`}
            </Button>
          </View>
        ))}
      </View>
      <TextField
        id='admin-guide-alias-new'
        label='添加同义词'
        value={word}
        placeholder='例如 换身份证'
        maxLength={GUIDE_LIMITS.alias + 5}
        onInput={setWord}
        trailing={
          <Button id='admin-guide-alias-add' variant='secondary' onClick={add}>
            添加
          </Button>
        }
      />
      <Problem id='admin-guide-alias-problem' text={(isTried || word.trim()) && wordProblem ? wordProblem : problem} />
    </Card>
  );
}

function Versions({ guide }: { guide: AdminGuide }) {
  const versions = [...guide.versions].sort((a, b) => b.version - a.version);
  // An earlier version opened under its row, read-only: what the bookings made under it follow.
  const [viewing, setViewing] = useState<number | null>(null);
  return (
    <Card id='admin-guide-versions' title='版本记录'>
      <Text className='palm-secondary'>{guide.activeBookings > 0 ? `今天起的 ${guide.activeBookings} 个预约按预约时的版本办理。` : '今天起没有预约。'}</Text>
      {versions.map((v) => (
        <View key={v.version}>
          <View id={`admin-guide-version-${v.version}`} className='admin-row'>
            <View className='admin-row__main'>
              <Text className='admin-row__title'>{`第 ${v.version} 版${v.version === guide.version ? '（当前）' : ''}`}</Text>
              <Text>{versionWords(v.fields)}</Text>
              <Text className='palm-secondary'>{`${stampWords(v.createdAt)}，${v.createdBy?.name ?? (v.createdBy ? '管理员' : '系统导入')}`}</Text>
            </View>
            {v.version === guide.version ? null : (
              <Button id={`admin-guide-version-${v.version}-view`} variant='secondary' onClick={() => setViewing(viewing === v.version ? null : v.version)}>
                {viewing === v.version ? '收起' : '查看'}
              </Button>
            )}
          </View>
          {viewing === v.version ? <EarlierVersion serviceId={guide.service.id} version={v.version} /> : null}
        </View>
      ))}
      <Cell id='admin-guide-public' title='查看市民看到的指南' description='“办事”中这项服务的页面（当前版本）' isLink onClick={() => openPage(PAGES.service, { id: guide.service.id })} />
    </Card>
  );
}

/** An earlier version of the guide as it said it, field by field (`GET …/services/:id?version=`). */
function EarlierVersion({ serviceId, version }: { serviceId: string; version: number }) {
  const earlier = useApi(() => getAdminGuide(serviceId, { isQuiet: true }, version), [serviceId, version]);
  return (
    <View id='admin-guide-earlier' className='admin-earlier' role='region' aria-label={`第 ${version} 版办事指南`}>
      <Text className='admin-row__title'>{`第 ${version} 版办事指南（只读）`}</Text>
      {earlier.error ? <ErrorState id='admin-guide-earlier-error' message={earlier.error.message} onRetry={earlier.reload} /> : null}
      {earlier.data
        ? guideWords(earlier.data.service).map(({ field, label, lines }) => (
            <View key={field} id={`admin-guide-earlier-${field}`} className='admin-field'>
              <Text className='admin-earlier__label'>{label}</Text>
              {lines.map((line) => (
                <View key={line}>
                  <Text>{line}</Text>
                </View>
              ))}
            </View>
          ))
        : earlier.error
          ? null
          : <Text className='palm-secondary'>正在加载…</Text>}
    </View>
  );
}
