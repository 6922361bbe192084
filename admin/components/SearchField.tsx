import { Searchbar } from '@strapi/design-system';

/** The search box of a collection page. */
export const SearchField = ({ value, onChange, label }: { value: string; onChange: (value: string) => void; label: string }) => (
  <Searchbar
    name="q"
    value={value}
    onChange={(e: React.ChangeEvent<HTMLInputElement>) => onChange(e.target.value)}
    onClear={() => onChange('')}
    clearLabel="Clear the search"
    placeholder={label}
  >
    {label}
  </Searchbar>
);
