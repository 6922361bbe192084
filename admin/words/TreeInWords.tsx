import { Box, Typography } from '@strapi/design-system';
import { useT } from '../i18n';

/** "In words": the tree as a sentence, so a reader can check the builder (or the AI) built what was meant. */
export const TreeInWords = ({ words, id = 'tree-in-words' }: { words: string; id?: string }) => {
  const t = useT();
  return (
    <Box tag="section" aria-labelledby={id} background="neutral100" hasRadius padding={4}>
      <Typography variant="sigma" textColor="neutral600" tag="h3" id={id}>
        {t('words.title')}
      </Typography>
      <Box paddingTop={1}>
        <Typography tag="p" data-testid="tree-in-words">
          {words}
        </Typography>
      </Box>
    </Box>
  );
};
