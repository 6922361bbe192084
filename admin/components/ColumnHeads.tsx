import { Th, Thead, Tr, Typography } from '@strapi/design-system';

export const ColumnHeads = ({ names }: { names: string[] }) => (
  <Thead>
    <Tr>
      {names.map((name) => (
        <Th key={name}>
          <Typography variant="sigma">{name}</Typography>
        </Th>
      ))}
    </Tr>
  </Thead>
);
