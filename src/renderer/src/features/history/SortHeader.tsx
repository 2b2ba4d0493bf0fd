// A column heading that sorts the table: a button inside the <th>, with aria-sort on the <th>.
import type { HistorySortKey, SortDirection } from './history-sort.js';

export function SortHeader({
  label,
  sortKey,
  current,
  direction,
  onSort,
  className,
  title,
}: {
  label: string;
  sortKey: HistorySortKey;
  current: HistorySortKey;
  direction: SortDirection;
  onSort: (key: HistorySortKey) => void;
  className?: string;
  title?: string;
}) {
  const active = current === sortKey;
  return (
    <th
      scope="col"
      className={className}
      title={title}
      aria-sort={active ? (direction === 'asc' ? 'ascending' : 'descending') : undefined}
    >
      <button type="button" className="sort-button" onClick={() => onSort(sortKey)}>
        {label}
        <span aria-hidden="true" className="sort-mark">
          {active ? (direction === 'asc' ? ' ▲' : ' ▼') : ''}
        </span>
      </button>
    </th>
  );
}
