// Who is signed in, with identifiers masked as the BFF sends them (never in clear, DESIGN.md §4).
import type { Me } from '@palm/shared/server';
import { Card } from '../../components/card';
import { Cell } from '../../components/cell';
import { StatusTag } from '../../components/status-tag';
import { openPage, PAGES } from '../../lib/routes';

export function ProfileCard({ me }: { me: Me }) {
  return (
    <Card title={me.name ?? '您好'} id='me-profile'>
      <Cell title='手机号' value={me.phoneMasked ?? '未绑定'} />
      <Cell title='身份证号' value={me.idNumberMasked ?? '未绑定'} />
      <Cell
        title='实名认证'
        value={me.realNameVerified ? <StatusTag tone='open' text='已实名' /> : <StatusTag tone='closed' text='未实名' />}
        description={me.realNameVerified ? undefined : '点此填写姓名和身份证号；也可到任一大厅窗口办理'}
        id='me-real-name'
        isLink={!me.realNameVerified}
        onClick={me.realNameVerified ? undefined : () => openPage(PAGES.realName)}
      />
    </Card>
  );
}
