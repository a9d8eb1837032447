// 操作记录 (issue 17: every admin change is audited with before/after): the console's changes
// (`GET /api/admin/audit`), newest first, 20 at a time with 加载更多. Each says when (the server's
// clock, Asia/Shanghai), who (name and masked phone), what in words, which hall, whom it concerned,
// and the before → after of each field it touched. A hall manager sees their own hall's; an admin
// every hall's, or one hall's.
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { Me } from '@palm/shared/server';
import { listAudit, type AdminAuditEntry } from '../../../api/admin-staff';
import { Card } from '../../../components/card';
import { PageShell } from '../../../components/page-shell';
import { whenWords } from '../../../features/reports/words';
import { HallFilter, useHalls, type Halls } from '../halls';
import { isAdmin } from '../model';
import { PagedMore } from '../paged-more';
import { AdminGate } from '../shared';
import { actionWords, changeWords, entryNote, fieldChanges, hallWords, personWords } from '../staff-model';
import { usePaged } from '../use-paged';
import '../shared.scss';

const PAGE = 20;

export default function AdminAuditPage() {
  return (
    <PageShell title='操作记录'>
      <AdminGate>{(me) => <AuditConsole me={me} />}</AdminGate>
    </PageShell>
  );
}

function AuditConsole({ me }: { me: Me }) {
  const admin = isAdmin(me);
  const halls = useHalls();
  const [officeId, setOfficeId] = useState('');
  const list = usePaged((cursor) => listAudit({ officeId: admin ? officeId || undefined : undefined, cursor, limit: PAGE }, { isQuiet: true }), [officeId]);
  return (
    <View>
      <Text id='admin-audit-scope' className='palm-section-title'>
        {admin ? '管理后台的所有变更' : `${halls.names.get(me.officeId ?? '') ?? '本大厅'}的变更`}
      </Text>
      {admin ? <HallFilter idPrefix='admin-audit' halls={halls} chosen={officeId} onChoose={setOfficeId} /> : null}
      <Card id='admin-audit' title='变更记录（新的在前）'>
        {list.items?.length === 0 ? (
          <Text id='admin-audit-empty' className='palm-secondary'>
            还没有变更记录。
          </Text>
        ) : null}
        {list.items?.map((entry, index) => (
          <AuditRow key={entry.id} index={index} entry={entry} halls={halls} />
        ))}
        <PagedMore idPrefix='admin-audit' list={list} />
      </Card>
    </View>
  );
}

function AuditRow({ index, entry, halls }: { index: number; entry: AdminAuditEntry; halls: Halls }) {
  const changes = fieldChanges(entry, halls.names);
  const note = entryNote(entry);
  return (
    <View id={`admin-audit-${index}`} data-audit-action={entry.action} className='admin-row'>
      <View className='admin-row__main'>
        <Text className='admin-row__title'>{actionWords(entry)}</Text>
        <Text className='palm-secondary'>{`${whenWords(entry.at)} · ${personWords(entry.actor)}`}</Text>
        {entry.officeId ? <Text>{`大厅：${hallWords(halls.names, entry.officeId)}`}</Text> : null}
        {note ? <Text>{note}</Text> : null}
        {changes.map((change) => (
          <Text key={change.field}>{changeWords(change)}</Text>
        ))}
      </View>
    </View>
  );
}
