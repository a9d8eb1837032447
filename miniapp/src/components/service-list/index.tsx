// Services as rows that open their guide. Row ids are `<idPrefix>-<index>` for the E2E tests.
import type { ServiceSummary } from '@palm/shared/server';
import { Cell } from '../cell';
import { Facts } from '../facts';
import { formatPromisedDays } from '../../lib/format';
import { openPage, PAGES } from '../../lib/routes';

export interface ServiceListProps {
  items: ReadonlyArray<Pick<ServiceSummary, 'id' | 'name'> & Partial<Pick<ServiceSummary, 'department' | 'promisedDays'>>>;
  idPrefix?: string;
  /** 长辈版: the name alone, fewer words per row. */
  isBrief?: boolean;
}

export function ServiceList({ items, idPrefix = 'service', isBrief }: ServiceListProps) {
  return (
    <>
      {items.map((service, index) => (
        <Cell
          key={service.id}
          id={`${idPrefix}-${index}`}
          title={service.name}
          description={isBrief || service.promisedDays === undefined ? undefined : <Facts parts={[service.department, `承诺${formatPromisedDays(service.promisedDays)}`]} />}
          isLink
          onClick={() => openPage(PAGES.service, { id: service.id })}
        />
      ))}
    </>
  );
}
