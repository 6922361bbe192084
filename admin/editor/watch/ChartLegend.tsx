import { Flex, Typography } from '@strapi/design-system';
import { styled } from 'styled-components';
import { useT } from '../../i18n';

type Swatch = 'primary600' | 'success500' | 'danger500' | 'danger600';

const Mark = styled.span<{ $color: Swatch; $round?: boolean }>`
  display: inline-block;
  width: 10px;
  height: 10px;
  border-radius: ${({ $round }) => ($round ? '50%' : '2px')};
  background: ${({ theme, $color }) => theme.colors[$color]};
`;

/** What the history chart's colours mean; "failed refresh" only when the chart shows one. */
export const ChartLegend = ({ hasFailures }: { hasFailures: boolean }) => {
  const t = useT();
  const items: Array<[Swatch, string, boolean?]> = [
    ['primary600', t('watch.legendCount'), true],
    ['success500', t('watch.legendEntered')],
    ['danger500', t('watch.legendLeft')],
    ...(hasFailures ? ([['danger600', t('watch.legendFailed'), true]] as Array<[Swatch, string, boolean]>) : []),
  ];
  return (
    <Flex gap={4} wrap="wrap" aria-hidden>
      {items.map(([color, label, round]) => (
        <Flex key={label} gap={1} alignItems="center">
          <Mark $color={color} $round={round} />
          <Typography variant="pi" textColor="neutral600">
            {label}
          </Typography>
        </Flex>
      ))}
    </Flex>
  );
};
