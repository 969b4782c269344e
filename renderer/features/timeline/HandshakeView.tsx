/** The upgrade request and response as they crossed the wire: lines, headers, and a refusal's body. */
import type { BodyJson, Header, UpgradeRequestEvent, UpgradeResponseEvent } from '../../../shared/model/events.js';

/** Props of HandshakeView. */
export interface HandshakeViewProps {
  readonly request: UpgradeRequestEvent | null;
  readonly response: UpgradeResponseEvent | null;
}

function Headers({ headers }: { readonly headers: readonly Header[] }) {
  return (
    <table className="tl-headers mono">
      <tbody>
        {headers.map(([name, value], i) => (
          <tr key={i}>
            <th>{name}</th>
            <td>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Body({ body }: { readonly body: BodyJson }) {
  const more = body.truncated ? ` (first part shown: ${body.length} bytes received in all)` : '';
  return (
    <div className="tl-body" data-testid="handshake-body">
      <div className="dim">
        Body, {body.length} bytes{body.text === undefined ? ', not UTF-8 text: shown as base64' : ''}
        {more}
      </div>
      <pre className="mono">{body.text ?? body.base64 ?? ''}</pre>
    </div>
  );
}

/** Request and response side by side. */
export function HandshakeView({ request, response }: HandshakeViewProps) {
  return (
    <div className="tl-handshake">
      <div className="tl-handshake-part" data-testid="handshake-request">
        <h4>Request</h4>
        {request === null ? (
          <div className="dim">No upgrade request seen.</div>
        ) : (
          <>
            <div className="mono tl-line">{request.requestLine}</div>
            <Headers headers={request.headers} />
          </>
        )}
      </div>
      <div className="tl-handshake-part" data-testid="handshake-response">
        <h4>Response</h4>
        {response === null ? (
          <div className="dim">{request === null ? 'No response.' : 'No response (yet).'}</div>
        ) : (
          <>
            <div className={response.status === 101 ? 'mono tl-line' : 'mono tl-line bad'}>{response.statusLine}</div>
            <Headers headers={response.headers} />
            {response.violations.length > 0 && (
              <ul className="tl-violations">
                {response.violations.map((v, i) => (
                  <li key={i}>
                    <span className="mono">{v.code}</span> {v.message}
                  </li>
                ))}
              </ul>
            )}
            {response.body !== null && <Body body={response.body} />}
          </>
        )}
      </div>
    </div>
  );
}
