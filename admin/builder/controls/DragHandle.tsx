import { Drag } from '@strapi/icons';
import { forwardRef } from 'react';
import type { DragHandleProps } from 'react-querybuilder';
import { styled } from 'styled-components';
import { useT } from '../../i18n';

const Handle = styled.span`
  display: inline-flex;
  align-items: center;
  /* As tall as the small selects beside it, so the icon sits on their middle line. */
  min-height: 3.2rem;
  padding: 0 ${({ theme }) => theme.spaces[1]};
  cursor: grab;
  color: ${({ theme }) => theme.colors.neutral600};
  svg {
    width: 1.6rem;
    height: 1.6rem;
  }
`;

/** What react-dnd drags by; the move buttons beside it are the keyboard alternative. */
export const DragHandle = forwardRef<HTMLSpanElement, DragHandleProps>(function DragHandle({ dragHandleAttributes }, ref) {
  const t = useT();
  return (
    <Handle ref={ref} role="img" aria-label={t('builder.dragHandle')} title={t('builder.dragHandle')} {...dragHandleAttributes}>
      <Drag aria-hidden />
    </Handle>
  );
});
