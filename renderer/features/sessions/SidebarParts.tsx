/** Building blocks of the sidebar: a titled section and a list that folds its older items. */
import { useState, type ReactNode } from 'react';

/** A titled section; `empty` shows instead of the list when there is nothing in it. */
export function SidebarSection(props: {
  readonly title: string;
  readonly count: number;
  readonly testId: string;
  readonly empty: ReactNode;
  readonly tools?: ReactNode;
  readonly children?: ReactNode;
}) {
  return (
    <section className="sb-section" aria-label={props.title} data-testid={props.testId}>
      <h2 className="sb-heading">
        <span>{props.title}</span>
        {props.count > 0 && <span className="sb-count">{props.count}</span>}
      </h2>
      {props.tools !== undefined && <div className="sb-tools">{props.tools}</div>}
      {props.count === 0 ? (
        <p className="sb-hint">{props.empty}</p>
      ) : (
        <ul className="sb-list">{props.children}</ul>
      )}
    </section>
  );
}

/** The last `cap` items, with a button for the earlier ones. */
export function CappedList<T>(props: {
  readonly items: readonly T[];
  readonly cap: number;
  /** What the items are, singular and plural: ['attempt', 'attempts']. */
  readonly what: readonly [string, string];
  readonly render: (item: T) => ReactNode;
}) {
  const [all, setAll] = useState(false);
  const hidden = all ? 0 : Math.max(0, props.items.length - props.cap);
  return (
    <>
      {hidden > 0 && (
        <li className="sb-more">
          <button type="button" className="sb-link" onClick={() => setAll(true)}>
            Show {hidden} earlier {props.what[hidden === 1 ? 0 : 1]}
          </button>
        </li>
      )}
      {props.items.slice(hidden).map(props.render)}
    </>
  );
}
