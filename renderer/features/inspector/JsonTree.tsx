/** The JSON tab: a collapsible tree (native <details>) of a bounded JsonNode tree, text nodes only. */
import { buildJsonTree, containerSummary, type JsonNode } from './json-tree.js';
import './detail.css';

/** Levels open when the tab shows. */
const OPEN_DEPTH = 2;

/** One node and, for a container, its children. */
function Node({ node, depth }: { readonly node: JsonNode; readonly depth: number }) {
  const key = node.key === null ? null : <span className="jkey">{node.key}: </span>;
  if (node.kind !== 'object' && node.kind !== 'array') {
    return (
      <li className="jleaf">
        {key}
        <span className={`j${node.kind}`}>{node.text}</span>
      </li>
    );
  }
  return (
    <li>
      <details open={depth < OPEN_DEPTH}>
        <summary>
          {key}
          <span className="jsummary">{containerSummary(node)}</span>
        </summary>
        <ul className="jtree">
          {node.children.map((child, i) => (
            <Node key={i} node={child} depth={depth + 1} />
          ))}
          {node.omitted > 0 && <li className="jmore">… {node.omitted} more not shown</li>}
        </ul>
      </details>
    </li>
  );
}

/** The tree of a parsed payload. */
export function JsonTree({ value }: { readonly value: unknown }) {
  return (
    <ul className="jtree jroot">
      <Node node={buildJsonTree(value)} depth={0} />
    </ul>
  );
}
