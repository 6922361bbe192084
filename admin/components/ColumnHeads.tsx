import { Th, Thead, Tr, Typography } from '@strapi/design-system';
import { CaretDown, CaretUp } from '@strapi/icons';
import styled from 'styled-components';

/** A column head that orders the table: `sorted` says how it orders it now, if it does. */
export interface SortableHead {
  label: string;
  sorted: 'asc' | 'desc' | false;
  onSort: () => void;
}

export type ColumnHead = string | SortableHead;

const labelOf = (head: ColumnHead) => (typeof head === 'string' ? head : head.label);

const SortButton = styled.button`
  display: inline-flex;
  align-items: center;
  gap: 0.4rem;
  background: none;
  border: none;
  padding: 0;
  cursor: pointer;
  color: inherit;
`;

export const ColumnHeads = ({ names }: { names: ColumnHead[] }) => (
  <Thead>
    <Tr>
      {names.map((head) => (
        <Th
          key={labelOf(head)}
          aria-sort={typeof head === 'string' || !head.sorted ? undefined : head.sorted === 'asc' ? 'ascending' : 'descending'}
        >
          {typeof head === 'string' ? (
            <Typography variant="sigma">{head}</Typography>
          ) : (
            <SortButton type="button" onClick={head.onSort}>
              <Typography variant="sigma">{head.label}</Typography>
              {head.sorted === 'asc' ? <CaretUp aria-hidden /> : head.sorted === 'desc' ? <CaretDown aria-hidden /> : null}
            </SortButton>
          )}
        </Th>
      ))}
    </Tr>
  </Thead>
);
