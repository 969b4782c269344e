/** The detail of one fetched frame or message: fields, violations, notices and payload tabs. */
import { useMemo } from 'react';
import type { LoadedDetail } from './detail-cache.js';
import { FrameFields, MessageFields, ViolationList } from './DetailFields.js';
import { formatBytes, payloadViews } from './payload.js';
import { PayloadTabs } from './PayloadTabs.js';
import './detail.css';

/** Why the payload is missing or partial, and how a compressed frame's bytes differ from its message's. */
function PayloadNotices({ loaded }: { readonly loaded: LoadedDetail }) {
  const { detail } = loaded;
  const compressedFrame = loaded.kind === 'frame' && loaded.detail.frame.compressed;
  return (
    <>
      {detail.payloadError !== null && (
        <div className="inotice iwarn" data-testid="detail-payload-error">
          Payload not available ({detail.payloadError.code}): {detail.payloadError.message}
        </div>
      )}
      {detail.truncated > 0 && (
        <div className="inotice" data-testid="detail-truncated">
          {formatBytes(detail.truncated)} ({detail.truncated.toLocaleString('en-US')} B) past the fetch bound
          are not shown.
        </div>
      )}
      {compressedFrame && (
        <div className="inotice">
          These are the compressed bytes as they crossed the wire; the messages view shows the inflated
          payload.
        </div>
      )}
    </>
  );
}

/** Everything about one detail; a pure function of it (tested with renderToStaticMarkup). */
export function DetailBody({ loaded }: { readonly loaded: LoadedDetail }) {
  const views = useMemo(() => payloadViews(loaded.detail.payloadBase64), [loaded]);
  const violations = loaded.kind === 'frame' ? loaded.detail.frame.violations : loaded.detail.violations;
  return (
    <div className="idetail-body">
      <div className="idetail-fields">
        {loaded.kind === 'frame' ? (
          <FrameFields detail={loaded.detail} />
        ) : (
          <MessageFields detail={loaded.detail} />
        )}
        <ViolationList violations={violations} />
      </div>
      <div className="idetail-payload">
        <PayloadNotices loaded={loaded} />
        {views !== null && (
          <PayloadTabs
            views={views}
            source={{ kind: loaded.kind, id: loaded.detail.id, conn: loaded.detail.conn }}
          />
        )}
      </div>
    </div>
  );
}
