export interface Column {
  label: string;
  /** right-aligned, as numbers are */
  numeric?: boolean;
  /** hidden on narrow windows (the `opt` class) */
  optional?: boolean;
  /** read by screen readers only (e.g. an actions column) */
  hiddenLabel?: boolean;
}

/** A table's header row: one `th scope="col"` per column. */
export function TableHead({ columns }: { columns: readonly Column[] }) {
  return (
    <thead>
      <tr>
        {columns.map((column) => (
          <th key={column.label} scope="col" className={[column.numeric ? 'r' : '', column.optional ? 'opt' : ''].filter(Boolean).join(' ') || undefined}>
            {column.hiddenLabel ? <span className="visually-hidden">{column.label}</span> : column.label}
          </th>
        ))}
      </tr>
    </thead>
  );
}
