/** The detail pane's header fields for a frame or a message, close code and violations. */
import type { FrameDetail, MessageDetail } from '../../../shared/ipc/contract.js';
import type { Violation } from '../../../shared/protocol/violations.js';
import {
  closeCodeText,
  compressionText,
  finText,
  lengthText,
  maskText,
  opcodeText,
  rsvText,
  violationConsequence,
} from './detail-text.js';
import './detail.css';

/** One labelled value (a row of the fields grid). */
function Field(props: {
  readonly label: string;
  readonly testId: string;
  readonly value: string;
  readonly warn?: boolean;
}) {
  return (
    <>
      <dt>{props.label}</dt>
      <dd data-testid={props.testId} className={props.warn === true ? 'iwarn' : undefined}>
        {props.value}
      </dd>
    </>
  );
}

/** Every header field of a frame, and its close code and reason for a Close frame. */
export function FrameFields({ detail }: { readonly detail: FrameDetail }) {
  const f = detail.frame;
  const close = f.closeCode === null ? null : closeCodeText(f.closeCode);
  return (
    <dl className="ifields">
      <Field label="FIN" testId="detail-fin" value={finText(f.fin)} />
      <Field
        label="RSV1"
        testId="detail-rsv1"
        value={rsvText(f.rsv1, 1, f.compressed)}
        warn={f.rsv1 && !f.compressed}
      />
      <Field label="RSV2" testId="detail-rsv2" value={rsvText(f.rsv2, 2, false)} warn={f.rsv2} />
      <Field label="RSV3" testId="detail-rsv3" value={rsvText(f.rsv3, 3, false)} warn={f.rsv3} />
      <Field label="opcode" testId="detail-opcode" value={opcodeText(f.opcode, f.opcodeName)} />
      <Field label="MASK" testId="detail-mask" value={maskText(f.masked)} />
      <Field label="masking key" testId="detail-mask-key" value={f.maskKey ?? '—'} />
      <Field
        label="payload length"
        testId="detail-length"
        value={lengthText(f.payloadLength, f.lengthBits, f.lengthMinimal)}
        warn={!f.lengthMinimal}
      />
      <Field label="header" testId="detail-header-length" value={`${f.headerLength} B`} />
      <Field
        label="offset"
        testId="detail-offset"
        value={`byte ${f.offset.toLocaleString('en-US')} of the ${detail.dir} stream`}
      />
      <Field
        label="message"
        testId="detail-message"
        value={f.message === null ? '— (control frame)' : `#${f.message}`}
      />
      {f.opcode === 0x8 && (
        <>
          <Field
            label="close code"
            testId="detail-close-code"
            value={close === null ? 'none (empty payload: 1005 No Status Received)' : close.label}
          />
          {close !== null && <Field label="meaning" testId="detail-close-meaning" value={close.meaning} />}
          {f.closeReason !== null && f.closeReason !== '' && (
            <Field label="reason" testId="detail-close-reason" value={f.closeReason} />
          )}
        </>
      )}
    </dl>
  );
}

/** A message's fields: kind, sizes and compression, its frames. */
export function MessageFields({ detail }: { readonly detail: MessageDetail }) {
  const shownIds = detail.frameIds.slice(0, 20).join(', ');
  const moreIds = detail.frameIds.length > 20 ? ` … (+${detail.frameIds.length - 20})` : '';
  return (
    <dl className="ifields">
      <Field
        label="opcode"
        testId="detail-opcode"
        value={detail.opcodeName === 'text' ? '0x1 · text' : '0x2 · binary'}
      />
      <Field label="size" testId="detail-length" value={`${detail.size.toLocaleString('en-US')} B`} />
      <Field label="compression" testId="detail-compression" value={compressionText(detail)} />
      <Field
        label="frames"
        testId="detail-frames"
        value={`${detail.frameCount}${detail.frameIds.length > 0 ? ` · ids ${shownIds}${moreIds}` : ''}`}
      />
    </dl>
  );
}

/** Violations with code, RFC section, explanation and what a strict peer does about them. */
export function ViolationList({ violations }: { readonly violations: readonly Violation[] }) {
  return (
    <section className="iviolations" data-testid="detail-violations" data-count={violations.length}>
      <h4>Violations</h4>
      {violations.length === 0 ? (
        <div className="idim">None: the decoder found nothing against RFC 6455 / 7692.</div>
      ) : (
        <ul>
          {violations.map((v, i) => (
            <li
              key={i}
              className={v.severity === 'error' ? 'verror' : 'vwarning'}
              data-testid="detail-violation"
              data-code={v.code}
            >
              <span className="vcode">{v.code}</span>
              <span className="vrfc">{v.rfc}</span>
              <span className="vmsg">{v.message}</span>
              <span className="vwhat">{violationConsequence(v.closeCode)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
