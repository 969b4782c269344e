/**
 * A payload as Text, JSON tree, Hex and Base64 tabs. Every payload byte reaches the DOM as a React
 * text node (never innerHTML), so markup in a payload shows as the characters it is.
 */
import { useState } from 'react';
import { assertNever } from '../../../shared/model/events.js';
import { DecodedView, type DecodeSource } from '../decoders/DecodedView.js';
import { JsonTree } from './JsonTree.js';
import { defaultTab, formatBytes, MAX_HEX_BYTES, type PayloadTab, type PayloadViews } from './payload.js';
import './detail.css';

const LABELS: Readonly<Record<PayloadTab, string>> = {
  text: 'Text',
  json: 'JSON',
  hex: 'Hex',
  base64: 'Base64',
  decoded: 'Decoded',
};

/** A notice that part of a view is left out. */
function Omitted({ count, unit }: { readonly count: number; readonly unit: string }) {
  if (count <= 0) return null;
  return (
    <div className="inotice">
      … {count.toLocaleString('en-US')} more {unit} not shown
    </div>
  );
}

/** The body of one tab. */
function TabBody({
  tab,
  views,
  source,
}: {
  readonly tab: PayloadTab;
  readonly views: PayloadViews;
  readonly source?: DecodeSource;
}) {
  switch (tab) {
    case 'text':
      return (
        <>
          {!views.validUtf8 && (
            <div className="inotice">
              Not valid UTF-8: undecodable bytes show as �. The Hex tab shows them exactly.
            </div>
          )}
          <pre className="ipayload-text">{views.text}</pre>
          <Omitted count={views.textOmitted} unit="characters" />
        </>
      );
    case 'json':
      return views.json === null ? null : <JsonTree value={views.json.value} />;
    case 'hex':
      return (
        <>
          <pre className="ipayload-hex">{views.hex}</pre>
          {views.hexOmitted > 0 && (
            <div className="inotice">
              First {formatBytes(MAX_HEX_BYTES)} shown; {views.hexOmitted.toLocaleString('en-US')} more bytes
              in the Base64 tab.
            </div>
          )}
        </>
      );
    case 'base64':
      return (
        <>
          <pre className="ipayload-b64">{views.base64}</pre>
          <Omitted count={views.base64Omitted} unit="characters" />
        </>
      );
    case 'decoded':
      return source === undefined ? null : <DecodedView source={source} />;
    default:
      return assertNever(tab);
  }
}

/**
 * The tab strip and the chosen view; opens on JSON, text or hex as the payload suits. With
 * `source` (the row's kind, id and connection) a Decoded tab decodes it with the connection's decoder.
 */
export function PayloadTabs({
  views,
  source,
}: {
  readonly views: PayloadViews;
  readonly source?: DecodeSource;
}) {
  const [tab, setTab] = useState<PayloadTab>(() => defaultTab(views));
  const base: readonly PayloadTab[] =
    views.json === null ? ['text', 'hex', 'base64'] : ['text', 'json', 'hex', 'base64'];
  const tabs: readonly PayloadTab[] = source === undefined ? base : [...base, 'decoded'];
  return (
    <div className="ipayload">
      <div className="ipayload-tabs" role="tablist">
        {tabs.map((t) => (
          <button
            key={t}
            type="button"
            role="tab"
            aria-selected={tab === t}
            className={tab === t ? 'chip on' : 'chip'}
            data-testid={`detail-tab-${t}`}
            onClick={() => setTab(t)}
          >
            {LABELS[t]}
          </button>
        ))}
        <span className="idim">{formatBytes(views.bytes.length)}</span>
      </div>
      <div className="ipayload-body" role="tabpanel" data-testid="detail-payload" data-tab={tab}>
        <TabBody tab={tab} views={views} source={source} />
      </div>
    </div>
  );
}
