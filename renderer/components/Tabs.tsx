import { useRef, type KeyboardEvent, type ReactNode } from 'react';
import { nextIndexForKey } from './keyboardNav';

export interface TabItem<T extends string> {
  id: T;
  label: ReactNode;
  /** e.g. an unread count */
  badge?: ReactNode;
}

interface TabsProps<T extends string> {
  label: string;
  items: readonly TabItem<T>[];
  selected: T;
  onSelect(id: T): void;
  /** id prefix linking each tab to its tabpanel */
  idPrefix: string;
  className?: string;
}

/** A WAI-ARIA tablist: one tab stop, arrow keys move and select, Home/End jump. */
export function Tabs<T extends string>({ label, items, selected, onSelect, idPrefix, className }: TabsProps<T>) {
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const next = nextIndexForKey(event.key, index, items.length);
    const item = next === null ? undefined : items[next];
    if (next === null || item === undefined) return;
    event.preventDefault();
    onSelect(item.id);
    refs.current[next]?.focus();
  };
  return (
    <div role="tablist" aria-label={label} className={`tabs ${className ?? ''}`}>
      {items.map((item, index) => {
        const isSelected = item.id === selected;
        return (
          <button
            key={item.id}
            ref={(element) => {
              refs.current[index] = element;
            }}
            type="button"
            role="tab"
            id={`${idPrefix}-tab-${item.id}`}
            aria-selected={isSelected}
            aria-controls={`${idPrefix}-panel-${item.id}`}
            tabIndex={isSelected ? 0 : -1}
            className="tab"
            onClick={() => onSelect(item.id)}
            onKeyDown={(event) => onKeyDown(event, index)}
          >
            {item.label}
            {item.badge}
          </button>
        );
      })}
    </div>
  );
}

/** The region a tab shows; only the selected one is rendered. */
export function TabPanel({ idPrefix, id, children }: { idPrefix: string; id: string; children: ReactNode }) {
  return (
    <div role="tabpanel" id={`${idPrefix}-panel-${id}`} aria-labelledby={`${idPrefix}-tab-${id}`} className="tabpanel" tabIndex={-1}>
      {children}
    </div>
  );
}

interface SegmentedProps<T extends string> {
  label: string;
  options: readonly T[];
  selected: T;
  onSelect(value: T): void;
  format?: (value: T) => string;
}

/** A small toggle group (e.g. chart timeframes): plain buttons with aria-pressed. */
export function Segmented<T extends string>({ label, options, selected, onSelect, format = String }: SegmentedProps<T>) {
  return (
    <div role="group" aria-label={label} className="segmented">
      {options.map((option) => (
        <button key={option} type="button" className="small" aria-pressed={option === selected} onClick={() => onSelect(option)}>
          {format(option)}
        </button>
      ))}
    </div>
  );
}
