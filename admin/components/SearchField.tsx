import { Searchbar } from '@strapi/design-system';
import { useT } from '../i18n';

/** The search box of a collection page. */
export const SearchField = ({ value, onChange, label }: { value: string; onChange: (value: string) => void; label: string }) => {
  const t = useT();
  return (
    <Searchbar
      name="q"
      value={value}
      onChange={(e: React.ChangeEvent<HTMLInputElement>) => onChange(e.target.value)}
      onClear={() => onChange('')}
      clearLabel={t('search.clear')}
      placeholder={label}
    >
      {label}
    </Searchbar>
  );
};
